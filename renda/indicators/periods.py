"""Reporting periods. A period is (year, month): the year up to the end of `month` — 12 is the
whole year, 6 the first half (1—6月), 9 the first three quarters (1—9月)."""

import calendar
import datetime as dt

from django.utils.translation import gettext as _

from renda.core.errors import RuleViolation
from renda.indicators.models import Accumulation, Frequency, Indicator

MONTHS = {
    Frequency.ANNUAL: (12,),
    Frequency.HALF_YEARLY: (6, 12),
    Frequency.QUARTERLY: (3, 6, 9, 12),
    Frequency.MONTHLY: tuple(range(1, 13)),
}


def period_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def due_date(year: int, month: int, due_days: int) -> dt.date:
    """报送期限: the day a period's report is due."""
    return period_end(year, month) + dt.timedelta(days=due_days)


def label(year: int, month: int, accumulation: str = Accumulation.YEAR_TO_DATE) -> str:
    """2024年; 2024年1—9月 (cumulative); 2024年6月末 (a level)."""
    if month == 12:
        return f"{year}年"
    if accumulation == Accumulation.LEVEL:
        return f"{year}年{month}月末"
    return f"{year}年1—{month}月" if month > 1 else f"{year}年1月"


def check_period(indicator: Indicator, year: int, month: int) -> None:
    """Refuse a period the indicator's frequency does not report, or outside its years."""
    if month not in MONTHS[indicator.frequency]:
        raise RuleViolation(
            _("“%(indicator)s” is reported %(frequency)s; a period cannot end in month %(month)s.")
            % {
                "indicator": indicator.name,
                "frequency": indicator.get_frequency_display(),
                "month": month,
            }
        )
    if not indicator.baseline_year <= year <= indicator.system.target_year + 5:
        raise RuleViolation(
            _("The year must be between the baseline year %(first)s and %(last)s.")
            % {"first": indicator.baseline_year, "last": indicator.system.target_year + 5}
        )


def expected_periods(
    indicator: Indicator, today: dt.date, due_days: int, last_year: int
) -> list[tuple[int, int]]:
    """The periods after the baseline year, up to `last_year`, whose report is due by today."""
    periods = []
    for year in range(indicator.baseline_year + 1, last_year + 1):
        for month in MONTHS[indicator.frequency]:
            if due_date(year, month, due_days) < today:
                periods.append((year, month))
    return periods
