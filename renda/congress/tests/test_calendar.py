"""Deadlines on the State Council's calendar: holidays, adjusted working weekends, and years
the installed calendar does not know yet."""

import datetime as dt

import pytest

from renda.congress import calendar
from renda.congress.models import CalendarDay

D = dt.date


@pytest.mark.django_db
class TestWorkingDays:
    def test_national_day_week_is_not_working_and_the_adjusted_saturday_is(self):
        assert not calendar.is_workday(D(2026, 10, 1))
        assert not calendar.is_workday(D(2026, 10, 7))
        assert calendar.is_workday(D(2026, 10, 10))  # Saturday, worked in exchange (调休)
        assert calendar.is_workday(D(2026, 9, 20))  # Sunday, worked in exchange

    def test_one_working_day_after_the_eve_of_national_day_is_the_eighth(self):
        assert calendar.add_working_days(D(2026, 9, 30), 1) == D(2026, 10, 8)

    def test_working_days_across_the_holiday_count_the_adjusted_saturday(self):
        # 9-30 → 10-8 (1), 10-9 (2), 10-10 Sat worked (3), 10-12 (4)
        assert calendar.add_working_days(D(2026, 9, 30), 4) == D(2026, 10, 12)

    def test_a_month_deadline_on_a_holiday_moves_to_the_next_working_day(self):
        assert calendar.add_months(D(2026, 7, 1), 3) == D(2026, 10, 8)

    def test_a_month_deadline_on_a_working_day_stays(self):
        assert calendar.add_months(D(2026, 2, 26), 3) == D(2026, 5, 26)

    def test_month_end_clamps(self):
        assert calendar.add_months(D(2026, 11, 30), 3) == D(2027, 3, 1)  # 2-28 is a Sunday

    def test_calendar_days_window_ending_on_a_rest_day_extends_to_the_next_working_day(self):
        # 9-27 + 10 days = 10-7, inside the holiday → 10-8
        assert calendar.add_days(D(2026, 9, 27), 10, working=False) == D(2026, 10, 8)

    def test_an_unknown_year_falls_back_to_weekdays(self, caplog):
        assert calendar.is_workday(D(2027, 1, 1))  # a Friday; 2027 not in the installed calendar
        assert not calendar.is_workday(D(2027, 1, 2))

    def test_recorded_exceptions_win_over_the_builtin_calendar(self):
        CalendarDay.objects.create(date=D(2027, 1, 1), is_workday=False, note="元旦")
        CalendarDay.objects.create(date=D(2026, 10, 7), is_workday=True, note="本地调整")
        assert not calendar.is_workday(D(2027, 1, 1))
        assert calendar.add_working_days(D(2026, 12, 31), 1) == D(2027, 1, 4)
        assert calendar.add_working_days(D(2026, 9, 30), 1) == D(2026, 10, 7)
