"""The HMAC chain over audit records: each row's MAC covers its content and the previous
row's MAC, so an edited, inserted or removed row breaks the chain at that point.

The key is `settings.AUDIT_KEY` (RENDA_AUDIT_KEY), by default derived from SECRET_KEY; set it
explicitly in production so that rotating SECRET_KEY does not orphan the log.
"""

import datetime as dt
import hashlib
import hmac
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder

# The fields a MAC covers, in this order (never the primary key: it is known only after INSERT).
FIELDS = (
    "at",
    "actor_id",
    "actor_username",
    "actor_role",
    "address",
    "category",
    "action",
    "object_type",
    "object_id",
    "object_label",
    "result",
    "detail",
    "prev_mac",
)


def key() -> bytes:
    configured = getattr(settings, "AUDIT_KEY", "")
    if configured:
        return configured.encode()
    return hashlib.sha256(b"renda.audit:" + settings.SECRET_KEY.encode()).digest()


def normalise(detail: dict[str, Any] | None) -> dict[str, Any]:
    """The detail exactly as the JSON column gives it back (dates and decimals as text)."""
    return json.loads(json.dumps(detail or {}, cls=DjangoJSONEncoder))


def _text(name: str, value: Any) -> Any:
    if name == "at":
        return value.astimezone(dt.UTC).isoformat(timespec="microseconds")
    return value


def mac_of(values: dict[str, Any]) -> str:
    """HMAC-SHA256 of the row's canonical JSON (sorted keys, detail included)."""
    message = json.dumps(
        [_text(name, values[name]) for name in FIELDS],
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
        cls=DjangoJSONEncoder,
    )
    return hmac.new(key(), message.encode(), hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class Break:
    """Where the chain fails: the row's id and why."""

    pk: int
    reason: str


def first_break(rows: Iterable[Any], anchor: str | None = None) -> Break | None:
    """Walk rows in insertion order. `anchor` is what the first row must point back to
    ("" for a log never pruned); None accepts whatever the first row names."""
    expected = anchor
    for row in rows:
        values = {name: getattr(row, name) for name in FIELDS}
        if expected is not None and row.prev_mac != expected:
            return Break(row.pk, "the row before it is missing or was replaced")
        if not hmac.compare_digest(mac_of(values), row.mac):
            return Break(row.pk, "its content was changed")
        expected = row.mac
    return None
