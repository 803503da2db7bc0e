"""Staff registering suggestions deputies submitted on paper (代为录入): one at a time for a
deputy who does not go online, or a whole register a congress kept before renda.

A paper register records steps that already happened — submitted, accepted (立案, with the
number it gave) and assigned (交办). `register_suggestions` records them as the one-by-one
services would (the same rules, the same history rows: `register`, `accept`, `assign`, dated
when they happened, the actor being the staff member who registered them), in bulk, so
a register of 10,000 rows goes in within seconds and all or nothing."""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from renda.accounts.models import Role, User
from renda.audit import services as audit
from renda.congress.models import CongressSettings, Deputy, Organization, Session
from renda.core import clock
from renda.core.errors import NotPermitted, RuleViolation
from renda.proposals import deadlines
from renda.proposals.models import (
    Assignment,
    Category,
    Kind,
    NumberSequence,
    Period,
    Proposal,
    ProposalEvent,
    Signature,
)
from renda.proposals.services._step import audit_label, require_text
from renda.proposals.services.review import _check_units


@dataclass(frozen=True)
class PaperSuggestion:
    """One suggestion as the paper shows it. `accepted` (implied by a number or a lead unit)
    records 立案; a lead unit records 交办 on `assigned_on` (default today)."""

    lead_deputy: Deputy
    title: str
    body: str
    submitted_on: dt.date
    cosigners: tuple[Deputy, ...] = ()
    category: Category | None = None
    accepted: bool = False
    number: int | None = None
    lead_unit: Organization | None = None
    co_units: tuple[Organization, ...] = ()
    assigned_on: dt.date | None = None
    due_date: dt.date | None = None


class EntryRefused(RuleViolation):
    """Entry `index` of a batch breaks a rule; nothing was registered."""

    def __init__(self, index: int, message: str):
        super().__init__(message)
        self.index = index


def register_suggestion(
    *,
    actor: User,
    session: Session,
    lead_deputy: Deputy,
    title: str,
    body: str,
    submitted_on: dt.date,
    cosigners: Sequence[Deputy] = (),
    category: Category | None = None,
) -> Proposal:
    """A deputy's paper suggestion enters as submitted on `submitted_on`; review goes on as
    usual. The history names the staff member and says it was on the deputy's behalf."""
    entry = PaperSuggestion(
        lead_deputy, title, body, submitted_on, tuple(cosigners), category=category
    )
    try:
        return register_suggestions([entry], actor=actor, session=session)[0]
    except EntryRefused as e:
        raise RuleViolation(e.message) from None


def register_suggestions(
    entries: Sequence[PaperSuggestion], *, actor: User, session: Session
) -> list[Proposal]:
    """Register every entry, or none (EntryRefused names the first entry that breaks a rule)."""
    if actor.role != Role.STAFF:
        raise NotPermitted(_("Only congress staff register suggestions on a deputy's behalf."))
    batch = _Batch(session, actor)
    planned = [batch.check(i, e) for i, e in enumerate(entries)]
    with transaction.atomic():
        batch.number(entries, planned)
        proposals = Proposal.objects.bulk_create(p for p, _extra in planned)
        _children(batch, entries, planned)
    return proposals


class _Batch:
    def __init__(self, session: Session, actor: User):
        self.session, self.actor = session, actor
        self.today, self.now = clock.today(), clock.now()
        self.config = CongressSettings.current()
        self._due: dict[tuple[str, dt.date], dt.date] = {}

    def deadline(self, kind: str, day: dt.date) -> dt.date:
        """Deadlines by day, computed once per batch (each needs the calendar)."""
        key = (kind, day)
        if key not in self._due:
            self._due[key] = getattr(deadlines, kind)(day, self.config)
        return self._due[key]

    def moment(self, day: dt.date, hour: int) -> dt.datetime:
        """Paper carries a date, not a time: that day at `hour`, never later than now."""
        return min(timezone.make_aware(dt.datetime.combine(day, dt.time(hour))), self.now)

    def check(self, index: int, e: PaperSuggestion) -> tuple[Proposal, dict]:
        try:
            return self._check(e)
        except RuleViolation as refused:
            raise EntryRefused(index, refused.message) from None

    def _check(self, e: PaperSuggestion) -> tuple[Proposal, dict]:
        title = require_text(e.title, _("Please enter the title."))
        body = require_text(e.body, _("Please enter the content of the suggestion."))
        _check_signers(self.session, e.lead_deputy, list(e.cosigners))
        period = _period(self.session, e.submitted_on, self.today)
        submitted_at = self.moment(e.submitted_on, 12)
        p = Proposal(
            kind=Kind.SUGGESTION,
            state="submitted",
            session=self.session,
            period=period,
            number=e.number,
            title=title,
            body=body,
            category=e.category,
            lead_deputy=e.lead_deputy,
            delegation_id=e.lead_deputy.delegation_id,
            created_by=self.actor,
            created_at=self.now,
            updated_at=self.now,
            submitted_at=submitted_at,
        )
        extra = {"accept": e.accepted or e.number is not None or e.lead_unit is not None}
        if e.lead_unit is not None:
            extra.update(self._assignment(e, p))
        if extra["accept"]:
            p.state = "assigned" if e.lead_unit is not None else "accepted"
        return p, extra

    def _assignment(self, e: PaperSuggestion, p: Proposal) -> dict:
        if e.category is None:
            raise RuleViolation(_("Please classify the suggestion before assigning it."))
        _check_units(e.lead_unit, list(e.co_units))
        day = e.assigned_on or self.today
        if day > self.today:
            raise RuleViolation(_("The date cannot be in the future."))
        if day < e.submitted_on:
            raise RuleViolation(_("The assignment date cannot be before the submission date."))
        latest = self.deadline("latest_reply_due", day)
        due = e.due_date or self.deadline("reply_due", day)
        if not day < due <= latest:
            raise RuleViolation(
                _(
                    "The reply due date must be after the assignment date and no later "
                    "than %(latest)s."
                )
                % {"latest": latest.isoformat()}
            )
        p.assigned_at, p.due_date, p.handling_round = self.moment(day, 15), due, 1
        return {"assigned_on": day}

    def number(self, entries, planned) -> None:
        """Keep the register's numbers (refused when taken); number the rest after them."""
        seen = set()
        for i, (p, _extra) in enumerate(planned):
            if p.number is not None:
                if (p.period, p.number) in seen:
                    raise EntryRefused(i, _taken(p.number))
                seen.add((p.period, p.number))
        for period in sorted({p.period for p, extra in planned if extra["accept"]}):
            self._number_period(planned, period)

    def _number_period(self, planned, period: str) -> None:
        mine = [
            (i, p) for i, (p, extra) in enumerate(planned) if extra["accept"] and p.period == period
        ]
        numbers = {p.number for _i, p in mine if p.number is not None}
        taken = set(
            Proposal.objects.filter(
                session=self.session, kind=Kind.SUGGESTION, period=period, number__in=numbers
            ).values_list("number", flat=True)
        )
        for i, p in mine:
            if p.number in taken:
                raise EntryRefused(i, _taken(p.number))
        unnumbered = [p for _i, p in mine if p.number is None]
        scope = f"{self.session.pk}:{Kind.SUGGESTION}:{period}"
        seq, _created = NumberSequence.objects.get_or_create(scope=scope)
        # The UPDATEs lock the sequence row: it moves past the given numbers and the new ones.
        highest = max(numbers, default=0)
        NumberSequence.objects.filter(pk=seq.pk, last__lt=highest).update(last=highest)
        NumberSequence.objects.filter(pk=seq.pk).update(last=F("last") + len(unnumbered))
        last = NumberSequence.objects.values_list("last", flat=True).get(pk=seq.pk)
        for n, p in enumerate(unnumbered, start=last - len(unnumbered) + 1):
            p.number = n


def _taken(number: int) -> str:
    return _("No. %(number)s is already taken.") % {"number": number}


def _children(batch: _Batch, entries, planned) -> None:
    signatures, assignments, events = [], [], []
    for e, (p, extra) in zip(entries, planned, strict=True):
        at = p.submitted_at
        signatures += [
            Signature(
                proposal=p,
                deputy=d,
                is_lead=d is e.lead_deputy,
                status=Signature.Status.CONFIRMED,
                invited_at=at,
                responded_at=at,
            )
            for d in [e.lead_deputy, *e.cosigners]
        ]
        events.append(_event(batch, p, at, "register", "", "submitted", _register_data(e)))
        if extra["accept"]:
            state = "accepted"
            data = {"number": p.number, "category": str(p.category or "")}
            events.append(_event(batch, p, at, "accept", "submitted", state, data))
        if e.lead_unit is not None:
            assignments += _assignments(batch, e, p, extra["assigned_on"])
            data = _assign_data(e, p)
            events.append(_event(batch, p, p.assigned_at, "assign", "accepted", "assigned", data))
    Signature.objects.bulk_create(signatures, batch_size=2000)
    Assignment.objects.bulk_create(assignments, batch_size=2000)
    ProposalEvent.objects.bulk_create(events, batch_size=2000)
    audit.record_history(events, obj_of=lambda e: e.proposal, label_of=audit_label)


def _register_data(e: PaperSuggestion) -> dict:
    return {
        "deputy": e.lead_deputy.name,
        "signers": 1 + len(e.cosigners),
        "submitted_on": e.submitted_on.isoformat(),
        "on_behalf": True,
    }


def _assign_data(e: PaperSuggestion, p: Proposal) -> dict:
    return {
        "lead_unit": e.lead_unit.name,
        "co_units": [u.name for u in e.co_units],
        "due_date": p.due_date.isoformat(),
        "category": e.category.name,
    }


def _assignments(batch: _Batch, e: PaperSuggestion, p: Proposal, day: dt.date) -> list:
    opinion_due = batch.deadline("co_opinion_due", day)
    lead = Assignment(
        proposal=p,
        unit=e.lead_unit,
        role=Assignment.Role.LEAD,
        assigned_at=p.assigned_at,
        assigned_by=batch.actor,
    )
    return [lead] + [
        Assignment(
            proposal=p,
            unit=u,
            role=Assignment.Role.CO,
            assigned_at=p.assigned_at,
            assigned_by=batch.actor,
            opinion_due=opinion_due,
        )
        for u in e.co_units
    ]


def _event(batch, p, at, action, from_state, to_state, data) -> ProposalEvent:
    return ProposalEvent(
        proposal=p,
        at=at,
        actor=batch.actor,
        relation="staff",
        action=f"{Kind.SUGGESTION}.{action}",
        from_state=from_state,
        to_state=to_state,
        data=data,
    )


def _check_signers(session: Session, lead: Deputy, cosigners: list[Deputy]) -> None:
    for deputy in [lead, *cosigners]:
        if not deputy.active or deputy.term_id != session.term_id:
            raise RuleViolation(
                _("%(name)s is not a serving deputy of this term.") % {"name": deputy}
            )
    if lead in cosigners:
        raise RuleViolation(_("The lead deputy cannot also be a co-proposer."))
    if len({d.pk for d in cosigners}) != len(cosigners):
        raise RuleViolation(_("A co-proposer is listed twice."))


def _period(session: Session, day: dt.date, today: dt.date) -> str:
    if day > today:
        raise RuleViolation(_("The date cannot be in the future."))
    if day < session.start_date:
        raise RuleViolation(
            _("%(date)s is before %(session)s opened.")
            % {"date": day.isoformat(), "session": session}
        )
    return Period.SESSION if session.is_sitting(day) else Period.INTERIM
