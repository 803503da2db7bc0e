"""The seam to the audit log (renda.audit, written on another branch): calls go through here,
and do nothing where the audit app is not installed."""

from typing import Any

from django.apps import apps


def audit(category: str, action: str, **fields: Any) -> None:
    """`renda.audit.services.record(category, action, **fields)` when the audit app exists."""
    if not apps.is_installed("renda.audit"):
        return
    from renda.audit.services import record

    record(category, action, **fields)
