"""进度评价: how far an indicator's value is along the path from its baseline to its target.

For a value v of an indicator in a region, at period (year, month):

- the *path* runs through the baseline (b at the end of the baseline year) and the targets by
  year (the region's own, else the city's), straight between them, flat after the last one;
  with only a final target it is the straight line from baseline to target. A level
  (a rate, a stock) is read at the period's end, t = year − 1 + month/12; an amount cumulated
  since January is compared with the year's path value pro rata (× month/12).
- T is the final target (the last target year's value), E the path's value at t.
- s = +1 when higher is better, −1 when lower is better;
  scale = |T − b| (or |T|, or 1, when that is 0).
- **lag** = s · (E − v) / scale: how far behind the path, as a share of the whole distance
  from baseline to target (negative: ahead of it).
- **completion** (完成度) = (v − b) / (T − b); **time share** (时序进度) = the share of the
  time from the baseline year to the target year that has passed.

Classification (thresholds per system, defaults 0.05 and 0.20; a lag equal to a threshold
falls on the better side; lags are compared after rounding to 9 decimals):

- 达标 (met): s · (v − T) ≥ 0 — the final target is reached;
- 正常推进 (on track): lag ≤ on_track_lag;
- 滞后 (lagging): lag ≤ lagging_lag;
- 严重滞后 (seriously lagging): beyond.

A band indicator is met inside [low, high]; outside, its lag is the distance to the band over
the band's width (or |high|, or 1) and is classified with the same thresholds.

`compute` does this for arrays of points at once (numpy); `classify_one` is the same rule for
one point in plain Python — the readable reference the tests compare `compute` with.
"""

import itertools
import math
from dataclasses import dataclass

import numpy as np
from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    MET = "met", _("met")
    ON_TRACK = "on_track", _("on track")
    LAGGING = "lagging", _("lagging")
    SERIOUSLY_LAGGING = "seriously_lagging", _("seriously lagging")
    NO_DATA = "no_data", _("no data")


# Status codes in the arrays, in order from best to worst.
CODES = [Status.MET, Status.ON_TRACK, Status.LAGGING, Status.SERIOUSLY_LAGGING]
NO_TARGET = -1
HIGHER, LOWER, BAND = 1, -1, 0
_ROUND = 9


@dataclass(frozen=True)
class Thresholds:
    on_track_lag: float = 0.05
    lagging_lag: float = 0.20

    @classmethod
    def of(cls, system) -> "Thresholds":
        return cls(float(system.on_track_lag), float(system.lagging_lag))


@dataclass
class Series:
    """Per series (an indicator in a region): sign (HIGHER/LOWER/BAND), baseline year and
    value, final target year and value, band bounds, cumulative-since-January flag — and the
    path's knots (series index, t, value), sorted by series then t."""

    sign: np.ndarray
    baseline_t: np.ndarray
    baseline: np.ndarray
    final_t: np.ndarray
    final: np.ndarray
    band_low: np.ndarray
    band_high: np.ndarray
    ytd: np.ndarray
    knot_series: np.ndarray
    knot_t: np.ndarray
    knot_value: np.ndarray


@dataclass
class Result:
    expected: np.ndarray
    lag: np.ndarray
    completion: np.ndarray
    time_share: np.ndarray
    status: np.ndarray  # index into CODES, or NO_TARGET


def point_time(year: np.ndarray, month: np.ndarray, ytd: np.ndarray) -> np.ndarray:
    """Where a period sits on the path: a level at the period's end, a cumulative amount at
    its year's end (it is pro-rated instead)."""
    return np.where(ytd, year, year - 1 + month / 12.0)


def compute(
    series: Series, s: np.ndarray, year: np.ndarray, month: np.ndarray, value: np.ndarray, th
) -> Result:
    """Progress of every point (series index `s`, period, value) in one pass."""
    with np.errstate(all="ignore"):  # empty scales and bands are handled by np.where
        return _compute(series, s, year, month, value, th)


def _compute(series, s, year, month, value, th) -> Result:
    ytd = series.ytd[s]
    t = point_time(year, month, ytd)
    share = np.where(ytd, month / 12.0, 1.0)
    path = path_at(series, s, t) * share
    b, final = series.baseline[s] * share, series.final[s] * share
    sign = series.sign[s]
    scale = _scale(final - b, final, share)
    lag = sign * (path - value) / scale
    met = sign * (value - final) >= 0
    lag, met = _band(series, s, value, lag, met)
    lag = np.round(lag, _ROUND)
    distance = final - b
    completion = np.where(distance != 0, (value - b) / distance, np.nan)
    span = series.final_t[s] - series.baseline_t[s]
    time_share = np.clip((t - series.baseline_t[s]) / span, 0.0, 1.0)
    status = np.select(
        [met, lag <= th.on_track_lag, lag <= th.lagging_lag], [0, 1, 2], default=3
    ).astype(np.int8)
    status[np.isnan(final)] = NO_TARGET
    completion[sign == BAND] = np.nan
    return Result(path, lag, completion, time_share, status)


def _scale(distance: np.ndarray, final: np.ndarray, share: np.ndarray) -> np.ndarray:
    scale = np.abs(distance)
    scale = np.where(scale > 0, scale, np.abs(final))
    return np.where(scale > 0, scale, share)


def _band(series: Series, s, value, lag, met):
    low, high = series.band_low[s], series.band_high[s]
    is_band = series.sign[s] == BAND
    width = high - low
    width = np.where(width > 0, width, np.abs(high))
    width = np.where(width > 0, width, 1.0)
    outside = np.maximum(np.maximum(low - value, value - high), 0.0)
    return np.where(is_band, outside / width, lag), np.where(is_band, outside == 0, met)


def path_at(series: Series, s: np.ndarray, t: np.ndarray) -> np.ndarray:
    """The path's value for each point: piecewise linear between the point's series' knots,
    flat before the first and after the last (one searchsorted over all series at once)."""
    ks, kt, kv = series.knot_series, series.knot_t, series.knot_value
    if len(kt) == 0:
        return np.full(len(s), np.nan)
    origin = min(kt.min(), t.min() if len(t) else 0.0) - 1.0
    width = max(kt.max(), t.max() if len(t) else 0.0) - origin + 2.0
    knot_key = ks * width + (kt - origin)
    point_key = s * width + (t - origin)
    first = np.searchsorted(knot_key, s * width, side="left")
    last = np.searchsorted(knot_key, (s + 1) * width, side="left") - 1
    right = np.searchsorted(knot_key, point_key, side="right")
    has_knots = last >= first
    lo = np.clip(right - 1, first, np.maximum(last, first))
    hi = np.clip(right, first, np.maximum(last, first))
    lo, hi = np.where(has_knots, lo, 0), np.where(has_knots, hi, 0)
    t_lo, t_hi = kt[lo], kt[hi]
    v_lo, v_hi = kv[lo], kv[hi]
    with np.errstate(divide="ignore", invalid="ignore"):
        fraction = np.where(hi > lo, (t - t_lo) / (t_hi - t_lo), 0.0)
    return np.where(has_knots, v_lo + (v_hi - v_lo) * fraction, np.nan)


# -- the same rule for one point, in plain Python -------------------------------------------


@dataclass(frozen=True)
class OnePoint:
    """A point with everything the rule needs: direction sign, baseline (year, value), the
    path's knots [(t, value)] including the baseline, band bounds, cumulative flag."""

    sign: int
    baseline_year: int
    baseline: float
    knots: tuple[tuple[float, float], ...]
    year: int
    month: int
    value: float
    ytd: bool = False
    band_low: float = math.nan
    band_high: float = math.nan


def classify_one(p: OnePoint, th: Thresholds) -> tuple[str, float]:
    """(status, lag) for one point — the module note's rule, written out."""
    share = p.month / 12 if p.ytd else 1.0
    t = p.year if p.ytd else p.year - 1 + p.month / 12
    expected = _path_at(p.knots, t) * share
    if p.sign == BAND:
        width = (p.band_high - p.band_low) or abs(p.band_high) or 1.0
        outside = max(p.band_low - p.value, p.value - p.band_high, 0.0)
        lag, met = outside / width, outside == 0
    else:
        final, b = p.knots[-1][1] * share, p.baseline * share
        scale = abs(final - b) or abs(final) or share
        lag = p.sign * (expected - p.value) / scale
        met = p.sign * (p.value - final) >= 0
    lag = round(lag, _ROUND)
    if met:
        return Status.MET, lag
    if lag <= th.on_track_lag:
        return Status.ON_TRACK, lag
    if lag <= th.lagging_lag:
        return Status.LAGGING, lag
    return Status.SERIOUSLY_LAGGING, lag


def _path_at(knots, t: float) -> float:
    if t <= knots[0][0]:
        return knots[0][1]
    for (t0, v0), (t1, v1) in itertools.pairwise(knots):
        if t <= t1:
            return v0 + (v1 - v0) * (t - t0) / (t1 - t0)
    return knots[-1][1]
