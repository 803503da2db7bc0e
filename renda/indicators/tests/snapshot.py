"""A fingerprint of everything the indicator services could touch, to prove a refusal changed
nothing."""

from renda.indicators.models import (
    Dimension,
    Indicator,
    IndicatorLink,
    IndicatorSystem,
    IndicatorValue,
    SystemEvent,
    Target,
    ValueEvent,
    ValueRevision,
)


def snapshot() -> dict:
    return {
        "systems": sorted(IndicatorSystem.objects.values_list("pk", "name", "version")),
        "dimensions": sorted(Dimension.objects.values_list("pk", "name")),
        "indicators": sorted(
            Indicator.objects.values_list("pk", "code", "name", "retired_in_version")
        ),
        "targets": sorted(Target.objects.values_list("indicator_id", "region_id", "year", "value")),
        "values": sorted(
            IndicatorValue.objects.values_list(
                "pk", "state", "value", "revision", "accepted_value", "source_note"
            )
        ),
        "revisions": ValueRevision.objects.count(),
        "value_events": ValueEvent.objects.count(),
        "system_events": SystemEvent.objects.count(),
        "links": IndicatorLink.objects.count(),
    }
