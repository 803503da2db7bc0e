"""Audit records are kept at least 180 days; pruning removes only older ones, and the chain
still verifies from the first remaining row."""

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.utils import timezone

from renda.audit.maintenance import PRUNE_ACTION, prune, retention_days, verify
from renda.audit.models import AuditRecord, Category
from renda.audit.services import record
from renda.audit.tests.helpers import as_owner
from renda.core.clock import travel

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[3]


def days_ago(days: int) -> dt.datetime:
    return timezone.now() - dt.timedelta(days=days)


def _write(age_days: int, n: int) -> list[AuditRecord]:
    with travel(days_ago(age_days)):
        return [record(Category.EXPORT, "export.x", detail={"age": age_days}) for _ in range(n)]


def test_retention_below_180_days_is_refused(settings):
    settings.AUDIT_RETENTION_DAYS = 179
    with pytest.raises(ImproperlyConfigured, match="at least 180"):
        retention_days()
    with pytest.raises(ImproperlyConfigured):
        call_command("prune_audit")
    settings.AUDIT_RETENTION_DAYS = 365
    assert retention_days() == 365


def test_the_settings_refuse_a_retention_below_180_days():
    env = {**os.environ, "RENDA_AUDIT_RETENTION_DAYS": "90"}
    result = subprocess.run(
        [sys.executable, "-c", "import renda.settings"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "RENDA_AUDIT_RETENTION_DAYS must be at least 180" in result.stderr


def test_prune_keeps_the_newest_180_days_and_the_chain_verifies(tmp_path):
    old = _write(400, 3) + _write(200, 2)
    kept = _write(170, 2) + _write(1, 2)
    archive = tmp_path / "audit.jsonl"
    call_command("prune_audit", archive=str(archive))
    remaining = list(AuditRecord.objects.order_by("pk"))
    assert [r.pk for r in remaining[:-1]] == [r.pk for r in kept]
    pruning = remaining[-1]
    assert (pruning.category, pruning.action) == (Category.MAINTENANCE, PRUNE_ACTION)
    assert pruning.detail["removed"] == len(old)
    assert pruning.detail["anchor"] == old[-1].mac == kept[0].prev_mac
    assert [json.loads(line)["pk"] for line in archive.read_text().splitlines()] == [
        r.pk for r in old
    ]
    assert verify() is None
    # Pruning again finds nothing old enough and records nothing.
    assert prune().removed == 0
    assert AuditRecord.objects.count() == len(remaining)


def test_after_pruning_a_row_removed_from_the_front_is_still_detected():
    _write(300, 2)
    kept = _write(10, 3)
    prune()
    as_owner("DELETE FROM {table} WHERE id = %s", [kept[0].pk])
    assert verify().pk == kept[1].pk


def test_prune_never_removes_the_last_row():
    only = _write(300, 2)
    assert prune().removed == 1
    assert AuditRecord.objects.order_by("pk").values_list("pk", flat=True)[0] == only[1].pk
    assert verify() is None
