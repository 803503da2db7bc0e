from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from renda.accounts.models import Role
from renda.congress.models import (
    CalendarDay,
    CongressSettings,
    Delegation,
    Deputy,
    Organization,
    Region,
    Session,
    Term,
)


@admin.register(CongressSettings)
class CongressSettingsAdmin(admin.ModelAdmin):
    list_display = ["name", "level", "motion_min_signers", "reply_months", "max_reply_months"]

    # Configuration is the system administrator's job (三权分立); staff may read it.
    def has_add_permission(self, request):
        return _configures(request) and not CongressSettings.objects.exists()

    def has_change_permission(self, request, obj=None):
        return _configures(request) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return _configures(request) and super().has_delete_permission(request, obj)


def _configures(request) -> bool:
    user = request.user
    return user.is_superuser or getattr(user, "role", "") == Role.SYSTEM_ADMIN


class SessionInline(admin.TabularInline):
    model = Session
    extra = 0


@admin.register(Term)
class TermAdmin(admin.ModelAdmin):
    list_display = ["__str__", "start_date", "end_date"]
    inlines = [SessionInline]


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "start_date", "end_date", "motion_deadline"]
    list_filter = ["term"]


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "order"]


@admin.register(Delegation)
class DelegationAdmin(admin.ModelAdmin):
    list_display = ["name", "term", "region", "contact_name"]
    list_filter = ["term"]


@admin.register(Deputy)
class DeputyAdmin(admin.ModelAdmin):
    list_display = ["name", "delegation", "gender", "occupation", "masked_mobile", "active"]
    list_filter = ["term", "delegation", "gender", "active"]
    search_fields = ["name", "initials", "occupation"]
    readonly_fields = ["initials"]

    @admin.display(description=_("mobile"))
    def masked_mobile(self, obj: Deputy) -> str:
        from renda.congress.masking import mask_phone

        return mask_phone(obj.mobile) if obj.mobile else ""


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "unit_type", "parent", "active"]
    list_filter = ["kind", "unit_type", "active"]
    search_fields = ["name", "short_name"]


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    list_display = ["date", "is_workday", "note"]
