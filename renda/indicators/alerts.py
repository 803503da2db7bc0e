"""预警: record an alert row, once, for each lagging indicator and each report missing after
its due date. A scheduler calls `raise_alerts` (the `raise_indicator_alerts` task, or
`manage.py indicator_alerts`); a notifier can later send the rows not yet notified, as from an
outbox. Calling it again raises nothing new."""

import datetime as dt

from django.db import transaction

from renda.core import clock
from renda.indicators.models import AlertKind, IndicatorAlert, IndicatorSystem
from renda.indicators.selectors import lagging, missing


def raise_alerts(*, today: dt.date | None = None) -> list[IndicatorAlert]:
    """Record the alerts not yet recorded, for every system; return the new ones."""
    today = today or clock.today()
    now = clock.now()
    wanted = []
    for system in IndicatorSystem.objects.all():
        for item in lagging(system):
            r = item.reading
            wanted.append(
                IndicatorAlert(
                    kind=AlertKind.LAGGING,
                    indicator=item.indicator,
                    region=item.region,
                    year=r.year,
                    month=r.month,
                    status=r.status or "",
                    raised_at=now,
                )
            )
        for indicator, region, year, month, due in missing(system, today=today):
            wanted.append(
                IndicatorAlert(
                    kind=AlertKind.MISSING,
                    indicator=indicator,
                    region=region,
                    year=year,
                    month=month,
                    due_date=due,
                    raised_at=now,
                )
            )
    return _new_only(wanted)


def _new_only(wanted: list[IndicatorAlert]) -> list[IndicatorAlert]:
    def key(a):
        return (a.kind, a.indicator_id, a.region_id, a.year, a.month)

    with transaction.atomic():
        known = set(
            IndicatorAlert.objects.values_list("kind", "indicator_id", "region_id", "year", "month")
        )
        fresh = [a for a in wanted if key(a) not in known]
        IndicatorAlert.objects.bulk_create(fresh, ignore_conflicts=True)
    return fresh
