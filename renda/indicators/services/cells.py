"""Reading one row of an import sheet: each reader returns the cell's value, or None after
recording a precise error for that row and column."""

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from renda.core.errors import RuleViolation
from renda.indicators.services.common import to_decimal
from renda.indicators.sheets import Rows

YEARS = range(2000, 2101)


class RowReader:
    def __init__(self, rows: Rows, number: int, row: dict[str, Any]):
        self.rows, self.line, self.row = rows, number, row

    def error(self, column: str, message: str) -> None:
        self.rows.error(self.line, column, message)

    def raw(self, column: str) -> Any:
        value = self.row.get(column)
        return None if value == "" else value

    def text(self, column: str, *, required: bool = True, max_length: int = 200) -> str | None:
        value = self.raw(column)
        if value is None:
            if required:
                self.error(column, _("This cell is empty."))
            return None if required else ""
        text = str(value).strip()
        if len(text) > max_length:
            self.error(column, _("Longer than %(max)s characters.") % {"max": max_length})
            return None
        return text

    def number(self, column: str, *, required: bool = True) -> Decimal | None:
        value = self.raw(column)
        if value is None:
            if required:
                self.error(column, _("This cell is empty."))
            return None
        try:
            return to_decimal(value)
        except RuleViolation:
            self.error(column, _("“%(value)s” is not a number.") % {"value": value})
            return None

    def whole(self, column: str, allowed: range, *, required: bool = True) -> int | None:
        value = self.raw(column)
        if value is None:
            if required:
                self.error(column, _("This cell is empty."))
            return None
        try:
            number = Decimal(str(value).strip())
        except ArithmeticError:
            number = None
        if number is None or number != number.to_integral_value() or int(number) not in allowed:
            self.error(
                column,
                _("“%(value)s” is not a whole number from %(first)s to %(last)s.")
                % {"value": value, "first": allowed[0], "last": allowed[-1]},
            )
            return None
        return int(number)

    def choice(
        self, column: str, mapping: dict[str, Any], *, default: Any = None, unknown: str = ""
    ) -> Any:
        """The value `mapping` gives the cell; `unknown` (with %(value)s) words the error for
        long lists (units, regions) instead of listing every choice."""
        value = self.raw(column)
        if value is None:
            if default is None:
                self.error(column, _("This cell is empty."))
            return default
        key = str(value).strip()
        if key not in mapping and unknown:
            self.error(column, unknown % {"value": key})
            return None
        if key not in mapping:
            self.error(
                column,
                _("“%(value)s” is not one of: %(choices)s.")
                % {"value": value, "choices": "、".join(_first_names(mapping))},
            )
            return None
        return mapping[key]


def _first_names(mapping: dict[str, Any]) -> list[str]:
    """The first spelling of each value, as the error suggests it."""
    seen, names = set(), []
    for name, value in mapping.items():
        if value not in seen:
            seen.add(value)
            names.append(name)
    return names
