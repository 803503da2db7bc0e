"""Background work for indicators (Django's tasks API; a scheduler enqueues it daily)."""

from django_tasks import task

from renda.indicators.alerts import raise_alerts


@task()
def raise_indicator_alerts() -> int:
    """Record new lagging and missing-report alerts; returns how many were raised."""
    return len(raise_alerts())
