"""Privacy's events in the audit log (审计日志): own-data exports and pseudonymisation."""

from typing import Any

from renda.audit.services import record


def audit(category: str, action: str, **fields: Any) -> None:
    """`renda.audit.services.record(category, action, **fields)`."""
    record(category, action, **fields)
