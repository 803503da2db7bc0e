"""The web server as the benchmarks start it: gunicorn with the project's own gunicorn.conf.py
(what production runs), on loopback; `workers`/`threads` override it for comparisons."""

import runpy
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "gunicorn.conf.py"


def gunicorn_command(port: int, workers: int | None = None, threads: int | None = None) -> list:
    cmd = [sys.executable, "-m", "gunicorn", "renda.wsgi", "-c", str(CONFIG)]
    cmd += ["-b", f"127.0.0.1:{port}", "--log-level", "warning"]
    if workers:
        cmd += ["-w", str(workers)]
    if threads and threads > 1:
        cmd += ["--threads", str(threads), "-k", "gthread"]
    return cmd


def describe(workers: int | None = None, threads: int | None = None) -> str:
    """How the server runs, for the benchmark's printout."""
    n = workers or runpy.run_path(str(CONFIG))["workers"]
    how = f"{threads} threads each" if threads and threads > 1 else "single-threaded"
    source = "gunicorn.conf.py" if not (workers or threads) else "overridden"
    return f"gunicorn {n} workers, {how} ({source})"
