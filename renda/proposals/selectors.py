"""Reads: derived deadline states (never stored) over any queryset of items."""

import datetime as dt

from django.db.models import QuerySet

from renda.congress.models import CongressSettings
from renda.proposals.lifecycles import AWAITING_REPLY
from renda.proposals.models import Proposal


def overdue(items: QuerySet[Proposal], today: dt.date) -> QuerySet[Proposal]:
    """Items still owed a reply whose due date has passed (超期)."""
    return items.filter(state__in=AWAITING_REPLY, due_date__lt=today)


def due_soon(
    items: QuerySet[Proposal], today: dt.date, days: int | None = None
) -> QuerySet[Proposal]:
    """Items owed a reply within the congress's 'due soon' window (即将到期)."""
    days = CongressSettings.current().due_soon_days if days is None else days
    return items.filter(
        state__in=AWAITING_REPLY, due_date__gte=today, due_date__lte=today + dt.timedelta(days)
    )
