"""The seam to the audit log (审计日志): accounts records permission changes and refused logins
through `audit`, which calls `renda.audit.services.record` where that app is installed and only
logs otherwise, so accounts works before and after the audit app is merged."""

import importlib
import logging
from collections.abc import Callable
from typing import Any

from django.apps import apps

logger = logging.getLogger("renda.accounts.audit")

PERMISSION_CHANGE = "permission_change"
LOGIN_FAILED = "login_failed"


def audit(category: str, action: str, **fields: Any) -> None:
    """Record one event: `category` as in renda.audit (permission_change, login_failed …),
    `action` a dotted code, `fields` as `renda.audit.services.Entry` takes them (actor, obj,
    result, detail, username)."""
    record = _recorder()
    if record is None:
        logger.info("audit %s %s %s", category, action, _describe(fields))
        return
    record(category, action, **fields)


def _recorder() -> Callable[..., Any] | None:
    if not apps.is_installed("renda.audit"):
        return None
    return importlib.import_module("renda.audit.services").record


def _describe(fields: dict[str, Any]) -> str:
    return ", ".join(f"{key}={value}" for key, value in fields.items() if key != "detail")
