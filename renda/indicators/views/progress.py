"""The progress pages: the systems, a system's overview, an indicator with its charts and
values, and the alerts. Every reader sees them; figures not yet adopted only staff and the
responsible unit (`access.sees_unreviewed`)."""

from django.db.models import Count, Q
from django.shortcuts import render

from renda.accounts.models import Role
from renda.core import clock
from renda.indicators import charts, selectors
from renda.indicators.access import get_indicator_for, get_system_for, relations_to
from renda.indicators.models import IndicatorSystem, ValueState
from renda.indicators.regions import city_region, county_regions
from renda.indicators.views.common import chosen_region, readers_only


@readers_only
def index(request):
    """指标监测: the systems, and what waits for this user (reports owed, values to review)."""
    user = request.user
    systems = IndicatorSystem.objects.annotate(
        current=Count("indicators", filter=Q(indicators__retired_in_version__isnull=True))
    )
    waiting = {}
    if user.role == Role.UNIT_OFFICER:
        waiting = {
            "owed": len(selectors.owed_reports(user)),
            "returned": selectors.unit_values(user, ValueState.RETURNED).count(),
        }
    elif user.role == Role.STAFF:
        waiting = {"review": selectors.review_queue(user).count()}
    return render(
        request,
        "indicators/index.html",
        {"systems": systems, "waiting": waiting, "tab": "progress"},
    )


@readers_only
def overview(request, pk: int):
    """总览: each dimension's share on track, the radar, what lags and why."""
    system = get_system_for(request.user, pk)
    regions = [city_region(), *county_regions()]
    page = selectors.system_page(system, region=chosen_region(request, regions))
    return render(
        request,
        "indicators/overview.html",
        {
            "system": system,
            "page": page,
            "radar": charts.radar_chart(page.radar),
            "dimension_chart": charts.dimension_chart(page.dimensions),
            "tab": "progress",
        },
    )


@readers_only
def indicator_page(request, pk: int):
    """An indicator: its trend against the path and the target, the counties compared, and
    the values with their sources."""
    indicator = get_indicator_for(request.user, pk)
    regions = [city_region(), *county_regions()] if indicator.per_region else [city_region()]
    region = chosen_region(request, regions)
    trend = selectors.indicator_trend(indicator, region=region)
    counties = selectors.county_comparison(indicator) if indicator.per_region else []
    return render(
        request,
        "indicators/indicator.html",
        {
            "indicator": indicator,
            "system": indicator.system,
            "region": trend.region,
            "regions": regions,
            "trend": trend,
            "latest": trend.readings[-1] if trend.readings else None,
            "trend_chart": charts.trend_chart(trend),
            "counties": counties,
            "county_chart": charts.county_chart(indicator, counties) if counties else None,
            "targets": indicator.targets.select_related("region"),
            "values": selectors.value_details(request.user, indicator, region=trend.region),
            "sees_unreviewed": bool(relations_to(request.user, indicator)),
            "may_report": bool(relations_to(request.user, indicator)) and indicator.is_current,
            "tab": "progress",
        },
    )


@readers_only
def alerts(request):
    """预警: lagging indicators and reports missing past their due date, per system (a unit
    officer sees their unit's)."""
    user = request.user
    unit = user.organization_id if user.role == Role.UNIT_OFFICER else None
    today = clock.today()
    found = []
    for system in IndicatorSystem.objects.all():
        behind = selectors.lagging(system)
        missing = selectors.missing(system, today=today)
        if unit is not None:
            behind = [b for b in behind if b.indicator.responsible_unit_id == unit]
            missing = [m for m in missing if m[0].responsible_unit_id == unit]
        found.append((system, behind, missing))
    return render(
        request,
        "indicators/alerts.html",
        {"found": found, "unit_only": unit is not None, "today": today, "tab": "alerts"},
    )
