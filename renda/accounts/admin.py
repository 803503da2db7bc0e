from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from renda.accounts.models import User


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
