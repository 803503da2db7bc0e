"""The data each chart draws, as plain dicts for `json_script`; `static/indicators/charts.js`
turns them into ECharts options. Labels are translated here, so the script holds no text."""

import math

from django.utils.translation import gettext as _

from renda.indicators.models import Accumulation, Direction, Indicator
from renda.indicators.progress import Status
from renda.indicators.reasons import figure

STATUS_ORDER = [
    Status.MET,
    Status.ON_TRACK,
    Status.LAGGING,
    Status.SERIOUSLY_LAGGING,
    Status.NO_DATA,
]


def _number(value: float | None) -> float | None:
    return None if value is None or math.isnan(value) else float(figure(value))


def _statuses() -> dict[str, str]:
    return {str(s): str(s.label) for s in STATUS_ORDER}


def trend_chart(trend) -> dict:
    """趋势图: the figures by period, the linear path and the targets (a `selectors.Trend`).
    Periods run from the baseline year to the target year; in-year periods of a cumulative
    indicator sit before their year, with the path pro rata, as progress compares them."""
    indicator = trend.indicator
    path = dict(trend.path)
    readings = {(r.year, r.month): r for r in trend.readings}
    periods = _periods(indicator, trend, readings)
    previous = {(r.year, r.month): r.value for p in trend.predecessors for r in p.readings}
    return {
        "kind": "trend",
        "unit": indicator.unit,
        "categories": [_label(indicator, y, m) for y, m in periods],
        "values": [_number(readings[p].value) if p in readings else None for p in periods],
        "path": [_path_point(p, path, readings) for p in periods],
        "targets": [_number(dict(trend.targets).get(y)) if m == 12 else None for y, m in periods],
        "previous": [_number(previous.get(p)) for p in periods] if previous else [],
        "status": [readings[p].status if p in readings else None for p in periods],
        "band": _band(indicator),
        "final": _number(trend.targets[-1][1]) if trend.targets else None,
        "labels": {
            "values": _("reported (adopted)"),
            "path": _("linear path"),
            "targets": _("target"),
            "previous": _("before redefinition"),
            "final": _("final target"),
            "band": _("band"),
        },
        "statuses": _statuses(),
    }


def _periods(indicator, trend, readings) -> list[tuple[int, int]]:
    years = [y for y, _v in trend.path] or [indicator.baseline_year]
    found = set(readings) | {(y, 12) for y in years}
    found |= {(r.year, r.month) for p in trend.predecessors for r in p.readings}
    return sorted(found)


def _label(indicator: Indicator, year: int, month: int) -> str:
    from renda.indicators.periods import label

    return label(year, month, indicator.accumulation)


def _path_point(period, path: dict, readings: dict) -> float | None:
    year, month = period
    if month == 12:
        return _number(path.get(year))
    reading = readings.get(period)
    return _number(reading.expected) if reading else None


def _band(indicator: Indicator) -> list[float] | None:
    if indicator.direction != Direction.BAND:
        return None
    return [float(indicator.band_low), float(indicator.band_high)]


def county_chart(indicator: Indicator, rows) -> dict:
    """分县比较: each region's latest adopted figure (coloured by its status) and what the
    path expects for it (`selectors.IndicatorProgress` rows, the city first)."""
    latest = [r.latest for r in rows]
    return {
        "kind": "counties",
        "unit": indicator.unit,
        "categories": [str(r.region) for r in rows],
        "values": [_number(r.value) if r else None for r in latest],
        "expected": [_number(r.expected) if r else None for r in latest],
        "periods": [r.period if r else "" for r in latest],
        "status": [r.status if r else Status.NO_DATA for r in latest],
        "cumulative": indicator.accumulation == Accumulation.YEAR_TO_DATE,
        "labels": {"values": _("latest figure"), "expected": _("linear path expects")},
        "statuses": _statuses(),
    }


def radar_chart(axes) -> dict:
    """雷达图: per dimension, the mean completion and the share met or on track (in %)."""
    return {
        "kind": "radar",
        "dimensions": [a.dimension.name for a in axes],
        "completion": [_share(a.score) for a in axes],
        "on_track": [_share(a.on_track_share) for a in axes],
        "labels": {
            "completion": _("mean completion (%)"),
            "on_track": _("met or on track (%)"),
        },
    }


def _share(value: float | None) -> float:
    return 0.0 if value is None else round(value * 100, 1)


def dimension_chart(summaries) -> dict:
    """Each dimension's indicators by status, stacked (`selectors.DimensionSummary`)."""
    return {
        "kind": "dimensions",
        "dimensions": [s.dimension.name for s in summaries],
        "series": [
            {"status": str(status), "counts": [s.counts.get(status, 0) for s in summaries]}
            for status in STATUS_ORDER
        ],
        "statuses": _statuses(),
    }
