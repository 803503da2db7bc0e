"""Shared set-up for the benchmark scripts: Django settings (for VAR_DIR and the database),
timing and memory helpers."""

import os
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "renda.settings")

import django  # noqa: E402

django.setup()


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    if not values:
        return 0.0
    k = min(len(values) - 1, max(0, round(p / 100 * (len(values) - 1))))
    return values[k]


def latency_ms(fn, inputs) -> tuple[float, float]:
    """(p50, p95) in milliseconds of fn(x) over inputs."""
    times = []
    for x in inputs:
        t = time.perf_counter()
        fn(x)
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times), percentile(times, 95)


def measured(fn):
    """Run fn() twice: timed, then under tracemalloc for the peak memory it allocates (tracing
    slows it down, so the time comes from the untraced run). Returns (result, seconds, MiB)."""
    t = time.perf_counter()
    result = fn()
    seconds = time.perf_counter() - t
    tracemalloc.start()
    fn()
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return result, seconds, peak
