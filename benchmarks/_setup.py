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
    """(p50, p95) wall-clock milliseconds of fn(x) over inputs."""
    return latency_both(fn, inputs)[:2]


def latency_both(fn, inputs) -> tuple[float, float, float, float]:
    """(wall p50, wall p95, CPU p50, CPU p95) in milliseconds of fn(x) over inputs. On a
    shared machine the CPU time shows the cost without the waiting for a core."""
    wall, cpu = [], []
    for x in inputs:
        t, c = time.perf_counter(), time.process_time()
        fn(x)
        wall.append((time.perf_counter() - t) * 1000)
        cpu.append((time.process_time() - c) * 1000)
    return (
        statistics.median(wall),
        percentile(wall, 95),
        statistics.median(cpu),
        percentile(cpu, 95),
    )


def load_note() -> str:
    """The machine's load while a benchmark ran (other work on a shared machine)."""
    return f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"


def measured(fn):
    """Run fn() twice: timed, then under tracemalloc for the peak memory it allocates (tracing
    slows it down, so the time comes from the untraced run). Returns (result, wall seconds,
    CPU seconds, MiB)."""
    t, c = time.perf_counter(), time.process_time()
    result = fn()
    seconds, cpu = time.perf_counter() - t, time.process_time() - c
    tracemalloc.start()
    fn()
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return result, seconds, cpu, peak
