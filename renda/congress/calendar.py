"""Working days by the State Council's holiday calendar (chinesecalendar), with the congress's
own exceptions (`CalendarDay`) taking precedence.

chinesecalendar knows each year only once the State Council has published it (usually in
November for the next year). For a year it does not know, weekdays count as working days and a
warning is logged, so staff can record that year's holidays as `CalendarDay` rows.
"""

import datetime as dt
import logging
from functools import lru_cache

import chinese_calendar
from dateutil.relativedelta import relativedelta

logger = logging.getLogger(__name__)


@lru_cache(maxsize=64)
def _warn_unknown_year(year: int) -> None:
    logger.warning(
        "Holiday calendar for %s not installed; weekdays count as working days "
        "(record holidays as calendar exceptions or upgrade chinesecalendar).",
        year,
    )


def _builtin_is_workday(day: dt.date) -> bool:
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:
        _warn_unknown_year(day.year)
        return day.weekday() < 5


def _exceptions(start: dt.date, end: dt.date) -> dict[dt.date, bool]:
    from renda.congress.models import CalendarDay

    rows = CalendarDay.objects.filter(date__range=(start, end)).values_list("date", "is_workday")
    return dict(rows)


def is_workday(day: dt.date) -> bool:
    override = _exceptions(day, day).get(day)
    return _builtin_is_workday(day) if override is None else override


def next_workday(day: dt.date) -> dt.date:
    """`day` itself if it is a working day, else the first working day after it."""
    overrides = _exceptions(day, day + dt.timedelta(days=40))
    while not overrides.get(day, _builtin_is_workday(day)):
        day += dt.timedelta(days=1)
    return day


def add_working_days(day: dt.date, count: int) -> dt.date:
    """The `count`-th working day after `day` (day itself not counted)."""
    overrides = _exceptions(day, day + dt.timedelta(days=count * 2 + 40))
    while count > 0:
        day += dt.timedelta(days=1)
        if overrides.get(day, _builtin_is_workday(day)):
            count -= 1
    return day


def add_days(day: dt.date, count: int, *, working: bool) -> dt.date:
    """Add calendar or working days; a calendar-day deadline that falls on a rest day moves to
    the next working day (the usual reading of 顺延)."""
    if working:
        return add_working_days(day, count)
    return next_workday(day + dt.timedelta(days=count))


def add_months(day: dt.date, months: int) -> dt.date:
    """Same day `months` later (end of month clamps), moved to the next working day."""
    return next_workday(day + relativedelta(months=months))
