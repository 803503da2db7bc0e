"""The feature's settings (`settings.NOTIFICATIONS`), with their defaults, checked at start-up."""

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

INAPP = "inapp"
OUTSIDE_CHANNELS = ("email", "sms")

DEFAULTS: dict[str, Any] = {
    # Outside channels per message kind, "*" for every other kind; in-app always goes out.
    "CHANNELS": {
        "*": ["email"],
        "assigned": ["email", "sms"],
        "due_soon": ["email", "sms"],
        "overdue": ["email", "sms"],
        "opinion_overdue": ["email", "sms"],
        "reply_released": ["email", "sms"],
    },
    # Channels this deployment has at all (a kind's list is cut to these).
    "ENABLED": ["email", "sms"],
    "SMS_GATEWAY": "renda.notifications.channels.LoggingSmsGateway",
    "MAX_ATTEMPTS": 5,
    "RETRY_SECONDS": 60,  # the wait after the first failure; doubled after each further one
    "BATCH": 500,  # deliveries claimed at a time
    "STALE_SECONDS": 600,  # a claim older than this is taken to be a dead worker's
    "REMINDER_TIME": "08:30",  # when the scheduler sends reminders, each working day
    "DUE_SOON_UNIT": "working",  # "working" or "calendar" days (the number: congress settings)
    "STAFF_OVERDUE_COPY": "digest",  # staff get one summary a run ("digest") or a copy "each"
}


def get(name: str) -> Any:
    return getattr(settings, "NOTIFICATIONS", {}).get(name, DEFAULTS[name])


def channels_for(kind: str) -> list[str]:
    """The outside channels a message of `kind` goes out on."""
    table = get("CHANNELS")
    wanted = table.get(kind, table.get("*", []))
    enabled = set(get("ENABLED"))
    return [c for c in wanted if c != INAPP and c in enabled]


def reminder_time() -> dt.time:
    return dt.time.fromisoformat(get("REMINDER_TIME"))


def check() -> None:
    """Raise ImproperlyConfigured on a bad value (called when the app is loaded)."""
    unknown = set(getattr(settings, "NOTIFICATIONS", {})) - set(DEFAULTS)
    if unknown:
        raise ImproperlyConfigured(f"NOTIFICATIONS: unknown keys {sorted(unknown)}")
    for kind, channels in get("CHANNELS").items():
        bad = set(channels) - {INAPP, *OUTSIDE_CHANNELS}
        if bad:
            raise ImproperlyConfigured(f"NOTIFICATIONS['CHANNELS'][{kind!r}]: unknown {bad}")
    if set(get("ENABLED")) - set(OUTSIDE_CHANNELS):
        raise ImproperlyConfigured(f"NOTIFICATIONS['ENABLED']: use {OUTSIDE_CHANNELS}")
    for name in ("MAX_ATTEMPTS", "RETRY_SECONDS", "BATCH", "STALE_SECONDS"):
        if not isinstance(get(name), int) or get(name) < 1:
            raise ImproperlyConfigured(f"NOTIFICATIONS[{name!r}] must be a positive integer")
    try:
        reminder_time()
    except ValueError:
        raise ImproperlyConfigured(
            f"NOTIFICATIONS['REMINDER_TIME']={get('REMINDER_TIME')!r}: use HH:MM"
        ) from None
    _check_choice("DUE_SOON_UNIT", {"working", "calendar"})
    _check_choice("STAFF_OVERDUE_COPY", {"digest", "each"})
    try:
        import_string(get("SMS_GATEWAY"))
    except ImportError as error:
        raise ImproperlyConfigured(f"NOTIFICATIONS['SMS_GATEWAY']: {error}") from None


def _check_choice(name: str, allowed: set[str]) -> None:
    if get(name) not in allowed:
        raise ImproperlyConfigured(f"NOTIFICATIONS[{name!r}]={get(name)!r}: use {sorted(allowed)}")
