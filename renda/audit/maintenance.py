"""Keeping and checking the log: the retention period, pruning older rows, verifying the chain.

Pruning deletes only a prefix of the chain (never its last row) and then appends a record
naming the MAC the first remaining row points back to, so verification can still start at the
first remaining row and a row removed from the front is detected like any other.
"""

import datetime as dt
import json
from dataclasses import dataclass
from typing import IO

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction

from renda.audit import chain
from renda.audit.models import AuditRecord, Category
from renda.audit.services import _lock_chain, record
from renda.core import clock

MINIMUM_RETENTION_DAYS = 180  # Cybersecurity Law art. 21: network logs kept ≥ six months
PRUNE_ACTION = "audit.prune"


def retention_days() -> int:
    days = getattr(settings, "AUDIT_RETENTION_DAYS", MINIMUM_RETENTION_DAYS)
    if days < MINIMUM_RETENTION_DAYS:
        raise ImproperlyConfigured(
            f"AUDIT_RETENTION_DAYS={days}: audit records are kept at least "
            f"{MINIMUM_RETENTION_DAYS} days"
        )
    return days


@dataclass(frozen=True)
class Pruned:
    removed: int
    cutoff: dt.datetime
    anchor: str


def prune(*, archive: IO[str] | None = None) -> Pruned:
    """Delete the rows older than the retention period (written to `archive` as JSON lines
    first, when given) and record the pruning in the log itself."""
    days = retention_days()
    with transaction.atomic():
        _lock_chain()
        cutoff = _cutoff(days)
        keep_from = _first_kept(cutoff)
        if archive is not None:
            doomed = AuditRecord.objects.filter(pk__lt=keep_from).order_by("pk")
            for row in doomed.iterator(chunk_size=2000):
                archive.write(json.dumps(_plain(row), ensure_ascii=False, cls=DjangoJSONEncoder))
                archive.write("\n")
        kept = AuditRecord.objects.filter(pk=keep_from).values_list("prev_mac", flat=True)
        new_anchor = kept.first() or ""
        removed = _delete_before(keep_from, days)
        if removed:
            record(
                Category.MAINTENANCE,
                PRUNE_ACTION,
                address="",
                detail={"removed": removed, "before": cutoff, "anchor": new_anchor},
            )
    return Pruned(removed, cutoff, new_anchor)


def _cutoff(days: int) -> dt.datetime:
    if connection.vendor == "postgresql":
        # The database's clock decides, as renda_audit_prune() does in this same transaction.
        with connection.cursor() as cursor:
            cursor.execute("SELECT now() - make_interval(days => %s)", [days])
            return cursor.fetchone()[0]
    return clock.now() - dt.timedelta(days=days)


def _first_kept(cutoff: dt.datetime) -> int:
    rows = AuditRecord.objects.order_by("pk").values_list("pk", flat=True)
    return rows.filter(at__gte=cutoff).first() or rows.last() or 0


def _delete_before(keep_from: int, days: int) -> int:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # The only deleting path the triggers allow; it re-checks the 180-day floor itself.
            cursor.execute("SELECT renda_audit_prune(%s)", [days])
            return cursor.fetchone()[0]
        table = AuditRecord._meta.db_table
        # The table name is our model's (a constant); the only value is a parameter.
        cursor.execute(f"DELETE FROM {table} WHERE id < %s", [keep_from])  # nosec B608
        return cursor.rowcount


def _plain(row: AuditRecord) -> dict:
    return {name: getattr(row, name) for name in ("pk", *chain.FIELDS, "mac")}


def anchor() -> str:
    """What the first remaining row must point back to: "" unless the log was pruned."""
    last_prune = (
        AuditRecord.objects.filter(category=Category.MAINTENANCE, action=PRUNE_ACTION)
        .order_by("-pk")
        .values_list("detail", flat=True)
        .first()
    )
    return (last_prune or {}).get("anchor", "")


def verify() -> chain.Break | None:
    """The first row where the chain breaks, or None when the whole log is intact."""
    rows = AuditRecord.objects.order_by("pk")
    return chain.first_break(rows.iterator(chunk_size=2000), anchor=anchor())
