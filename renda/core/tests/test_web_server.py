"""The production web server's configuration (gunicorn.conf.py) is valid and says what the
README says: single-threaded sync workers, cores + 1 unless WEB_CONCURRENCY says otherwise."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def _config(**env) -> dict[str, str]:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--print-config",
            "-c",
            "gunicorn.conf.py",
            "renda.wsgi",
        ],
        cwd=ROOT,
        env={**_without_overrides(), **env},
        capture_output=True,
        text=True,
        check=True,
    )
    pairs = (line.split("=", 1) for line in done.stdout.splitlines() if "=" in line)
    return {k.strip(): v.strip() for k, v in pairs}


def _without_overrides() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k not in ("WEB_CONCURRENCY", "RENDA_BIND")}


def test_one_single_threaded_worker_per_core_plus_one():
    config = _config()
    assert config["worker_class"] == "sync" and config["threads"] == "1"
    assert config["workers"] == str((os.cpu_count() or 1) + 1)
    assert config["bind"] == "['127.0.0.1:8000']"


def test_the_environment_overrides_it():
    config = _config(WEB_CONCURRENCY="5", RENDA_BIND="0.0.0.0:9000")
    assert config["workers"] == "5" and config["bind"] == "['0.0.0.0:9000']"
