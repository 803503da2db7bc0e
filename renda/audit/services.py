"""The one way to write the audit log (审计日志): `record` for one event, `record_many` for a
batch. Every part of renda calls these.

Transactions: the row is written in the caller's transaction (a savepoint inside it), so a state
change that rolls back leaves no audit row, and an audit row that cannot be written rolls the
change back. Callers outside a transaction (logins, failed logins, downloads) get a transaction
of their own, committed at once.

Appends are serialised so the chain never forks: on PostgreSQL by a transaction-scoped advisory
lock held until the writer commits; SQLite takes its write lock at BEGIN (IMMEDIATE mode).
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, models, transaction

from renda.audit import chain
from renda.audit.context import current_address
from renda.audit.models import AuditRecord, Category, Result
from renda.core import clock

# pg_advisory_xact_lock key: 'audt' as an integer; any constant unused elsewhere would do.
CHAIN_LOCK = 0x61756474


@dataclass
class Entry:
    """One event to audit. `obj` fills the object's type, id and label when given."""

    category: str
    action: str
    actor: Any = None
    obj: models.Model | None = None
    object_type: str = ""
    object_id: str = ""
    label: str = ""
    result: str = Result.SUCCESS
    detail: dict[str, Any] = field(default_factory=dict)
    address: str | None = None
    username: str = ""  # for failed logins: the name that was tried


def record(category: str, action: str, **fields: Any) -> AuditRecord:
    """Append one audit row; see `Entry` for the fields."""
    return record_many([Entry(category, action, **fields)])[0]


def record_many(entries: Sequence[Entry]) -> list[AuditRecord]:
    """Append rows in order, chained, in one INSERT."""
    if not entries:
        return []
    with transaction.atomic():
        _lock_chain()
        previous = AuditRecord.objects.order_by("-pk").values_list("mac", flat=True).first()
        rows = []
        for entry in entries:
            row = _row(entry, prev_mac=previous or "")
            previous = row.mac
            rows.append(row)
        return AuditRecord.objects.bulk_create(rows, batch_size=2000)


def _lock_chain() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CHAIN_LOCK])


def _row(e: Entry, *, prev_mac: str) -> AuditRecord:
    actor = e.actor if getattr(e.actor, "is_authenticated", False) else None
    values: dict[str, Any] = {
        "at": clock.now(),
        "actor_id": actor.pk if actor else None,
        "actor_username": actor.get_username() if actor else e.username[:150],
        "actor_role": getattr(actor, "role", "") if actor else "",
        "address": (current_address() if e.address is None else e.address)[:45],
        "category": e.category,
        "action": e.action[:80],
        "object_type": e.object_type or (_type_of(e.obj) if e.obj is not None else ""),
        "object_id": e.object_id or (str(e.obj.pk) if e.obj is not None else ""),
        "object_label": (e.label or (str(e.obj) if e.obj is not None else ""))[:200],
        "result": e.result,
        "detail": chain.normalise(e.detail),
        "prev_mac": prev_mac,
    }
    values["mac"] = chain.mac_of(values)
    return AuditRecord(**values)


def _type_of(obj: models.Model) -> str:
    return obj._meta.label_lower


# --- History rows: one audit row per history row ---------------------------------------------


def history_entry(event: Any, *, obj: models.Model, label: str) -> Entry:
    """The audit entry for a history row (ProposalEvent, ValueEvent, SystemEvent): its actor,
    action and from→to states, on the object the history belongs to."""
    detail = {
        "history": event._meta.label_lower,
        "from": getattr(event, "from_state", ""),
        "to": getattr(event, "to_state", ""),
        "relation": getattr(event, "relation", ""),
    }
    if getattr(event, "reason", ""):
        detail["reason"] = event.reason[:500]
    return Entry(
        Category.STATE_CHANGE, event.action, actor=event.actor, obj=obj, label=label, detail=detail
    )


def record_history(events: Sequence[Any], *, obj_of, label_of) -> list[AuditRecord]:
    """Audit a batch of history rows; `obj_of(event)` and `label_of(obj)` name the object."""
    entries = []
    for event in events:
        obj = obj_of(event)
        entries.append(history_entry(event, obj=obj, label=label_of(obj)))
    return record_many(entries)


# --- Exports and downloads --------------------------------------------------------------------


def record_export(actor: Any, what: str, *, rows: int, detail: dict | None = None) -> AuditRecord:
    """A data export (导出): what was exported and how many rows."""
    return record(
        Category.EXPORT, f"export.{what}", actor=actor, detail={"rows": rows, **(detail or {})}
    )


def record_download(actor: Any, obj: models.Model, *, label: str, filename: str) -> AuditRecord:
    """A document handed out as a download (the file's name as served)."""
    return record(
        Category.DOWNLOAD,
        f"download.{_type_of(obj)}",
        actor=actor,
        obj=obj,
        label=label,
        detail={"filename": filename},
    )


# --- Permission changes -----------------------------------------------------------------------

# The user fields that grant or take away powers.
POWER_FIELDS = (
    "role",
    "is_active",
    "is_staff",
    "is_superuser",
    "organization_id",
    "deputy_id",
    "reply_duties",
)


def user_snapshot(user: Any) -> dict[str, Any]:
    """What a user may do, as plain values (compare two snapshots with `audit_user_change`)."""
    snapshot = {name: getattr(user, name) for name in POWER_FIELDS}
    if user.pk:
        snapshot["groups"] = sorted(user.groups.values_list("name", flat=True))
        snapshot["permissions"] = sorted(
            f"{app}.{code}"
            for app, code in user.user_permissions.values_list(
                "content_type__app_label", "codename"
            )
        )
    return snapshot


def audit_user_change(
    actor: Any, user: Any, before: dict[str, Any] | None, after: dict[str, Any]
) -> AuditRecord | None:
    """Record a change of a user's role, activity, organisation, groups or permissions
    (权限变更); `before` is None for a new account. Nothing is recorded when nothing changed."""
    before_values = before or {}
    changes = {
        name: [before_values.get(name), value]
        for name, value in after.items()
        if before is None or before_values.get(name) != value
    }
    if not changes:
        return None
    return record(
        Category.PERMISSION_CHANGE,
        "user.create" if before is None else "user.change",
        actor=actor,
        obj=user,
        label=f"{user.get_username()} {getattr(user, 'full_name', '')}".strip(),
        detail={"changes": changes},
    )
