"""Precision and recall of finding indicator figures in written summaries.

Runs the extractor (renda.indicators.extraction) over the hand-written summaries in
renda/indicators/tests/fixtures/summaries.json against the demo's 36 indicators and the demo
city's regions, and compares its candidates with the gold figures: a candidate is right when
(indicator, year, up-to month, region, value) all equal a gold figure.

    .venv/bin/python benchmarks/indicators_extraction.py [--errors]
"""

import json
import os
import sys
from decimal import Decimal
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "renda.settings")
django.setup()

from renda.demo.indicators import DIMENSIONS  # noqa: E402
from renda.demo.organisations import REGIONS  # noqa: E402
from renda.indicators.extraction import IndicatorRef, RegionName, extract  # noqa: E402

FIXTURE = ROOT / "renda/indicators/tests/fixtures/summaries.json"


def demo_indicators() -> list[IndicatorRef]:
    return [
        IndicatorRef(
            r.code,
            r.code,
            r.name,
            tuple(a for a in r.aliases.split("、") if a),
            r.unit,
            r.per_region,
        )
        for rows in DIMENSIONS.values()
        for r in rows
    ]


def demo_regions() -> list[RegionName]:
    return [RegionName(name, name, kind) for name, kind, *_rest in REGIONS]


def run(summary: dict) -> set[tuple]:
    found = extract(
        summary["text"],
        demo_indicators(),
        demo_regions(),
        city="全市",
        region=summary["region"],
        year=summary["year"],
        month=summary["month"],
    )
    return {(c.indicator.code, c.year, c.month, c.region, c.value.normalize()) for c in found}


def gold(summary: dict) -> set[tuple]:
    return {(c, y, m, r, Decimal(v).normalize()) for c, y, m, r, v in summary["gold"]}


def main() -> None:
    summaries = json.loads(FIXTURE.read_text(encoding="utf-8"))["summaries"]
    show = "--errors" in sys.argv
    print(
        f"{'split':<6} {'summaries':>9} {'gold':>5} {'found':>6} {'right':>6} "
        f"{'precision':>9} {'recall':>7} {'F1':>6}"
    )
    for split in ("dev", "test", "fresh", "all"):
        chosen = [s for s in summaries if split in ("all", s["split"])]
        n_gold = n_found = n_right = 0
        for s in chosen:
            predicted, expected = run(s), gold(s)
            n_gold, n_found = n_gold + len(expected), n_found + len(predicted)
            n_right += len(predicted & expected)
            if show and split != "all":
                for x in sorted(predicted - expected, key=str):
                    print(f"  {s['id']} wrong  {x}")
                for x in sorted(expected - predicted, key=str):
                    print(f"  {s['id']} missed {x}")
        p = n_right / n_found if n_found else 0.0
        r = n_right / n_gold if n_gold else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        print(
            f"{split:<6} {len(chosen):>9} {n_gold:>5} {n_found:>6} {n_right:>6} "
            f"{p:>9.3f} {r:>7.3f} {f1:>6.3f}"
        )


if __name__ == "__main__":
    main()
