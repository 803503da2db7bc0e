"""Progress of a whole indicator system: vectorised against a naive per-row baseline.

Builds, in a throwaway database, a system of 500 indicators reported quarterly for 5 years
(20 periods) in 10 regions (the city and 9 counties) — 100,000 accepted values — then times:

- `progress_table(system)`: load every accepted value and target in a few queries and
  classify all points at once (numpy) — what the pages and alerts call;
- the same classification point by point in plain Python (`classify_one`) over the same
  in-memory data, and the obvious ORM approach (one query per indicator and region, then
  per row), as baselines;
- `missing_reports`, the due-and-unreported periods of the whole system.

    .venv/bin/python benchmarks/indicators_progress.py [--indicators 500] [--regions 10]

The database is a temporary SQLite file unless BENCH_DATABASE_URL names another (it must be
a throwaway database: it is migrated and filled). Setup writes rows in bulk, not through the
services, to keep it quick; it is not timed.
"""

import argparse
import datetime as dt
import os
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
_TMP = tempfile.mkdtemp(prefix="renda-bench-")
os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{_TMP}/bench.db")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "renda.settings")

import django  # noqa: E402

django.setup()

import numpy as np  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.utils import timezone  # noqa: E402

from renda.accounts.models import Role, User  # noqa: E402
from renda.congress.models import Organization, Region  # noqa: E402
from renda.indicators.models import (  # noqa: E402
    Dimension,
    Indicator,
    IndicatorSystem,
    IndicatorValue,
    Target,
)
from renda.indicators.progress import (  # noqa: E402
    HIGHER,
    LOWER,
    OnePoint,
    Thresholds,
    classify_one,
    compute,
)
from renda.indicators.table import missing_reports, progress_table  # noqa: E402

YEARS = range(2021, 2026)
MONTHS = (3, 6, 9, 12)


def build(n_indicators: int, n_regions: int) -> IndicatorSystem:
    rng = np.random.default_rng(2026)
    now = timezone.now()
    staff = User.objects.create(username="bench", role=Role.STAFF, full_name="基准")
    unit = Organization.objects.create(name="市统计局", kind="handling_unit")
    regions = [Region.objects.create(name="全市", kind="city", order=0)]
    regions += [
        Region.objects.create(name=f"第{i}县", kind="county", order=i) for i in range(1, n_regions)
    ]
    system = IndicatorSystem.objects.create(
        name="基准体系", target_year=2025, created_by=staff, created_at=now, updated_at=now
    )
    dims = [Dimension.objects.create(system=system, name=f"维度{d}", order=d) for d in range(6)]
    indicators = Indicator.objects.bulk_create(
        Indicator(
            system=system,
            dimension=dims[i % 6],
            code=f"X{i:04d}",
            name=f"指标{i}",
            unit="%",
            direction="lower" if i % 5 == 0 else "higher",
            baseline_year=2020,
            baseline_value=Decimal("50"),
            responsible_unit=unit,
            frequency="quarterly",
            per_region=True,
            order=i,
        )
        for i in range(n_indicators)
    )
    Target.objects.bulk_create(
        Target(indicator=ind, region=regions[0], year=2025, value=Decimal(40 if i % 5 == 0 else 60))
        for i, ind in enumerate(indicators)
    )
    rows = []
    for i, ind in enumerate(indicators):
        step = -2.0 if i % 5 == 0 else 2.0
        for region in regions:
            pace = rng.uniform(0.5, 1.2)
            for year in YEARS:
                for month in MONTHS:
                    t = year - 2021 + month / 12
                    value = Decimal(str(round(50 + step * t * pace, 2)))
                    rows.append(_value(ind, region, year, month, value, staff, now))
    IndicatorValue.objects.bulk_create(rows, batch_size=5000)
    return system


def _value(ind, region, year, month, value, staff, now) -> IndicatorValue:
    return IndicatorValue(
        indicator=ind,
        region=region,
        year=year,
        month=month,
        state="accepted",
        value=value,
        accepted_value=value,
        accepted_revision=1,
        source_note="基准",
        reported_by=staff,
        reported_at=now,
    )


def naive_in_memory(table, th: Thresholds) -> list[str]:
    """The rule point by point in plain Python, over the table's own arrays."""
    series = table.series
    out = []
    for k in range(len(table.value)):
        s = int(table.point_indicator[k]) * len(table.regions) + int(table.point_region[k])
        knots = _knots_of(series, s)
        point = OnePoint(
            int(series.sign[s]),
            int(series.baseline_t[s]),
            float(series.baseline[s]),
            knots,
            int(table.year[k]),
            int(table.month[k]),
            float(table.value[k]),
            bool(series.ytd[s]),
        )
        out.append(classify_one(point, th)[0])
    return out


_KNOT_CACHE: dict = {}


def _knots_of(series, s: int) -> tuple:
    if not _KNOT_CACHE:
        for ks, t, v in zip(series.knot_series, series.knot_t, series.knot_value, strict=True):
            _KNOT_CACHE.setdefault(int(ks), []).append((float(t), float(v)))
    return tuple(_KNOT_CACHE[s])


def naive_orm(system: IndicatorSystem, th: Thresholds) -> int:
    """The obvious ORM way: for each indicator and region, query its targets and values, then
    classify each value."""
    count = 0
    regions = list(Region.objects.order_by("order"))
    for ind in system.indicators.all():
        target = float(ind.targets.get(region=regions[0], year=2025).value)
        sign = LOWER if ind.direction == "lower" else HIGHER
        knots = ((2020.0, float(ind.baseline_value)), (2025.0, target))
        for region in regions:
            for v in IndicatorValue.objects.filter(indicator=ind, region=region).exclude(
                accepted_value=None
            ):
                point = OnePoint(
                    sign,
                    2020,
                    float(ind.baseline_value),
                    knots,
                    v.year,
                    v.month,
                    float(v.accepted_value),
                )
                classify_one(point, th)
                count += 1
    return count


def timed(fn, repeat: int = 3):
    best, result = None, None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        elapsed = time.perf_counter() - start
        best = elapsed if best is None else min(best, elapsed)
    return best, result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--indicators", type=int, default=500)
    parser.add_argument("--regions", type=int, default=10)
    parser.add_argument("--skip-orm", action="store_true", help="skip the slow ORM baseline")
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    start = time.perf_counter()
    system = build(args.indicators, args.regions)
    print(f"database: {os.environ['DATABASE_URL'].split('@')[-1]}")
    print(f"setup: {time.perf_counter() - start:.1f} s (not timed below)")
    th = Thresholds.of(system)
    table_time, table = timed(lambda: progress_table(system))
    n = len(table.value)
    print(
        f"data: {args.indicators} indicators × {args.regions} regions × "
        f"{len(YEARS) * len(MONTHS)} periods = {n:,} accepted values"
    )
    print(f"progress_table (load + classify, vectorised): {table_time * 1000:8.1f} ms")
    compute_time, _r = timed(
        lambda: compute(
            table.series,
            table.point_indicator * len(table.regions) + table.point_region,
            table.year,
            table.month,
            table.value,
            th,
        )
    )
    print(f"  of which classify only:                     {compute_time * 1000:8.1f} ms")
    naive_time, statuses = timed(lambda: naive_in_memory(table, th), repeat=1)
    codes = [str(s) for s in statuses]
    agree = codes == [table.status_of(k) for k in range(n)]
    print(
        f"naive per-row classify (plain Python, same data): {naive_time * 1000:8.1f} ms "
        f"— {naive_time / compute_time:,.0f}× the vectorised classify; results identical: {agree}"
    )
    if not args.skip_orm:
        orm_time, count = timed(lambda: naive_orm(system, th), repeat=1)
        print(
            f"naive ORM (a query per indicator × region, then per row): {orm_time:8.2f} s "
            f"for {count:,} values — {orm_time / table_time:,.0f}× progress_table"
        )
    missing_time, missing = timed(
        lambda: missing_reports(system, today=dt.date(2026, 11, 24)), repeat=1
    )
    print(
        f"missing_reports over the whole system: {missing_time * 1000:8.1f} ms "
        f"({len(missing)} missing)"
    )
    verdict = "within" if table_time < 1.0 else "OVER"
    print(f"target: progress for the whole system within 1 s — {verdict} ({table_time:.3f} s)")


if __name__ == "__main__":
    main()
