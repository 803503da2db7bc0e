"""The exporter shape: an exporter yields sheets; a sheet has columns and yields rows."""

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from django.utils import timezone
from django.utils.functional import Promise


@dataclass(frozen=True)
class Column:
    """A column: its (translated) header, width in characters, and how cells are written —
    text, wrap (long text), int, date, percent (a `Rate` or a fraction)."""

    header: str | Promise
    width: int = 12
    kind: str = "text"


@dataclass
class Sheet:
    title: str
    columns: Sequence[Column]
    rows: Iterable[Sequence[Any]]
    heading: str = ""  # an optional title line above the header row


class Exporter:
    """Subclasses set `identifier`, `verbose_name` and `filename`, and yield sheets."""

    identifier: ClassVar[str] = ""
    verbose_name: ClassVar[str | Promise] = ""
    filename: str = "export.xlsx"
    # Called with the share of rows written so far (0–1) by renderers that know the total.
    progress: Callable[[float], None] | None = None

    def sheets(self) -> Iterator[Sheet]:
        raise NotImplementedError

    def expected_rows(self) -> int | None:
        """How many rows all sheets will have, when cheap to know (drives progress)."""
        return None


def local_date(value: dt.datetime | dt.date | None) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return timezone.localdate(value)
    return value


def joined(names: Iterable[str]) -> str:
    return "、".join(n for n in names if n)
