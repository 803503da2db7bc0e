"""Settings from the environment: safe development defaults, production refuses to start
without a real secret and passes Django's deployment checks."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def manage(*args, **env):
    # The browser tests' conftest allows async-unsafe calls in this process; a deployment
    # (the child checked here) must not inherit that.
    inherited = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment = {k: v for k, v in inherited.items() if not k.startswith("RENDA_")}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deployment_checks(tmp_path):
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        RENDA_ENV="production",
        SECRET_KEY="x" * 20 + "-production-secret-key-of-sufficient-length",
        ALLOWED_HOSTS="renda.example.gov.cn",
        DATABASE_URL=f"sqlite:///{tmp_path}/db.sqlite3",
        RENDA_VAR_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = manage(
        "check",
        RENDA_ENV="production",
        SECRET_KEY="",
        DATABASE_URL=f"sqlite:///{tmp_path}/db.sqlite3",
    )
    assert result.returncode != 0 and "SECRET_KEY" in result.stderr


def test_a_malformed_setting_fails_loudly(tmp_path):
    result = manage("check", RENDA_DEBUG="maybe", DATABASE_URL=f"sqlite:///{tmp_path}/db.sqlite3")
    assert result.returncode != 0 and "RENDA_DEBUG" in result.stderr


def test_defaults_are_chinese_and_shanghai(settings):
    assert settings.LANGUAGE_CODE == "zh-hans"
    assert settings.TIME_ZONE == "Asia/Shanghai"
