"""scripts/supply_chain.py: bandit's high findings fail; pip-audit fails on a vulnerability,
passes a real clean audit, and never calls an audit that could not run clean."""

import importlib.util
import json
import subprocess
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[3] / "scripts" / "supply_chain.py"


@pytest.fixture
def chain(monkeypatch):
    spec = importlib.util.spec_from_file_location("supply_chain", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    answers = {}
    monkeypatch.setattr(module, "run", lambda args, timeout=600: answers[args[0]])
    module.answers = answers
    return module


def _done(code: int, out: object = "", err: str = "") -> subprocess.CompletedProcess:
    text = out if isinstance(out, str) else json.dumps(out)
    return subprocess.CompletedProcess([], code, stdout=text, stderr=err)


def _finding(severity: str) -> dict:
    return {
        "issue_severity": severity,
        "test_id": "B324",
        "filename": "renda/x.py",
        "line_number": 3,
        "issue_text": "weak hash",
    }


def test_bandit_fails_on_high_severity_only(chain, capsys):
    chain.answers["bandit"] = _done(1, {"results": [_finding("MEDIUM"), _finding("LOW")]})
    assert chain.bandit() is True
    chain.answers["bandit"] = _done(1, {"results": [_finding("HIGH")]})
    assert chain.bandit() is False
    assert "FAILED (high severity)" in capsys.readouterr().out


def test_a_known_vulnerability_fails(chain, capsys):
    vuln = {"id": "PYSEC-2099-1", "fix_versions": ["9.9"]}
    report = {"dependencies": [{"name": "django", "version": "5.2", "vulns": [vuln]}]}
    chain.answers["pip_audit"] = _done(1, report)
    assert chain.pip_audit() is False
    assert "django 5.2: PYSEC-2099-1 (fixed in: 9.9)" in capsys.readouterr().out


def test_a_clean_audit_passes(chain, capsys):
    report = {"dependencies": [{"name": "django", "version": "5.2", "vulns": []}]}
    chain.answers["pip_audit"] = _done(0, report)
    assert chain.pip_audit() is True
    assert "1 packages audited, no known vulnerabilities" in capsys.readouterr().out


def test_an_unreachable_source_is_reported_as_not_performed(chain, capsys, monkeypatch):
    error = "ERROR:pip_audit._cli:asgiref: Dependency not found on PyPI and could not be audited"
    chain.answers["pip_audit"] = _done(1, "", error)
    monkeypatch.delenv("REQUIRE_DEPENDENCY_AUDIT", raising=False)
    assert chain.pip_audit() is True
    out = capsys.readouterr().out
    assert "DEPENDENCY AUDIT NOT PERFORMED" in out and "no known vulnerabilities" not in out
    monkeypatch.setenv("REQUIRE_DEPENDENCY_AUDIT", "1")
    assert chain.pip_audit() is False
