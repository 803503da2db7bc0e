"""Settings from the environment: safe development defaults, production refuses to start
without a real secret and passes Django's deployment checks."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

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


PRODUCTION = {
    "RENDA_ENV": "production",
    "SECRET_KEY": "x" * 20 + "-production-secret-key-of-sufficient-length",
    "ALLOWED_HOSTS": "renda.example.gov.cn",
    "RENDA_FIELD_KEYS": "field-key-2026-" + "k" * 32 + ",field-key-2025-" + "o" * 32,
    "RENDA_BLIND_INDEX_KEY": "blind-index-key-" + "i" * 32,
}


def test_production_settings_pass_the_deployment_checks(tmp_path):
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DATABASE_URL=f"sqlite:///{tmp_path}/db.sqlite3",
        RENDA_VAR_DIR=str(tmp_path),
        **PRODUCTION,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("missing", "cipher"),
    [("RENDA_FIELD_KEYS", "aes"), ("RENDA_BLIND_INDEX_KEY", "aes"), ("", "des")],
)
def test_production_refuses_to_start_without_field_keys_or_with_an_unknown_cipher(
    tmp_path, missing, cipher
):
    env = {k: v for k, v in PRODUCTION.items() if k != missing}
    result = manage(
        "check", DATABASE_URL=f"sqlite:///{tmp_path}/db.sqlite3", RENDA_FIELD_CIPHER=cipher, **env
    )
    assert result.returncode != 0
    assert (missing or "RENDA_FIELD_CIPHER") in result.stderr


def test_production_settings_are_the_secure_ones(tmp_path):
    code = (
        "from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS, "
        "s.SECURE_SSL_REDIRECT, s.FIELD_CIPHER, len(s.FIELD_KEYS))"
    )
    result = manage(
        "shell", "-c", code, DATABASE_URL=f"sqlite:///{tmp_path}/db.sqlite3", **PRODUCTION
    )
    last = result.stdout.strip().splitlines()[-1]
    assert last.split() == ["True", "True", "31536000", "True", "aes", "2"], result.stderr


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
