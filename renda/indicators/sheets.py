"""Reading and writing .xlsx sheets (openpyxl), and the errors an import reports.

The sheets' headers are part of the file format and fixed in Chinese (the spreadsheets
units and staff already exchange); the error messages are translated. An import collects every
error with its sheet, row and column, and writes nothing unless there is none.
"""

import io
from dataclasses import dataclass
from typing import Any, BinaryIO

from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from renda.core.errors import RuleViolation

MAX_ROWS = 5000


@dataclass(frozen=True)
class SheetError:
    sheet: str
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        if self.column:
            return _("Sheet “%(sheet)s”, row %(row)s, column “%(column)s”: %(message)s") % {
                "sheet": self.sheet,
                "row": self.row,
                "column": self.column,
                "message": self.message,
            }
        return _("Sheet “%(sheet)s”, row %(row)s: %(message)s") % {
            "sheet": self.sheet,
            "row": self.row,
            "message": self.message,
        }


class SheetRejected(RuleViolation):
    """An import with errors: nothing was written. `errors` says where and why."""

    def __init__(self, errors: list[SheetError]):
        self.errors = errors
        super().__init__(
            ngettext(
                "The file has %(count)d error; nothing was imported.",
                "The file has %(count)d errors; nothing was imported.",
                len(errors),
            )
            % {"count": len(errors)}
        )


class Rows:
    """A sheet's data rows as {header: cell value}, with the sheet row number, and the
    errors found while reading them."""

    def __init__(self, workbook, name: str, columns: list[str], required: list[str]):
        self.name, self.errors = name, []
        self.rows: list[tuple[int, dict[str, Any]]] = []
        if name not in workbook.sheetnames:
            self.error(1, "", _("The sheet is missing."))
            return
        lines = workbook[name].iter_rows(values_only=True)
        header = [_text(c) for c in next(lines, ())]
        for column in required:
            if column not in header:
                self.error(1, column, _("The column is missing."))
        for number, cells in enumerate(lines, start=2):
            if number > MAX_ROWS:
                self.error(number, "", _("The sheet has too many rows."))
                break
            row = {h: _clean(c) for h, c in zip(header, cells, strict=False) if h in columns}
            if any(v not in (None, "") for v in row.values()):
                self.rows.append((number, row))

    def error(self, row: int, column: str, message: str) -> None:
        self.errors.append(SheetError(self.name, row, column, message))


def _text(cell: Any) -> str:
    return str(cell).strip() if cell is not None else ""


def _clean(cell: Any) -> Any:
    return cell.strip() if isinstance(cell, str) else cell


def open_workbook(file: BinaryIO | bytes):
    """The workbook, or SheetRejected when the file is not an .xlsx workbook."""
    data = file if isinstance(file, bytes) else file.read()
    try:
        return load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a broken or foreign file
        raise SheetRejected([SheetError("", 1, "", _("This is not an .xlsx workbook."))]) from None


def write_sheet(
    workbook: Workbook,
    title: str,
    columns: list[str],
    rows: list[list[Any]],
    *,
    choices: dict[str, list[str]] | None = None,
    widths: dict[str, int] | None = None,
) -> None:
    """A sheet with a bold frozen header, column widths, and drop-down lists for `choices`."""
    sheet = workbook.create_sheet(title)
    sheet.append(columns)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        cell.alignment = Alignment(horizontal="center")
    for row in rows:
        sheet.append(row)
    sheet.freeze_panes = "A2"
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = (widths or {}).get(column, 12)
        if choices and column in choices:
            rule = DataValidation(type="list", formula1='"' + ",".join(choices[column]) + '"')
            rule.add(f"{letter}2:{letter}{MAX_ROWS}")
            sheet.add_data_validation(rule)


def to_bytes(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def new_workbook() -> Workbook:
    workbook = Workbook()
    workbook.remove(workbook.active)
    return workbook
