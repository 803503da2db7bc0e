"""The defaults of the authentication settings by environment and password profile."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
NAMES = "RENDA_PASSWORD_MIN_CLASSES RENDA_PASSWORD_MAX_AGE_DAYS RENDA_2FA_ENFORCED"


def read_settings(**env) -> list[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("RENDA_")}
    environment.update(env)
    code = f"import renda.settings as s; print(*[getattr(s, n) for n in {NAMES.split()!r}])"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_development_dengbao_profile_without_enforced_two_factor():
    assert read_settings() == ["3", "90", "False"]


def test_asvs_profile_drops_composition_and_rotation():
    assert read_settings(RENDA_PASSWORD_PROFILE="asvs") == ["0", "0", "False"]


def test_production_enforces_two_factor():
    from renda.core.tests.test_settings import PRODUCTION

    assert read_settings(**PRODUCTION)[2] == "True"


def test_an_unknown_profile_refuses_to_start():
    environment = {**os.environ, "RENDA_PASSWORD_PROFILE": "lax"}
    result = subprocess.run(
        [sys.executable, "-c", "import renda.settings"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0 and "RENDA_PASSWORD_PROFILE" in result.stderr
