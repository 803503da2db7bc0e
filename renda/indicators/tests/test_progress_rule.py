"""The classification rule, at every threshold edge and in every direction — for one point in
plain Python (`classify_one`) and for arrays (`compute`), which must always agree."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from renda.indicators.progress import (
    BAND,
    HIGHER,
    LOWER,
    OnePoint,
    Series,
    Status,
    Thresholds,
    classify_one,
    compute,
)

TH = Thresholds(on_track_lag=0.05, lagging_lag=0.20)


def point(value, *, year=2023, month=12, sign=HIGHER, baseline=50.0, target=60.0, **kw):
    """Baseline 2020 → target 2025; at the end of 2023 the path stands at 3/5 of the way."""
    knots = ((2020.0, baseline), (2025.0, target))
    return OnePoint(sign, 2020, baseline, knots, year, month, value, **kw)


def series_of(points: list[OnePoint]) -> tuple[Series, np.ndarray]:
    """One series per point, built the way `table.build_series` lays them out."""
    cols = {k: [] for k in Series.__dataclass_fields__}
    for s, p in enumerate(points):
        cols["sign"].append(p.sign)
        cols["baseline_t"].append(p.baseline_year)
        cols["baseline"].append(p.baseline)
        cols["final_t"].append(p.knots[-1][0])
        cols["final"].append(p.knots[-1][1])
        cols["band_low"].append(p.band_low)
        cols["band_high"].append(p.band_high)
        cols["ytd"].append(p.ytd)
        for t, v in p.knots:
            cols["knot_series"].append(s)
            cols["knot_t"].append(t)
            cols["knot_value"].append(v)
    dtypes = {"sign": np.int64, "ytd": bool, "knot_series": np.int64}
    series = Series(**{k: np.array(v, dtype=dtypes.get(k, float)) for k, v in cols.items()})
    return series, np.arange(len(points))


def vectorised(points: list[OnePoint]) -> list[str]:
    series, s = series_of(points)
    year = np.array([p.year for p in points])
    month = np.array([p.month for p in points])
    value = np.array([p.value for p in points], dtype=float)
    result = compute(series, s, year, month, value, TH)
    return [
        [Status.MET, Status.ON_TRACK, Status.LAGGING, Status.SERIOUSLY_LAGGING][c]
        for c in result.status
    ]


def both(p: OnePoint) -> str:
    status, _lag = classify_one(p, TH)
    assert vectorised([p]) == [status]
    return status


class TestHigherIsBetter:
    # End of 2023: the path expects 56; the whole distance is 10, so 0.05 = 0.5 and 0.20 = 2.
    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            (60.0, Status.MET),  # the final target, exactly
            (61.0, Status.MET),
            (59.9, Status.ON_TRACK),  # ahead of the path but short of the target
            (56.0, Status.ON_TRACK),  # on the path
            (55.5, Status.ON_TRACK),  # lag 0.05 exactly: the better side
            (55.49, Status.LAGGING),
            (54.0, Status.LAGGING),  # lag 0.20 exactly
            (53.99, Status.SERIOUSLY_LAGGING),
            (40.0, Status.SERIOUSLY_LAGGING),  # below the baseline
        ],
    )
    def test_each_edge(self, value, expected):
        assert both(point(value)) == expected


class TestLowerIsBetter:
    # Baseline 10 → target 6 (e.g. energy use per unit of GDP); at the end of 2023 the path is
    # at 7.6; 0.05 of the distance is 0.2, 0.20 is 0.8.
    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            (6.0, Status.MET),
            (5.0, Status.MET),
            (7.6, Status.ON_TRACK),
            (7.8, Status.ON_TRACK),  # 0.05 behind
            (7.81, Status.LAGGING),
            (8.4, Status.LAGGING),  # 0.20 behind
            (8.41, Status.SERIOUSLY_LAGGING),
            (11.0, Status.SERIOUSLY_LAGGING),  # worse than the baseline
        ],
    )
    def test_each_edge(self, value, expected):
        assert both(point(value, sign=LOWER, baseline=10.0, target=6.0)) == expected


class TestBand:
    # Keep between 2 and 4 (width 2): 0.05 outside = 0.1, 0.20 = 0.4.
    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            (2.0, Status.MET),
            (3.0, Status.MET),
            (4.0, Status.MET),
            (4.1, Status.ON_TRACK),
            (1.9, Status.ON_TRACK),
            (4.11, Status.LAGGING),
            (4.4, Status.LAGGING),
            (1.6, Status.LAGGING),
            (4.41, Status.SERIOUSLY_LAGGING),
            (1.59, Status.SERIOUSLY_LAGGING),
        ],
    )
    def test_each_edge(self, value, expected):
        p = point(value, sign=BAND, band_low=2.0, band_high=4.0, baseline=3.0, target=3.0)
        assert both(p) == expected


class TestPath:
    def test_before_the_baseline_year_ends_the_path_is_the_baseline(self):
        assert both(point(50.0, year=2020, month=12)) == Status.ON_TRACK
        assert both(point(49.4, year=2020, month=12)) == Status.LAGGING

    def test_a_level_mid_year_is_read_at_the_months_end(self):
        # June 2023: t = 2022.5, path 55; 54.5 is 0.05 behind.
        assert both(point(54.5, month=6)) == Status.ON_TRACK
        assert both(point(54.4, month=6)) == Status.LAGGING

    def test_a_cumulative_amount_is_compared_pro_rata(self):
        # New jobs, 40,000 in 2020 → 50,000 in 2025: 2023's path is 46,000; by September
        # three quarters of it, 34,500; the distance pro rata is 7,500, so 0.05 is 375.
        kw = {"baseline": 40000.0, "target": 50000.0, "month": 9, "ytd": True}
        assert both(point(34500.0, **kw)) == Status.ON_TRACK
        assert both(point(34125.0, **kw)) == Status.ON_TRACK
        assert both(point(34124.0, **kw)) == Status.LAGGING
        assert both(point(37500.0, **kw)) == Status.MET  # three quarters of the final target

    def test_intermediate_targets_bend_the_path(self):
        knots = ((2020.0, 50.0), (2022.0, 58.0), (2025.0, 60.0))
        p = OnePoint(HIGHER, 2020, 50.0, knots, 2022, 12, 57.0)
        # Straight to 2025 the path would be 54 and 57 ahead of it; bent through 2022's 58,
        # 57 is 0.1 of the distance behind.
        assert both(p) == Status.LAGGING

    def test_after_the_target_year_the_path_stays_at_the_target(self):
        assert both(point(59.5, year=2026)) == Status.ON_TRACK
        assert both(point(59.4, year=2026)) == Status.LAGGING

    def test_a_target_equal_to_the_baseline_is_measured_against_the_target(self):
        # Keep at 100: 99 is 0.01 of 100 short.
        assert both(point(99.0, baseline=100.0, target=100.0)) == Status.ON_TRACK
        assert both(point(94.0, baseline=100.0, target=100.0)) == Status.LAGGING

    def test_thresholds_are_configurable(self):
        strict = Thresholds(on_track_lag=0.0, lagging_lag=0.05)
        assert classify_one(point(55.9), strict)[0] == Status.LAGGING
        assert classify_one(point(55.4), strict)[0] == Status.SERIOUSLY_LAGGING


values = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False)


@settings(max_examples=300, deadline=None)
@given(
    baseline=values,
    target=values,
    middle=values,
    value=values,
    year=st.integers(2019, 2027),
    month=st.integers(1, 12),
    sign=st.sampled_from([HIGHER, LOWER, BAND]),
    ytd=st.booleans(),
)
def test_arrays_and_the_plain_rule_always_agree(
    baseline, target, middle, value, year, month, sign, ytd
):
    low, high = sorted([baseline, target])
    knots = ((2020.0, baseline), (2023.0, middle), (2025.0, target))
    p = OnePoint(sign, 2020, baseline, knots, year, month, value, ytd, low, high)
    status, lag = classify_one(p, TH)
    assert vectorised([p]) == [status]
    assert not math.isnan(lag)
