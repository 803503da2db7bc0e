"""Admin: staff adjust a system's thresholds and due days (configuration); indicators, values
and history are shown read-only — they change only through the services, with history."""

from django.contrib import admin

from renda.indicators.models import (
    Indicator,
    IndicatorAlert,
    IndicatorSystem,
    IndicatorValue,
    SystemEvent,
    ValueEvent,
)


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(IndicatorSystem)
class IndicatorSystemAdmin(admin.ModelAdmin):
    list_display = ["name", "target_year", "version", "on_track_lag", "lagging_lag"]
    fields = [
        "name",
        "description",
        "target_year",
        "version",
        "on_track_lag",
        "lagging_lag",
        "report_due_days",
    ]
    readonly_fields = ["name", "target_year", "version"]

    def has_add_permission(self, request):
        return False  # systems are created by import or the services, with history


@admin.register(Indicator)
class IndicatorAdmin(ReadOnly):
    list_display = ["code", "name", "dimension", "unit", "direction", "responsible_unit"]
    list_filter = ["system", "dimension", "direction", "frequency", "per_region"]
    search_fields = ["code", "name", "aliases"]


@admin.register(IndicatorValue)
class IndicatorValueAdmin(ReadOnly):
    list_display = ["indicator", "region", "year", "month", "value", "state", "accepted_value"]
    list_filter = ["state", "indicator__system", "region"]


@admin.register(ValueEvent)
class ValueEventAdmin(ReadOnly):
    list_display = ["at", "reported", "action", "from_state", "to_state", "actor"]


@admin.register(SystemEvent)
class SystemEventAdmin(ReadOnly):
    list_display = ["at", "system", "indicator", "action", "version", "actor"]


@admin.register(IndicatorAlert)
class IndicatorAlertAdmin(ReadOnly):
    list_display = ["raised_at", "kind", "indicator", "region", "year", "month", "notified_at"]
    list_filter = ["kind"]
