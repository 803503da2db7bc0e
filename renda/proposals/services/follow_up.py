"""Extensions of the reply deadline and the follow-up of class-B replies."""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from renda.accounts.models import User
from renda.congress.models import CongressSettings
from renda.core import clock
from renda.core.errors import RuleViolation
from renda.proposals import deadlines, notices
from renda.proposals.models import ExtensionRequest, FollowUp, HandlingRecord, Proposal
from renda.proposals.services._step import require_reason, require_text, step


def request_extension(
    item: Proposal, *, actor: User, requested_due: dt.date, reason: str
) -> ExtensionRequest:
    """申请延期: the lead unit asks for more time, with its reasons."""
    with step(item, actor=actor, action="request_extension") as s:
        p = s.proposal
        reason = require_reason(reason)
        if p.due_date and requested_due <= p.due_date:
            raise RuleViolation(_("The new due date must be later than the current one."))
        _check_within_law(p, requested_due)
        if p.extension_requests.filter(status="pending").exists():
            raise RuleViolation(_("An extension request is already waiting for a decision."))
        request = ExtensionRequest.objects.create(
            proposal=p,
            unit_id=actor.organization_id,
            requested_due=requested_due,
            reason=reason,
            requested_by=actor,
            requested_at=clock.now(),
        )
        s.reason = reason
        s.data = {"requested_due": requested_due.isoformat()}
        notices.extension_requested(p, actor.organization, requested_due, reason)
    return request


def _check_within_law(p: Proposal, due: dt.date) -> None:
    config = CongressSettings.current()
    latest = deadlines.latest_reply_due(timezone.localdate(p.assigned_at), config)
    if due > latest:
        raise RuleViolation(
            _("A reply is due at the latest %(latest)s, six months after assignment.")
            % {"latest": latest.isoformat()}
        )


def _pending_extension(p: Proposal) -> ExtensionRequest:
    request = p.extension_requests.select_for_update().filter(status="pending").first()
    if request is None:
        raise RuleViolation(_("No extension request is waiting for a decision."))
    return request


def grant_extension(
    item: Proposal, *, actor: User, due_date: dt.date | None = None, note: str = ""
) -> Proposal:
    """The assigning office grants more time (up to the legal maximum); the deputy is told."""
    with step(item, actor=actor, action="grant_extension") as s:
        p = s.proposal
        request = _pending_extension(p)
        due = due_date or request.requested_due
        _check_within_law(p, due)
        request.status, request.granted_due = ExtensionRequest.Status.GRANTED, due
        _decide(request, actor, note)
        s.data = {"from": p.due_date.isoformat() if p.due_date else "", "to": due.isoformat()}
        s.set(due_date=due)
        notices.extension_decided(p, True, due)
        s.reason = note.strip()
    return item


def deny_extension(item: Proposal, *, actor: User, note: str) -> Proposal:
    with step(item, actor=actor, action="deny_extension") as s:
        request = _pending_extension(s.proposal)
        s.reason = require_reason(note)
        request.status = ExtensionRequest.Status.DENIED
        _decide(request, actor, s.reason)
        notices.extension_decided(s.proposal, False, reason=s.reason)
    return item


def _decide(request: ExtensionRequest, actor: User, note: str) -> None:
    request.decided_by, request.decided_at, request.decision_note = actor, clock.now(), note.strip()
    request.save(
        update_fields=["status", "granted_due", "decided_by", "decided_at", "decision_note"]
    )


def _open_follow_up(p: Proposal) -> FollowUp:
    follow_up = p.follow_ups.select_for_update().filter(state=FollowUp.State.OPEN).first()
    if follow_up is None:
        raise RuleViolation(_("This item has no open follow-up."))
    return follow_up


def record_follow_up(item: Proposal, *, actor: User, content: str) -> HandlingRecord:
    """跟踪办理: progress on a class-B item after its reply."""
    with step(item, actor=actor, action="record_follow_up") as s:
        _open_follow_up(s.proposal)
        content = require_text(content, _("Please describe the progress."))
        record = HandlingRecord.objects.create(
            proposal=s.proposal,
            unit_id=actor.organization_id,
            kind=HandlingRecord.Kind.PROGRESS,
            occurred_on=clock.today(),
            content=content,
            recorded_by=actor,
            recorded_at=clock.now(),
        )
        s.data = {"record_id": record.pk}
    return record


def follow_up_reply(item: Proposal, *, actor: User, body: str) -> FollowUp:
    """Solved: the unit replies again to the deputies."""
    return _finish(
        item,
        actor,
        "follow_up_reply",
        FollowUp.State.SOLVED,
        body,
        _("Please write the follow-up reply."),
    )


def explain_follow_up(item: Proposal, *, actor: User, explanation: str) -> FollowUp:
    """Not solved as promised: the unit tells the deputies why."""
    return _finish(
        item,
        actor,
        "explain_follow_up",
        FollowUp.State.EXPLAINED,
        explanation,
        _("Please explain why it could not be solved as promised."),
    )


def _finish(item, actor, action, state, text, message) -> FollowUp:
    with step(item, actor=actor, action=action) as s:
        follow_up = _open_follow_up(s.proposal)
        follow_up.outcome = require_text(text, message)
        follow_up.state, follow_up.finished_at = state, clock.now()
        follow_up.save(update_fields=["outcome", "state", "finished_at"])
        s.reason = follow_up.outcome
        s.data = {"late": clock.today() > follow_up.promised_date}
    return follow_up
