"""Items put directly into any lifecycle state, with every persona related to them — for
tests that need a state without walking the whole path to it."""

import datetime as dt

from django.utils import timezone

from renda.proposals.models import (
    Assignment,
    Evaluation,
    Kind,
    Proposal,
    Reply,
    Signature,
)
from renda.proposals.numbering import next_number
from renda.testing.factories import CategoryFactory
from renda.testing.personas import Cast

NUMBERED_AFTER = {
    Kind.MOTION: {"draft"},
    Kind.SUGGESTION: {"draft", "submitted", "withdrawn", "transferred"},
}
ASSIGNED_STATES = {
    Kind.MOTION: {"in_handling", "reported", "closed"},
    Kind.SUGGESTION: {"assigned", "in_handling", "replied", "rehandling", "closed"},
}
REPLIED_STATES = {"replied", "rehandling", "closed"}


def build_item(cast: Cast, kind: str, state: str) -> Proposal:
    now = timezone.now()
    p = Proposal.objects.create(
        kind=kind,
        state=state,
        session=cast.session,
        title="关于改善城区交通秩序的建议",
        body="内容",
        reasons="案据",
        plan="方案",
        category=CategoryFactory(),
        lead_deputy=cast.proposer.deputy,
        delegation=cast.delegation,
        created_by=cast.proposer,
        created_at=now,
        updated_at=now,
        lead_committee=cast.committee,
        number=None
        if state in NUMBERED_AFTER[kind]
        else next_number(session=cast.session, kind=kind, period="session"),
        submitted_at=None if state == "draft" else now,
    )
    _sign(p, cast, now)
    if state in ASSIGNED_STATES[kind]:
        _assign(p, cast, state, now)
    if kind == Kind.SUGGESTION and state in REPLIED_STATES:
        _reply(p, cast, state, now)
    return p


def _sign(p: Proposal, cast: Cast, now: dt.datetime) -> None:
    Signature.objects.create(
        proposal=p,
        deputy=cast.proposer.deputy,
        is_lead=True,
        status="confirmed",
        invited_at=now,
        responded_at=now,
    )
    for user in cast.cosigners:
        Signature.objects.create(
            proposal=p, deputy=user.deputy, status="confirmed", invited_at=now, responded_at=now
        )
    Signature.objects.create(
        proposal=p, deputy=cast.invitee.deputy, status="invited", invited_at=now
    )


def _assign(p: Proposal, cast: Cast, state: str, now: dt.datetime) -> None:
    signed = None if state == "assigned" else now
    Assignment.objects.create(
        proposal=p,
        unit=cast.lead_unit,
        role="lead",
        assigned_at=now,
        assigned_by=cast.staff,
        signed_at=signed,
        signed_by=cast.lead_officer if signed else None,
    )
    Assignment.objects.create(
        proposal=p, unit=cast.co_unit, role="co", assigned_at=now, assigned_by=cast.staff
    )
    p.assigned_at = now
    p.due_date = timezone.localdate() + dt.timedelta(days=80)
    p.handling_round = 2 if state == "rehandling" else 1
    p.save(update_fields=["assigned_at", "due_date", "handling_round"])


def _reply(p: Proposal, cast: Cast, state: str, now: dt.datetime) -> None:
    reply = Reply.objects.create(
        proposal=p,
        unit=cast.lead_unit,
        round=1,
        result_class="B",
        body="答复",
        created_by=cast.lead_officer,
        replied_at=now,
    )
    if state == "rehandling":
        Evaluation.objects.create(
            reply=reply,
            deputy=cast.proposer.deputy,
            result="unsatisfied",
            comment="不满意",
            evaluated_at=now,
            entered_by=cast.proposer,
        )
