"""Staff review, classification and assignment of suggestions (立案、交办)."""

import datetime as dt
from collections.abc import Iterable

from django.utils.translation import gettext as _

from renda.accounts.models import User
from renda.congress.models import CongressSettings, Organization
from renda.core import clock
from renda.core.errors import RuleViolation
from renda.proposals import deadlines, notices
from renda.proposals.models import Assignment, Category, Proposal
from renda.proposals.numbering import claim_number, next_number
from renda.proposals.services._step import require_reason, step


def accept_suggestion(
    suggestion: Proposal,
    *,
    actor: User,
    category: Category | None = None,
    number: int | None = None,
) -> Proposal:
    """立案: the suggestion is registered and numbered (gap-free within its session). `number`
    keeps the number a paper register gave it (an import); it must be free."""
    with step(suggestion, actor=actor, action="accept") as s:
        p = s.proposal
        scope = {"session": p.session, "kind": p.kind, "period": p.period}
        s.set(
            number=next_number(**scope) if number is None else claim_number(**scope, number=number)
        )
        if category is not None:
            s.set(category=category)
        s.data = {"number": p.number, "category": str(p.category or "")}
    return suggestion


def return_for_revision(proposal: Proposal, *, actor: User, reason: str) -> Proposal:
    """退回修改: back to the proposer's draft, with the reason."""
    with step(proposal, actor=actor, action="return_for_revision") as s:
        s.reason = require_reason(reason)
        notices.returned(s.proposal, s.reason)
    return proposal


def transfer_suggestion(suggestion: Proposal, *, actor: User, reason: str) -> Proposal:
    """转为来信处理: not a suggestion in substance; handled as a letter (ends here)."""
    with step(suggestion, actor=actor, action="transfer") as s:
        s.reason = require_reason(reason)
    return suggestion


def assign_suggestion(
    suggestion: Proposal,
    *,
    actor: User,
    lead_unit: Organization,
    co_units: Iterable[Organization] = (),
    category: Category | None = None,
    due_date: dt.date | None = None,
) -> Proposal:
    """交办: one lead unit (主办), optional co-units (协办), a category and a reply due date —
    by default three months on, at most six (configurable)."""
    co_units = list(co_units)
    with step(suggestion, actor=actor, action="assign") as s:
        p = s.proposal
        config = CongressSettings.current()
        category = category or p.category
        if category is None:
            raise RuleViolation(_("Please classify the suggestion before assigning it."))
        _check_units(lead_unit, co_units)
        today = clock.today()
        due = _due_date(due_date, today, config)
        create_assignments(p, actor=actor, lead_unit=lead_unit, co_units=co_units, config=config)
        s.set(category=category, assigned_at=clock.now(), due_date=due, handling_round=1)
        notices.assigned(p, lead_unit, due)
        s.data = {
            "lead_unit": lead_unit.name,
            "co_units": [u.name for u in co_units],
            "due_date": due.isoformat(),
            "category": category.name,
        }
    return suggestion


def _check_units(lead_unit: Organization, co_units: list[Organization]) -> None:
    for unit in [lead_unit, *co_units]:
        if unit.kind != Organization.Kind.HANDLING_UNIT or not unit.active:
            raise RuleViolation(_("%(unit)s is not an active handling unit.") % {"unit": unit})
    if lead_unit in co_units:
        raise RuleViolation(_("The lead unit cannot also be a co-unit."))
    if len({u.pk for u in co_units}) != len(co_units):
        raise RuleViolation(_("A co-unit is listed twice."))


def _due_date(requested: dt.date | None, today: dt.date, config: CongressSettings) -> dt.date:
    if requested is None:
        return deadlines.reply_due(today, config)
    latest = deadlines.latest_reply_due(today, config)
    if requested <= today or requested > latest:
        raise RuleViolation(
            _(
                "The reply due date must be after today and no later than %(latest)s "
                "(%(months)s months after assignment)."
            )
            % {"latest": latest.isoformat(), "months": config.max_reply_months}
        )
    return requested


def create_assignments(
    p: Proposal,
    *,
    actor: User,
    lead_unit: Organization | None,
    co_units: list[Organization],
    config: CongressSettings,
) -> None:
    now = clock.now()
    opinion_due = deadlines.co_opinion_due(clock.today(), config)
    if lead_unit is not None:
        Assignment.objects.create(
            proposal=p,
            unit=lead_unit,
            role=Assignment.Role.LEAD,
            assigned_at=now,
            assigned_by=actor,
        )
    for unit in co_units:
        Assignment.objects.create(
            proposal=p,
            unit=unit,
            role=Assignment.Role.CO,
            assigned_at=now,
            assigned_by=actor,
            opinion_due=opinion_due,
        )


def mark_key_supervised(
    suggestion: Proposal,
    *,
    actor: User,
    committee: Organization | None,
    leader: str = "",
    key: bool = True,
) -> Proposal:
    """重点督办: picked by the director's meeting, supervised by a committee and a leader."""
    with step(suggestion, actor=actor, action="mark_key_supervised") as s:
        if key and (committee is None or committee.kind != Organization.Kind.SPECIAL_COMMITTEE):
            raise RuleViolation(_("Please choose the supervising special committee."))
        s.set(
            key_supervised=key,
            lead_committee=committee if key else None,
            supervising_leader=leader.strip() if key else "",
        )
        s.data = {"key": key, "committee": str(committee or ""), "leader": leader.strip()}
    return suggestion
