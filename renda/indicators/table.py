"""The progress of a whole system in a few queries: every accepted value of every indicator in
every region, classified at once (`progress.compute`). Selectors read from a `ProgressTable`.

Series are the cells of the grid indicators × regions. A county's baseline is its accepted
value for the baseline year when reported, else the city's; its targets are its own when set,
else the city's. Band indicators need no target: their band is the target.
"""

import datetime as dt
from dataclasses import dataclass, field

import numpy as np
from django.db.models import FloatField, Q
from django.db.models.functions import Cast

from renda.congress.models import Region
from renda.indicators import periods
from renda.indicators.models import (
    Accumulation,
    Direction,
    Indicator,
    IndicatorSystem,
    IndicatorValue,
    Target,
    ValueState,
)
from renda.indicators.progress import BAND, CODES, HIGHER, LOWER, Series, Thresholds, compute
from renda.indicators.regions import city_region, county_regions

_SIGN = {Direction.HIGHER: HIGHER, Direction.LOWER: LOWER, Direction.BAND: BAND}


@dataclass
class ProgressTable:
    """Points (one per accepted value) with their progress, and the grid they sit on."""

    system: IndicatorSystem
    indicators: list[Indicator]
    regions: list[Region]  # the city first, then the counties
    series: Series
    point_indicator: np.ndarray  # index into `indicators`
    point_region: np.ndarray  # index into `regions`
    year: np.ndarray
    month: np.ndarray
    value: np.ndarray
    expected: np.ndarray
    lag: np.ndarray
    completion: np.ndarray
    time_share: np.ndarray
    status: np.ndarray
    _latest: np.ndarray | None = field(default=None, repr=False)

    @property
    def city(self) -> Region:
        return self.regions[0]

    def cell(self, indicator_index: int, region_index: int) -> int:
        return indicator_index * len(self.regions) + region_index

    def latest(self) -> np.ndarray:
        """For each cell (indicator × region), the index of its latest point, or −1."""
        if self._latest is None:
            cells = self.point_indicator * len(self.regions) + self.point_region
            order = np.lexsort((self.month, self.year, cells))
            latest = np.full(len(self.indicators) * len(self.regions), -1, dtype=np.int64)
            ordered = cells[order]
            last = np.r_[ordered[1:] != ordered[:-1], True] if len(order) else ordered
            latest[ordered[last]] = order[last]
            self._latest = latest
        return self._latest

    def points_of(self, indicator_index: int, region_index: int) -> np.ndarray:
        """The indices of a cell's points in period order."""
        mask = (self.point_indicator == indicator_index) & (self.point_region == region_index)
        found = np.flatnonzero(mask)
        return found[np.lexsort((self.month[found], self.year[found]))]

    def status_of(self, point: int) -> str | None:
        code = int(self.status[point]) if point >= 0 else -1
        return CODES[code] if code >= 0 else None


def progress_table(
    system: IndicatorSystem,
    *,
    indicators: list[Indicator] | None = None,
    regions: list[Region] | None = None,
    thresholds: Thresholds | None = None,
) -> ProgressTable:
    """Load and classify. Defaults: the system's current indicators, all regions."""
    if indicators is None:
        indicators = list(
            system.indicators.filter(retired_in_version__isnull=True).select_related(
                "dimension", "responsible_unit"
            )
        )
    regions = regions or [city_region(), *county_regions()]
    thresholds = thresholds or Thresholds.of(system)
    index_of = {ind.pk: i for i, ind in enumerate(indicators)}
    region_of = {r.pk: j for j, r in enumerate(regions)}
    points = _load_points(index_of, region_of)
    series = build_series(system, indicators, regions, points, _load_targets(index_of, region_of))
    ind, reg, year, month, value = points
    result = compute(series, ind * len(regions) + reg, year, month, value, thresholds)
    return ProgressTable(
        system,
        indicators,
        regions,
        series,
        ind,
        reg,
        year,
        month,
        value,
        result.expected,
        result.lag,
        result.completion,
        result.time_share,
        result.status,
    )


def _load_points(index_of: dict, region_of: dict):
    rows = list(
        IndicatorValue.objects.filter(
            indicator_id__in=list(index_of),
            region_id__in=list(region_of),
            accepted_value__isnull=False,
        )
        .annotate(number=Cast("accepted_value", FloatField()))
        .values_list("indicator_id", "region_id", "year", "month", "number")
    )
    if not rows:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty, empty, np.zeros(0)
    ids, region_ids, year, month, value = (np.array(c) for c in zip(*rows, strict=True))
    return (
        _positions(ids, index_of),
        _positions(region_ids, region_of),
        year.astype(np.int64),
        month.astype(np.int64),
        value.astype(np.float64),
    )


def _positions(ids: np.ndarray, index_of: dict) -> np.ndarray:
    keys = np.array(sorted(index_of))
    positions = np.array([index_of[k] for k in keys])
    return positions[np.searchsorted(keys, ids)]


def _load_targets(index_of: dict, region_of: dict) -> dict[tuple[int, int], dict[int, float]]:
    """(indicator index, region index) → {year: value}."""
    found: dict[tuple[int, int], dict[int, float]] = {}
    rows = (
        Target.objects.filter(indicator_id__in=list(index_of), region_id__in=list(region_of))
        .annotate(number=Cast("value", FloatField()))
        .values_list("indicator_id", "region_id", "year", "number")
    )
    for indicator_id, region_id, year, value in rows:
        found.setdefault((index_of[indicator_id], region_of[region_id]), {})[year] = value
    return found


def build_series(system, indicators, regions, points, targets) -> Series:
    """The grid's series: for each indicator × region, its sign, baseline, targets as knots."""
    n_regions = len(regions)
    baselines = _region_baselines(indicators, points)
    columns: dict[str, list] = {k: [] for k in Series.__dataclass_fields__}
    for i, ind in enumerate(indicators):
        city_targets = targets.get((i, 0), {})
        for j in range(n_regions):
            own = targets.get((i, j)) or city_targets
            b = baselines.get((i, j), float(ind.baseline_value))
            _add_series(columns, i * n_regions + j, ind, b, own, system.target_year)
    return Series(**{k: np.array(v, dtype=_DTYPES.get(k, np.float64)) for k, v in columns.items()})


_DTYPES = {"sign": np.int64, "ytd": bool, "knot_series": np.int64}


def _add_series(columns, s, ind: Indicator, baseline, targets, target_year) -> None:
    later = sorted((y, v) for y, v in targets.items() if y > ind.baseline_year)
    sign = _SIGN[ind.direction]
    low = float(ind.band_low) if ind.band_low is not None else np.nan
    high = float(ind.band_high) if ind.band_high is not None else np.nan
    if later:
        final_t, final = later[-1]
    elif sign == BAND:
        final_t, final = target_year, (low + high) / 2
    else:
        final_t, final = target_year, np.nan
    columns["sign"].append(sign)
    columns["baseline_t"].append(ind.baseline_year)
    columns["baseline"].append(baseline)
    columns["final_t"].append(final_t)
    columns["final"].append(final)
    columns["band_low"].append(low)
    columns["band_high"].append(high)
    columns["ytd"].append(ind.accumulation == Accumulation.YEAR_TO_DATE)
    knots = [(ind.baseline_year, baseline), *later] if sign != BAND else [(final_t, final)]
    for t, v in knots:
        columns["knot_series"].append(s)
        columns["knot_t"].append(float(t))
        columns["knot_value"].append(v)


def _region_baselines(indicators, points) -> dict[tuple[int, int], float]:
    """A county's own baseline: its accepted value for the baseline year (the whole year)."""
    ind, reg, year, month, value = points
    baseline_years = np.array([i.baseline_year for i in indicators] or [0])
    if len(ind) == 0:
        return {}
    mask = (year == baseline_years[ind]) & (month == 12) & (reg > 0)
    return {
        (int(i), int(j)): float(v)
        for i, j, v in zip(ind[mask], reg[mask], value[mask], strict=True)
    }


# -- what is missing ------------------------------------------------------------------------


def missing_reports(
    system: IndicatorSystem, *, today: dt.date, indicators: list[Indicator] | None = None
) -> list[tuple[Indicator, Region, int, int, dt.date]]:
    """缺报: (indicator, region, year, month, due date) for every period whose report was due
    before `today` and has no value (or only a returned one): the city for every indicator,
    each county too for those reported per county; up to the target year."""
    if indicators is None:
        indicators = list(
            system.indicators.filter(retired_in_version__isnull=True).select_related(
                "responsible_unit"
            )
        )
    city, counties = city_region(), list(county_regions())
    present = set(
        IndicatorValue.objects.filter(indicator__in=indicators)
        .filter(~Q(state=ValueState.RETURNED) | Q(accepted_value__isnull=False))
        .values_list("indicator_id", "region_id", "year", "month")
    )
    due_days = system.report_due_days
    missing = []
    for ind in indicators:
        regions = [city, *counties] if ind.per_region else [city]
        for year, month in periods.expected_periods(ind, today, due_days, system.target_year):
            due = periods.due_date(year, month, due_days)
            for region in regions:
                if (ind.pk, region.pk, year, month) not in present:
                    missing.append((ind, region, year, month, due))
    return missing
