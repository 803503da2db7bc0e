"""The dashboards and the unit scores for a year of N items (default 2,000), on the same
synthetic data as report_year.py, against a smaller baseline year in the same run.

    .venv/bin/python benchmarks/dashboards.py [--items 2000] [--baseline 200]

Prints volumes, times and the number of queries: the dashboard's charts (every figure of the
page) and the ranking of the units with every item's points. A fixed number of queries means
the time grows only with what the database aggregates and the rows the scores walk."""

import argparse
import datetime as dt
import time

from _django import setup
from report_year import at, fill, world


def measure(session) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from renda.accounts.models import User
    from renda.core import clock
    from renda.reports import charts, scores
    from renda.reports.scope import ReportScope

    staff = User.objects.filter(role="staff").first()
    scope = ReportScope(year=session.start_date.year)
    out = {"items": scope.items().count()}
    with clock.travel(at(dt.date(session.start_date.year, 11, 20), 18)):
        charts.dashboard(staff, scope)  # warm up: imports, URL patterns, the scoring rule row
        scores.unit_scores(scope.items())
        start = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            board = charts.dashboard(staff, scope)
            points = sum(len(s["data"]) for c in board.charts.values() for s in c.series)
        out["dashboard s"], out["dashboard queries"] = time.perf_counter() - start, len(queries)
        out["points"] = points
        start = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            ranked = scores.unit_scores(scope.items())
        out["scores s"], out["scores queries"] = time.perf_counter() - start, len(queries)
        out["units"] = len(ranked)
    return out


def main() -> None:
    import random

    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=2000)
    parser.add_argument("--baseline", type=int, default=200)
    args = parser.parse_args()
    database = setup()
    rng = random.Random(2026)
    results = []
    for year, count in ((2025, args.baseline), (2026, args.items)):
        session = world(year)
        fill(session, count, rng)
        results.append(measure(session))
    print(f"database: {database}")
    for r in results:
        print(
            f"{r['items']:>5} items: dashboard {r['dashboard s']:.2f} s "
            f"({r['dashboard queries']} queries, {r['points']} chart points), "
            f"unit scores {r['scores s']:.2f} s ({r['scores queries']} queries, "
            f"{r['units']} units)"
        )
    base, full = results
    print(
        f"at {full['items']} vs {base['items']} items: dashboard "
        f"{full['dashboard s'] / base['dashboard s']:.2f}x, scores "
        f"{full['scores s'] / base['scores s']:.2f}x"
    )


if __name__ == "__main__":
    main()
