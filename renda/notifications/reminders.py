"""Due-soon and overdue reminders (催办), sent by the scheduler once each working day.

For every item owed a reply (`lifecycles.AWAITING_REPLY`) whose due date is near or past, the
lead unit's officers are reminded; for every co-unit opinion not sent by its due date, the
co-unit's. Each reminder is one `Reminder` row, unique per item, kind, due date and unit:
rows are inserted with ON CONFLICT DO NOTHING and only the rows this run inserted are sent, so
a scheduler that runs twice (or two at once) sends each reminder once. An extension or a new
due date makes a new reminder. Overdue ones are also reported to congress staff.
"""

import datetime as dt
import uuid
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import NamedTuple

from django.db import transaction
from django.db.models import Exists, OuterRef, Subquery
from django.utils.functional import Promise, lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from renda.accounts.models import User
from renda.congress import calendar
from renda.congress.models import CongressSettings
from renda.core import clock
from renda.notifications import conf
from renda.notifications.models import Reminder
from renda.notifications.recipients import congress_staff, officers_by_unit
from renda.notifications.services import Message, notify, notify_many
from renda.proposals import selectors
from renda.proposals.lifecycles import AWAITING_REPLY
from renda.proposals.models import Assignment, Proposal

CHUNK = 500  # reminders written and sent per transaction
Kind = Reminder.Kind
LATE = (Kind.OVERDUE, Kind.OPINION_OVERDUE)
# What a message needs to name an item (市七届人大九次会议第0012号建议《title》).
NAMING_FIELDS = ("kind", "number", "title", "period", "session__number", "session__term__number")
WHAT = {Kind.OVERDUE: _("reply"), Kind.OPINION_OVERDUE: _("co-unit opinion")}


class Due(NamedTuple):
    """One reminder to send: the item, the unit responsible and the date it is due."""

    proposal_id: int
    unit_id: int
    due_date: dt.date


@dataclass
class ReminderRun:
    day: dt.date
    horizon: dt.date
    sent: dict[str, int] = field(default_factory=dict)
    notifications: int = 0
    token: str = field(default_factory=lambda: uuid.uuid4().hex)

    def as_dict(self) -> dict:
        d = asdict(self)
        d["day"], d["horizon"] = self.day.isoformat(), self.horizon.isoformat()
        return d


class Window:
    """'Due soon' on a given day: up to N working days ahead (or N calendar days, as
    configured), N being the congress's `due_soon_days`; working days follow the holiday
    calendar with its adjusted working weekends."""

    def __init__(self, today: dt.date) -> None:
        self.today = today
        self.working = conf.get("DUE_SOON_UNIT") == "working"
        days = CongressSettings.current().due_soon_days
        if self.working:
            self.workdays = [calendar.add_working_days(today, n) for n in range(1, days + 1)]
            self.horizon = self.workdays[-1] if self.workdays else today
        else:
            self.horizon = today + dt.timedelta(days)

    def left(self, due: dt.date) -> Promise:
        """How long is left until `due`, as the reminder says it (rendered in the message's
        language when the message is written)."""
        if self.working:
            return _left(sum(1 for d in self.workdays if d <= due), True)
        return _left((due - self.today).days, False)


def _left_text(n: int, working: bool) -> str:
    if working:
        return ngettext("%(n)s working day left", "%(n)s working days left", n) % {"n": n}
    return ngettext("%(n)s day left", "%(n)s days left", n) % {"n": n}


_left = lazy(_left_text, str)


def send_reminders(today: dt.date | None = None) -> ReminderRun:
    """催办: send the due-soon and overdue reminders not yet sent for their due date."""
    today = today or clock.today()
    window = Window(today)
    run = ReminderRun(day=today, horizon=window.horizon)
    staff = list(congress_staff())
    for kind, due in _reply_dues(today, window.horizon) + _opinion_dues(today, window.horizon):
        for start in range(0, len(due), CHUNK):
            _send_chunk(kind, due[start : start + CHUNK], window, run, staff)
    late = sum(run.sent.get(k, 0) for k in LATE)
    if late and conf.get("STAFF_OVERDUE_COPY") == "digest":
        run.notifications += len(
            notify(kind="overdue_digest", item=None, recipients=staff, context={"count": late})
        )
    return run


def _not_reminded(kind: str, *, proposal: str, due: str, unit: str):
    """No reminder of `kind` yet for the row's item, due date and unit (field names given)."""
    return ~Exists(
        Reminder.objects.filter(
            proposal=OuterRef(proposal), kind=kind, due_date=OuterRef(due), unit=OuterRef(unit)
        )
    )


def _reply_dues(today: dt.date, horizon: dt.date) -> list[tuple[str, list[Due]]]:
    lead = Assignment.objects.filter(proposal=OuterRef("pk"), active=True, role="lead")
    items = Proposal.objects.annotate(lead_unit=Subquery(lead.values("unit_id")[:1])).filter(
        lead_unit__isnull=False
    )
    found = []
    for kind, qs in (
        (Kind.OVERDUE, selectors.overdue(items, today)),
        (Kind.DUE_SOON, selectors.due_soon(items, today, days=(horizon - today).days)),
    ):
        rows = qs.filter(
            _not_reminded(kind, proposal="pk", due="due_date", unit="lead_unit")
        ).order_by("due_date", "pk")
        found.append((kind, [Due(*r) for r in rows.values_list("pk", "lead_unit", "due_date")]))
    return found


def _opinion_dues(today: dt.date, horizon: dt.date) -> list[tuple[str, list[Due]]]:
    waiting = Assignment.objects.filter(
        active=True,
        role=Assignment.Role.CO,
        opinion_at__isnull=True,
        opinion_due__isnull=False,
        proposal__state__in=AWAITING_REPLY,
    )
    found = []
    for kind, qs in (
        (Kind.OPINION_OVERDUE, waiting.filter(opinion_due__lt=today)),
        (Kind.OPINION_DUE_SOON, waiting.filter(opinion_due__gte=today, opinion_due__lte=horizon)),
    ):
        fresh = _not_reminded(kind, proposal="proposal_id", due="opinion_due", unit="unit_id")
        rows = qs.filter(fresh).order_by("opinion_due", "pk")
        values = rows.values_list("proposal_id", "unit_id", "opinion_due")
        found.append((kind, [Due(*r) for r in values]))
    return found


def _send_chunk(kind: str, dues: list[Due], window: Window, run: ReminderRun, staff) -> None:
    """Record and send one chunk of reminders in one transaction."""
    officers = officers_by_unit(d.unit_id for d in dues)
    items = (
        Proposal.objects.select_related("session__term")
        .only(*NAMING_FIELDS)
        .in_bulk(d.proposal_id for d in dues)
    )
    now = clock.now()
    with transaction.atomic():
        Reminder.objects.bulk_create(
            [
                Reminder(
                    kind=kind,
                    proposal_id=d.proposal_id,
                    unit_id=d.unit_id,
                    due_date=d.due_date,
                    sent_on=window.today,
                    created_at=now,
                    recipients=len(officers.get(d.unit_id, [])),
                    run=run.token,
                )
                for d in dues
            ],
            ignore_conflicts=True,
        )
        mine = Reminder.objects.filter(
            run=run.token, kind=kind, proposal_id__in=[d.proposal_id for d in dues]
        ).select_related("unit")
        messages = list(_messages(kind, mine, items, officers, window, staff))
        run.notifications += len(notify_many(messages))
        run.sent[kind] = run.sent.get(kind, 0) + len(mine)


def _messages(
    kind: str,
    reminders: Iterable[Reminder],
    items: dict[int, Proposal],
    officers: dict[int, list[User]],
    window: Window,
    staff: list[User],
) -> Iterable[Message]:
    copy_each = kind in LATE and conf.get("STAFF_OVERDUE_COPY") == "each"
    for r in reminders:
        item = items[r.proposal_id]
        context = {"due_date": r.due_date}
        if kind not in LATE:
            context["left"] = window.left(r.due_date)
        yield Message(kind, item, officers.get(r.unit_id, []), context, reminder=r)
        if copy_each:
            context = {"unit": r.unit.name, "due_date": r.due_date, "what": WHAT[kind]}
            yield Message("overdue_copy", item, staff, context, reminder=r)
