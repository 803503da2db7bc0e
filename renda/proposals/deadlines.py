"""Deadlines from the congress's rules (domain.md), on the working-day calendar."""

import datetime as dt

from django.utils import timezone

from renda.congress import calendar
from renda.congress.models import CongressSettings


def reply_due(assigned_on: dt.date, config: CongressSettings) -> dt.date:
    """三个月内答复: the normal reply deadline."""
    return calendar.add_months(assigned_on, config.reply_months)


def latest_reply_due(assigned_on: dt.date, config: CongressSettings) -> dt.date:
    """The longest the assigning office may allow (六个月内)."""
    return calendar.add_months(assigned_on, config.max_reply_months)


def co_opinion_due(assigned_on: dt.date, config: CongressSettings) -> dt.date:
    return calendar.add_months(assigned_on, config.co_unit_opinion_months)


def rehandling_due(evaluated_on: dt.date, config: CongressSettings) -> dt.date:
    return calendar.add_months(evaluated_on, config.rehandling_months)


def evaluation_window_end(replied_on: dt.date, config: CongressSettings) -> dt.date:
    return calendar.add_months(replied_on, config.evaluation_months)


def reassignment_window_end(assigned_at: dt.datetime, config: CongressSettings) -> dt.date:
    """The last day a unit may ask for an item to go elsewhere."""
    working = config.reassignment_window_unit == "working"
    return calendar.add_days(
        timezone.localdate(assigned_at), config.reassignment_window, working=working
    )
