from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from renda.accounts.models import User
from renda.audit.services import audit_user_change, user_snapshot


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "full_name", "role", "organization", "is_active"]
    list_filter = ["role", "is_active", "is_staff"]
    search_fields = ["username", "full_name"]  # mobiles are encrypted
    autocomplete_fields = ["deputy", "organization"]
    fieldsets = [
        *BaseUserAdmin.fieldsets,
        (_("Role in renda"), {"fields": ["role", "full_name", "mobile", "deputy", "organization"]}),
    ]
    add_fieldsets = [
        *BaseUserAdmin.add_fieldsets,
        (_("Role in renda"), {"fields": ["role", "full_name", "mobile", "deputy", "organization"]}),
    ]

    # 权限变更 are audited: the powers before the form is saved, and after its groups and
    # permissions (saved later, in save_related) are in place.
    def save_model(self, request, obj, form, change):
        before = User.objects.filter(pk=obj.pk).first() if change else None
        request._audit_user_before = user_snapshot(before) if before else None
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        before = getattr(request, "_audit_user_before", None)
        audit_user_change(request.user, form.instance, before, user_snapshot(form.instance))

    # Roles and permissions are the security administrator's (renda.accounts.services.set_role);
    # accounts are created on the system administrator's page, which applies the password rules.
    GUARDED_FIELDS = ("role", "is_superuser", "is_staff", "groups", "user_permissions")

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            fields += list(self.GUARDED_FIELDS)
        return fields

    def has_add_permission(self, request) -> bool:
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None) -> bool:
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None) -> bool:
        # Administrators' accounts (and so their passwords) are out of the system
        # administrator's reach: resetting one would let them log in as another administrator.
        if obj is not None and obj.is_administrator and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)
