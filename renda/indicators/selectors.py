"""Reads for the pages, the handling report and the alerts: progress by dimension, by
indicator and by county, trends, values with their sources, what awaits review, what lags and
what is missing. Progress comes from one `ProgressTable` per call (a few queries)."""

import datetime as dt
import math
from dataclasses import dataclass, field

import numpy as np
from django.db.models import Prefetch, QuerySet

from renda.accounts.models import Role, User
from renda.congress.models import Region
from renda.core import clock
from renda.indicators import periods
from renda.indicators.access import may_read
from renda.indicators.models import (
    Dimension,
    Indicator,
    IndicatorSystem,
    IndicatorValue,
    ValueEvent,
    ValueState,
)
from renda.indicators.progress import Status, path_at
from renda.indicators.table import ProgressTable, missing_reports, progress_table

__all__ = [
    "county_comparison",
    "dimension_radar",
    "indicator_progress",
    "indicator_trend",
    "lagging",
    "linked_indicators",
    "missing",
    "missing_reports",
    "owed_reports",
    "progress_table",
    "reportable_indicators",
    "review_queue",
    "system_overview",
    "value_history",
    "visible_systems",
]


@dataclass
class Reading:
    """One point of progress: a value for a period, against its path and target."""

    year: int
    month: int
    period: str
    value: float
    expected: float
    completion: float | None
    time_share: float
    lag: float
    status: str | None
    baseline: float = math.nan  # the series' baseline (the region's own when it reported one)
    target: float = math.nan  # the final target (a band's middle)
    target_year: int = 0

    @property
    def status_label(self) -> str:
        return str(Status(self.status).label) if self.status else ""


@dataclass
class IndicatorProgress:
    """An indicator's latest reading in one region (None when nothing is accepted yet)."""

    indicator: Indicator
    region: Region
    latest: Reading | None

    @property
    def status(self) -> str:
        return self.latest.status if self.latest and self.latest.status else Status.NO_DATA


@dataclass
class DimensionSummary:
    dimension: Dimension
    indicators: list[IndicatorProgress]
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def with_data(self) -> int:
        return sum(n for s, n in self.counts.items() if s != Status.NO_DATA)

    @property
    def on_track_share(self) -> float | None:
        """Share of indicators with data that are met or on track."""
        good = self.counts.get(Status.MET, 0) + self.counts.get(Status.ON_TRACK, 0)
        return good / self.with_data if self.with_data else None


def visible_systems(actor: User) -> QuerySet[IndicatorSystem]:
    return IndicatorSystem.objects.all() if may_read(actor) else IndicatorSystem.objects.none()


def _reading(table: ProgressTable, point: int) -> Reading | None:
    if point < 0:
        return None
    completion = float(table.completion[point])
    indicator = table.indicators[int(table.point_indicator[point])]
    year, month = int(table.year[point]), int(table.month[point])
    s = table.cell(int(table.point_indicator[point]), int(table.point_region[point]))
    return Reading(
        year=year,
        month=month,
        period=periods.label(year, month, indicator.accumulation),
        value=float(table.value[point]),
        expected=float(table.expected[point]),
        completion=None if math.isnan(completion) else completion,
        time_share=float(table.time_share[point]),
        lag=float(table.lag[point]),
        status=table.status_of(point),
        baseline=float(table.series.baseline[s]),
        target=float(table.series.final[s]),
        target_year=int(table.series.final_t[s]),
    )


def indicator_progress(table: ProgressTable, region_index: int = 0) -> list[IndicatorProgress]:
    """Every indicator's latest reading in one region (default: the whole city)."""
    latest = table.latest()
    region = table.regions[region_index]
    return [
        IndicatorProgress(ind, region, _reading(table, int(latest[table.cell(i, region_index)])))
        for i, ind in enumerate(table.indicators)
    ]


def system_overview(system: IndicatorSystem, *, region: Region | None = None):
    """总览: per dimension, its indicators' latest city-wide (or one region's) progress and
    the count in each status. Returns (table, [DimensionSummary])."""
    table = progress_table(system)
    index = _region_index(table, region)
    by_dimension: dict[int, DimensionSummary] = {}
    for d in system.dimensions.all():
        by_dimension[d.pk] = DimensionSummary(d, [], {s: 0 for s in Status.values})
    for item in indicator_progress(table, index):
        summary = by_dimension[item.indicator.dimension_id]
        summary.indicators.append(item)
        summary.counts[item.status] += 1
    return table, [s for s in by_dimension.values() if s.indicators]


def _region_index(table: ProgressTable, region: Region | None) -> int:
    if region is None:
        return 0
    return next(j for j, r in enumerate(table.regions) if r.pk == region.pk)


@dataclass
class Trend:
    """An indicator's series in one region, with its baseline, targets and path (for a chart
    with a target line), and the series of the definitions it replaced."""

    indicator: Indicator
    region: Region
    readings: list[Reading]
    baseline: tuple[int, float]
    targets: list[tuple[int, float]]
    path: list[tuple[int, float]]  # the path's value at each year's end
    predecessors: list["Trend"] = field(default_factory=list)


def indicator_trend(indicator: Indicator, *, region: Region | None = None) -> Trend:
    """趋势: accepted values in period order, against the path and the targets."""
    table = progress_table(indicator.system, indicators=[indicator])
    j = _region_index(table, region)
    points = table.points_of(0, j)
    s = table.cell(0, j)
    knots = table.series.knot_series == s
    targets = [
        (int(t), float(v))
        for t, v in zip(table.series.knot_t[knots], table.series.knot_value[knots], strict=True)
        if t > indicator.baseline_year
    ]
    trend = Trend(
        indicator=indicator,
        region=table.regions[j],
        readings=[_reading(table, int(p)) for p in points],
        baseline=(indicator.baseline_year, float(table.series.baseline[s])),
        targets=targets,
        path=_path_by_year(table, s, indicator),
    )
    if indicator.replaces_id:
        trend.predecessors = [indicator_trend(indicator.replaces, region=table.regions[j])]
    return trend


def _path_by_year(table: ProgressTable, s: int, indicator: Indicator) -> list[tuple[int, float]]:
    years = np.arange(indicator.baseline_year, int(table.series.final_t[s]) + 1)
    values = path_at(table.series, np.full(len(years), s), years.astype(float))
    return [(int(y), float(v)) for y, v in zip(years, values, strict=True)]


def county_comparison(indicator: Indicator) -> list[IndicatorProgress]:
    """分县比较: the latest reading of a per-county indicator in each county, the city first."""
    table = progress_table(indicator.system, indicators=[indicator])
    latest = table.latest()
    return [
        IndicatorProgress(indicator, region, _reading(table, int(latest[table.cell(0, j)])))
        for j, region in enumerate(table.regions)
        if j == 0 or indicator.per_region
    ]


@dataclass
class RadarAxis:
    dimension: Dimension
    score: float | None  # mean completion, each indicator capped to [0, 1]
    on_track_share: float | None


def dimension_radar(system: IndicatorSystem, *, region: Region | None = None) -> list[RadarAxis]:
    """雷达图: per dimension, the mean completion of its indicators (a met band indicator
    counts 1, one outside its band 0) and the share met or on track."""
    _table, summaries = system_overview(system, region=region)
    return radar_of(summaries)


def radar_of(summaries: list[DimensionSummary]) -> list[RadarAxis]:
    """The radar's axes from an overview's dimension summaries."""
    axes = []
    for summary in summaries:
        scores = [_score(item) for item in summary.indicators if item.latest]
        axes.append(
            RadarAxis(
                summary.dimension,
                sum(scores) / len(scores) if scores else None,
                summary.on_track_share,
            )
        )
    return axes


def _score(item: IndicatorProgress) -> float:
    reading = item.latest
    if reading.completion is None:
        return 1.0 if reading.status == Status.MET else 0.0
    return min(max(reading.completion, 0.0), 1.0)


def value_history(
    indicator: Indicator, *, region: Region | None = None
) -> QuerySet[IndicatorValue]:
    """明细: an indicator's reported values with their revisions (sources, attachments) and
    history, newest period first."""
    values = IndicatorValue.objects.filter(indicator=indicator)
    if region is not None:
        values = values.filter(region=region)
    return (
        values.select_related("region", "reported_by", "reviewed_by")
        .prefetch_related(
            "revisions__entered_by",
            Prefetch("events", queryset=ValueEvent.objects.select_related("actor")),
        )
        .order_by("-year", "-month", "region__order")
    )


def reportable_indicators(actor: User) -> QuerySet[Indicator]:
    """What an officer reports: the current indicators their unit is responsible for (staff,
    who may enter any figure on a unit's behalf, get all current indicators)."""
    current = Indicator.objects.filter(retired_in_version__isnull=True).select_related(
        "system", "dimension", "responsible_unit"
    )
    if actor.role == Role.STAFF:
        return current
    if actor.role == Role.UNIT_OFFICER and actor.organization_id:
        return current.filter(responsible_unit_id=actor.organization_id)
    return current.none()


def review_queue(actor: User) -> QuerySet[IndicatorValue]:
    """待审核: values awaiting staff review, oldest first (empty for anyone but staff)."""
    if actor.role != Role.STAFF:
        return IndicatorValue.objects.none()
    return (
        IndicatorValue.objects.filter(state=ValueState.SUBMITTED)
        .select_related("indicator__system", "indicator__responsible_unit", "region", "reported_by")
        .order_by("reported_at", "pk")
    )


@dataclass
class Lagging:
    indicator: Indicator
    region: Region
    reading: Reading


def lagging(system: IndicatorSystem, *, table: ProgressTable | None = None) -> list[Lagging]:
    """滞后预警: every indicator and region whose latest reading lags or seriously lags,
    worst first."""
    table = table or progress_table(system)
    latest = table.latest()
    found = []
    for cell in np.flatnonzero(latest >= 0):
        point = int(latest[cell])
        if table.status_of(point) in (Status.LAGGING, Status.SERIOUSLY_LAGGING):
            i, j = divmod(int(cell), len(table.regions))
            found.append(Lagging(table.indicators[i], table.regions[j], _reading(table, point)))
    return sorted(found, key=lambda f: -f.reading.lag)


def missing(system: IndicatorSystem, *, today: dt.date | None = None):
    """缺报预警: reports past their due date (see `table.missing_reports`)."""
    return missing_reports(system, today=today or clock.today())


@dataclass
class LinkedIndicator:
    """A linked indicator's city-wide progress and how its counties stand."""

    indicator: Indicator
    note: str
    city: IndicatorProgress
    counties: list[IndicatorProgress]

    @property
    def county_counts(self) -> dict[str, int]:
        counts = {s: 0 for s in Status.values}
        for item in self.counties:
            counts[item.status] += 1
        return counts


def linked_indicators(subject) -> list[LinkedIndicator]:
    """关联指标进度: for a motion, a suggestion or any linked object, its indicators with
    their progress (one progress table per system involved)."""
    from django.contrib.contenttypes.models import ContentType

    from renda.indicators.models import IndicatorLink

    content_type = ContentType.objects.get_for_model(subject, for_concrete_model=True)
    links = list(
        IndicatorLink.objects.filter(content_type=content_type, object_id=subject.pk)
        .select_related("indicator__system", "indicator__dimension", "indicator__responsible_unit")
        .order_by("indicator__system_id", "indicator__dimension__order", "indicator__order")
    )
    by_system: dict[int, list] = {}
    for link in links:
        by_system.setdefault(link.indicator.system_id, []).append(link)
    found = []
    for system_links in by_system.values():
        indicators = [link.indicator for link in system_links]
        table = progress_table(indicators[0].system, indicators=indicators)
        latest = table.latest()
        for i, link in enumerate(system_links):
            rows = [
                IndicatorProgress(link.indicator, r, _reading(table, int(latest[table.cell(i, j)])))
                for j, r in enumerate(table.regions)
            ]
            counties = rows[1:] if link.indicator.per_region else []
            found.append(LinkedIndicator(link.indicator, link.note, rows[0], counties))
    return found


def owed_reports(actor: User, *, today: dt.date | None = None):
    """待报: the reports `actor`'s unit owes past their due date, in every system — (indicator,
    region, year, month, due date), for the unit's reporting page."""
    if actor.role != Role.UNIT_OFFICER or not actor.organization_id:
        return []
    owed = []
    for system in IndicatorSystem.objects.filter(
        indicators__responsible_unit_id=actor.organization_id
    ).distinct():
        mine = list(
            system.indicators.filter(
                retired_in_version__isnull=True, responsible_unit_id=actor.organization_id
            )
        )
        owed += missing_reports(system, today=today or clock.today(), indicators=mine)
    return owed


# -- what the pages read ---------------------------------------------------------------------


@dataclass
class SystemPage:
    """The overview page: per dimension its indicators and counts, the radar, what lags in
    the chosen region (the whole city by default) and — for the whole city — what lags in
    the counties, by indicator."""

    system: IndicatorSystem
    region: Region
    regions: list[Region]
    dimensions: list[DimensionSummary]
    radar: list[RadarAxis]
    lagging: list[Lagging]
    county_lagging: list[tuple[Indicator, list[Lagging]]]


def system_page(system: IndicatorSystem, *, region: Region | None = None) -> SystemPage:
    """总览 in one progress table (a fixed number of queries)."""
    table, summaries = system_overview(system, region=region)
    chosen = table.regions[_region_index(table, region)]
    behind = lagging(system, table=table)
    by_indicator: dict[int, tuple[Indicator, list[Lagging]]] = {}
    if chosen.pk == table.city.pk:
        for item in behind:
            if item.region.pk != chosen.pk:
                by_indicator.setdefault(item.indicator.pk, (item.indicator, []))[1].append(item)
    return SystemPage(
        system,
        chosen,
        table.regions,
        summaries,
        radar_of(summaries),
        [item for item in behind if item.region.pk == chosen.pk],
        sorted(by_indicator.values(), key=lambda pair: (-len(pair[1]), pair[0].code)),
    )


def value_details(actor: User, indicator: Indicator, *, region: Region | None = None):
    """明细 as `actor` may see it: every value with its revisions and history for staff and
    the responsible unit; adopted values only for other readers (see `access`)."""
    from renda.indicators.access import sees_unreviewed

    values = value_history(indicator, region=region)
    if not sees_unreviewed(actor, indicator):
        values = values.filter(accepted_value__isnull=False)
    return values


def unit_values(actor: User, state: str) -> QuerySet[IndicatorValue]:
    """A unit officer's values in one state (returned: to revise; submitted: awaiting
    review) on their unit's current indicators, newest first."""
    if actor.role != Role.UNIT_OFFICER or not actor.organization_id:
        return IndicatorValue.objects.none()
    return (
        IndicatorValue.objects.filter(
            indicator__responsible_unit_id=actor.organization_id,
            indicator__retired_in_version__isnull=True,
            state=state,
        )
        .select_related("indicator__system", "region", "reported_by", "reviewed_by")
        .order_by("-reported_at", "pk")
    )


@dataclass
class LinkedPanel:
    """What an item's page shows of its indicators: their progress, and whether the viewer
    may change the links."""

    items: list[LinkedIndicator]
    may_link: bool
    label: str  # the item's model, "app_label.model_name", for the link page's address

    def __bool__(self) -> bool:
        return bool(self.items or self.may_link)

    @property
    def counts(self) -> list[tuple[str, int]]:
        """How many linked indicators stand in each status, city-wide (worst last)."""
        found = {s: 0 for s in Status.values}
        for item in self.items:
            found[item.city.status] += 1
        return [(s, n) for s, n in found.items() if n]


def linked_panel(user: User, subject) -> LinkedPanel | None:
    """关联指标 for an item's page: None for a viewer who does not read indicators, or when
    the item's kind cannot be linked."""
    from renda.indicators.access import may_link
    from renda.indicators.services.links import is_linkable

    if not may_read(user) or not is_linkable(subject):
        return None
    meta = subject._meta.concrete_model._meta
    return LinkedPanel(
        linked_indicators(subject), may_link(user, subject), f"{meta.app_label}.{meta.model_name}"
    )
