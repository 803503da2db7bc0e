"""Failed-login lockout (登录失败处理).

An (account, address) pair is locked after RENDA_LOCKOUT_FAILURES failures within
RENDA_LOCKOUT_MINUTES, for RENDA_LOCKOUT_MINUTES; an address with RENDA_ADDRESS_FAILURES failures
within RENDA_ADDRESS_WINDOW_MINUTES is throttled whatever account it tries. Locking by account
alone would let anyone lock every deputy out on the deadline day.

The account is the identifier typed at login, normalised — not the user it resolves to — so
this works the same whether or not the account exists, and never tells which.
"""

import datetime as dt
import math

from django.conf import settings
from django.db import transaction
from django.db.models import Max

from renda.accounts.models import LoginFailure, LoginLock
from renda.core import clock

KEEP_FAILURES = dt.timedelta(days=1)


def normalise(identifier: str) -> str:
    return "".join(identifier.split()).casefold()[:150]


def client_address(request) -> str:
    if request is None:
        return ""
    header = settings.RENDA_CLIENT_ADDRESS_HEADER
    raw = request.META.get(header, "") if header else ""
    address = raw.split(",")[0].strip() or request.META.get("REMOTE_ADDR", "")
    return address[:45]


def _lock_span() -> dt.timedelta:
    return dt.timedelta(minutes=settings.RENDA_LOCKOUT_MINUTES)


def blocked_minutes(account: str, address: str) -> int:
    """Minutes (rounded up) before this pair may try again; 0 when it may try now."""
    now = clock.now()
    until = LoginLock.objects.filter(
        account=account, address=address, locked_until__gt=now
    ).aggregate(until=Max("locked_until"))["until"]
    throttled = _address_throttled_until(address, now)
    latest = max((t for t in (until, throttled) if t), default=None)
    if latest is None:
        return 0
    return max(1, math.ceil((latest - now).total_seconds() / 60))


def _address_throttled_until(address: str, now: dt.datetime) -> dt.datetime | None:
    limit = settings.RENDA_ADDRESS_FAILURES
    window = dt.timedelta(minutes=settings.RENDA_ADDRESS_WINDOW_MINUTES)
    recent = LoginFailure.objects.filter(address=address, at__gt=now - window).order_by("-at")
    times = list(recent.values_list("at", flat=True)[:limit])
    if not limit or len(times) < limit:
        return None
    # Throttled until the oldest of the last `limit` failures leaves the window.
    return times[-1] + window


@transaction.atomic
def record_failure(account: str, address: str) -> bool:
    """Count one failure; returns True when it locked the pair."""
    now = clock.now()
    LoginFailure.objects.filter(at__lt=now - KEEP_FAILURES).delete()
    LoginFailure.objects.create(account=account, address=address, at=now)
    state, _ = LoginLock.objects.select_for_update().get_or_create(
        account=account, address=address, defaults={"counted_from": now - _lock_span()}
    )
    since = max(state.counted_from, now - _lock_span())
    failures = LoginFailure.objects.filter(account=account, address=address, at__gte=since)
    if failures.count() < settings.RENDA_LOCKOUT_FAILURES:
        return False
    # Failures before the lock no longer count once it ends.
    state.locked_until = now + _lock_span()
    state.counted_from = now + dt.timedelta(microseconds=1)
    state.save(update_fields=["locked_until", "counted_from"])
    return True


def record_success(account: str, address: str) -> None:
    """A successful login clears the pair's count."""
    LoginLock.objects.filter(account=account, address=address).update(
        counted_from=clock.now(), locked_until=None
    )


def active_locks():
    return LoginLock.objects.filter(locked_until__gt=clock.now()).order_by("-locked_until")
