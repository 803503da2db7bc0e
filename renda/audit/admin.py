from django.contrib import admin

from renda.audit.access import may_read_audit
from renda.audit.models import AuditRecord


@admin.register(AuditRecord)
class AuditRecordAdmin(admin.ModelAdmin):
    """Read-only, and only for the audit administrator; the pages at /audit/ are the main way."""

    list_display = ["at", "actor_username", "address", "category", "action", "result"]
    list_filter = ["category", "result"]
    search_fields = ["actor_username", "action", "object_label", "address"]

    def has_module_permission(self, request) -> bool:
        return may_read_audit(request.user)

    def has_view_permission(self, request, obj=None) -> bool:
        return may_read_audit(request.user)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
