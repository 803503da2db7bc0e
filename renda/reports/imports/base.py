"""Reading an .xlsx sheet for import: the header row, the rows with their Excel row numbers,
and every problem as (row, column, reason)."""

import datetime as dt
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from renda.core.errors import RuleViolation
from renda.reports.imports.columns import SheetColumn

SEPARATORS = re.compile(r"[、，,；;／/\s]+")
NUMBER = re.compile(r"^第?\s*0*(\d+)\s*号?$")
DATE_TEXT = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")


@dataclass(frozen=True)
class Issue:
    """One problem: the Excel row number (1 is the header), the column's header, the reason."""

    row: int
    column: str
    message: str

    def as_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "message": self.message}


@dataclass
class Row:
    number: int
    values: dict[str, Any]


@dataclass
class Sheet:
    rows: list[Row]
    issues: list[Issue] = field(default_factory=list)
    header_row: int = 1


class ImportRejected(RuleViolation):
    """Nothing was imported: the sheet has problems (`issues`)."""

    def __init__(self, issues: list[Issue]):
        super().__init__(
            _("Nothing was imported: the sheet has %(count)s problems.") % {"count": len(issues)}
        )
        self.issues = issues


def read_sheet(source: IO[bytes], columns: Iterable[SheetColumn]) -> Sheet:
    """The first worksheet's rows keyed by column, or file-level issues."""
    columns = list(columns)
    try:
        wb = load_workbook(source, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        return Sheet([], [Issue(0, "", _("This is not an Excel (.xlsx) file."))])
    try:
        return _read(wb.worksheets[0], columns)
    finally:
        wb.close()


def _read(ws, columns: list[SheetColumn]) -> Sheet:
    rows = ws.iter_rows(values_only=True)
    header_row, positions, issues = _header(rows, columns)
    if issues:
        return Sheet([], issues, header_row)
    found, limit = [], settings.REPORTS_IMPORT_MAX_ROWS
    for number, values in enumerate(rows, start=header_row + 1):
        if all(v is None or str(v).strip() == "" for v in values):
            continue
        found.append(Row(number, {key: _at(values, i) for key, i in positions.items()}))
        if len(found) > limit:
            message = _("The sheet has more than %(limit)s rows; split it.") % {"limit": limit}
            return Sheet([], [Issue(number, "", message)], header_row)
    if not found:
        return Sheet([], [Issue(header_row + 1, "", _("The sheet has no rows to import."))])
    return Sheet(found, [], header_row)


def _at(values: tuple, index: int) -> Any:
    return values[index] if index < len(values) else None


def _header(rows: Iterator[tuple], columns: list[SheetColumn]):
    """Find the header among the first five rows (a title line may stand above it)."""
    names = {_clean(name): c for c in columns for name in (c.header, *c.aliases)}
    for number, values in enumerate(rows, start=1):
        cells = [_clean(v) for v in values]
        positions: dict[str, int] = {}
        issues = []
        for i, text in enumerate(cells):
            column = names.get(text)
            if column is None:
                continue
            if column.key in positions:
                message = _("The column appears twice.")
                issues.append(Issue(number, column.header, message))
            positions[column.key] = i
        if len(positions) >= 2 or number >= 5:
            for c in columns:
                if c.required and c.key not in positions:
                    issues.append(Issue(number, c.header, _("This column is missing.")))
            return number, positions, issues
    return 1, {}, [Issue(1, "", _("The sheet has no header row."))]


def _clean(value) -> str:
    return re.sub(r"[\s*＊]", "", str(value or ""))


# -- cell parsing -------------------------------------------------------------------------------


class CellError(Exception):
    """A cell that cannot be read; the message says why (translated)."""


def text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def names(value) -> list[str]:
    return [n for n in SEPARATORS.split(text(value)) if n]


def date(value) -> dt.date | None:
    if value is None or text(value) == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    match = DATE_TEXT.match(text(value))
    if match:
        try:
            return dt.date(*map(int, match.groups()))
        except ValueError:
            pass
    raise CellError(
        _("“%(value)s” is not a date (write it as 2026-01-20).") % {"value": text(value)}
    )


def number(value) -> int | None:
    raw = text(value)
    if not raw:
        return None
    match = NUMBER.match(raw)
    if not match or int(match.group(1)) < 1:
        raise CellError(_("“%(value)s” is not a number such as 12 or 第0012号.") % {"value": raw})
    return int(match.group(1))
