from django.contrib import admin

from renda.reports.models import ScoringRule


@admin.register(ScoringRule)
class ScoringRuleAdmin(admin.ModelAdmin):
    """The congress edits its scoring formula here (one row)."""

    list_display = [
        "__str__",
        "on_time_weight",
        "contact_weight",
        "satisfaction_weight",
        "result_class_weight",
        "rehandling_weight",
        "follow_up_weight",
    ]

    def has_add_permission(self, request):
        return not ScoringRule.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False
