"""Accounts' events in the audit log (审计日志): permission changes and refused logins."""

from typing import Any

from renda.audit import services
from renda.audit.models import Category

PERMISSION_CHANGE = Category.PERMISSION_CHANGE
LOGIN_FAILED = Category.LOGIN_FAILED


def audit(category: str, action: str, **fields: Any) -> None:
    """Record one event: `action` a dotted code, `fields` as `renda.audit.services.Entry` takes
    them (actor, obj, result, detail, username)."""
    services.record(category, action, **fields)
