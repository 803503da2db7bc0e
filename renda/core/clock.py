"""The platform's clock.

Services read time here rather than from `timezone.now()` directly so that the demo loader can
replay a whole session's history at the dates it happened (`travel`). Tests freeze time with
time-machine, which this honours as well.
"""

import contextlib
import contextvars
import datetime as dt
from collections.abc import Iterator

from django.utils import timezone

_override: contextvars.ContextVar[dt.datetime | None] = contextvars.ContextVar(
    "renda_clock", default=None
)


def now() -> dt.datetime:
    return _override.get() or timezone.now()


def today() -> dt.date:
    return timezone.localdate(now())


@contextlib.contextmanager
def travel(moment: dt.datetime) -> Iterator[None]:
    """Make `now()` return `moment` inside the block (aware datetime)."""
    token = _override.set(moment)
    try:
        yield
    finally:
        _override.reset(token)
