"""What units and committees record while an item is handled: signing for it, asking for
reassignment, contacts with the deputy, progress, co-unit opinions, supervision activities."""

import datetime as dt

from django.utils.translation import gettext as _

from renda.accounts.models import User
from renda.congress.models import CongressSettings, Organization
from renda.core import clock
from renda.core.errors import RuleViolation
from renda.proposals import deadlines, notices
from renda.proposals.models import (
    Assignment,
    CommitteeActivity,
    HandlingRecord,
    Proposal,
    ReassignmentRequest,
)
from renda.proposals.services._step import require_reason, require_text, step
from renda.proposals.services.review import _check_units, create_assignments


def _own_assignment(p: Proposal, actor: User) -> Assignment:
    return Assignment.objects.select_for_update().get(
        proposal=p, unit=actor.organization_id, active=True
    )


def sign_for(suggestion: Proposal, *, actor: User) -> Proposal:
    """签收 by the lead unit: it has checked and registered the item; handling begins."""
    with step(suggestion, actor=actor, action="sign_for") as s:
        _sign(s.proposal, actor)
    return suggestion


def co_sign_for(suggestion: Proposal, *, actor: User) -> Proposal:
    """签收 by a co-unit (the item's state does not change)."""
    with step(suggestion, actor=actor, action="co_sign_for") as s:
        _sign(s.proposal, actor)
    return suggestion


def _sign(p: Proposal, actor: User) -> None:
    assignment = _own_assignment(p, actor)
    if assignment.signed_at is not None:
        raise RuleViolation(_("Your unit has already signed for this item."))
    assignment.signed_at, assignment.signed_by = clock.now(), actor
    assignment.save(update_fields=["signed_at", "signed_by"])


def request_reassignment(
    suggestion: Proposal, *, actor: User, reason: str, suggested_unit: Organization | None = None
) -> ReassignmentRequest:
    """申请调整: within the window after receiving it, a unit may ask that the item go elsewhere,
    with a written reason. It may not pass the item on by itself."""
    with step(suggestion, actor=actor, action="request_reassignment") as s:
        reason = require_reason(reason)
        assignment = _own_assignment(s.proposal, actor)
        config = CongressSettings.current()
        last_day = deadlines.reassignment_window_end(assignment.assigned_at, config)
        if clock.today() > last_day:
            raise RuleViolation(
                _("Reassignment could be requested until %(day)s; the item stays with your unit.")
                % {"day": last_day.isoformat()}
            )
        if assignment.reassignment_requests.filter(status="pending").exists():
            raise RuleViolation(_("A request from your unit is already waiting for a decision."))
        request = ReassignmentRequest.objects.create(
            assignment=assignment,
            reason=reason,
            suggested_unit=suggested_unit,
            requested_by=actor,
            requested_at=clock.now(),
        )
        s.reason = reason
        notices.reassignment_requested(s.proposal, assignment.unit, reason)
        s.data = {
            "unit": assignment.unit.name,
            "role": assignment.role,
            "suggested_unit": str(suggested_unit or ""),
        }
    return request


def _pending(p: Proposal, request: ReassignmentRequest) -> ReassignmentRequest:
    try:
        return (
            ReassignmentRequest.objects.select_for_update()
            .select_related("assignment__unit")
            .get(pk=request.pk, assignment__proposal=p, status=ReassignmentRequest.Status.PENDING)
        )
    except ReassignmentRequest.DoesNotExist:
        raise RuleViolation(_("This reassignment request is not waiting for a decision.")) from None


def approve_reassignment(
    suggestion: Proposal,
    *,
    actor: User,
    request: ReassignmentRequest,
    new_unit: Organization | None = None,
    note: str = "",
) -> Proposal:
    """The assigning office agrees: the unit is replaced. A new lead unit restarts the clock
    (the item is assigned anew, with a new due date)."""
    with step(suggestion, actor=actor, action="approve_reassignment") as s:
        p = s.proposal
        req = _pending(p, request)
        old = req.assignment
        new_unit = new_unit or req.suggested_unit
        if old.role == Assignment.Role.LEAD and new_unit is None:
            raise RuleViolation(_("Please choose the unit that will lead instead."))
        if new_unit is not None:
            _check_units(new_unit, [])
            if p.assignments.filter(unit=new_unit, active=True).exists():
                raise RuleViolation(_("%(unit)s already handles this item.") % {"unit": new_unit})
        old.active = False
        old.save(update_fields=["active"])
        _decide(req, actor, ReassignmentRequest.Status.APPROVED, note)
        config = CongressSettings.current()
        if old.role == Assignment.Role.LEAD:
            create_assignments(p, actor=actor, lead_unit=new_unit, co_units=[], config=config)
            s.set(assigned_at=clock.now(), due_date=deadlines.reply_due(clock.today(), config))
            s.move_to("assigned")
            notices.assigned(p, new_unit, p.due_date, co_units=False)
        else:
            if new_unit is not None:
                create_assignments(
                    p, actor=actor, lead_unit=None, co_units=[new_unit], config=config
                )
            s.move_to(p.state)
        s.reason = note.strip()
        notices.reassignment_decided(p, old.unit, True, new_unit)
        s.data = {
            "from_unit": old.unit.name,
            "to_unit": str(new_unit or ""),
            "role": old.role,
            "due_date": p.due_date.isoformat() if p.due_date else "",
        }
    return suggestion


def deny_reassignment(
    suggestion: Proposal, *, actor: User, request: ReassignmentRequest, note: str
) -> Proposal:
    """The assigning office refuses: the unit keeps the item."""
    with step(suggestion, actor=actor, action="deny_reassignment") as s:
        req = _pending(s.proposal, request)
        s.reason = require_reason(note)
        _decide(req, actor, ReassignmentRequest.Status.DENIED, s.reason)
        notices.reassignment_decided(s.proposal, req.assignment.unit, False, note=s.reason)
        s.data = {"unit": req.assignment.unit.name}
    return suggestion


def _decide(req: ReassignmentRequest, actor: User, status: str, note: str) -> None:
    req.status, req.decided_by, req.decided_at = status, actor, clock.now()
    req.decision_note = note.strip()
    req.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])


def record_contact(
    suggestion: Proposal, *, actor: User, method: str, occurred_on: dt.date, content: str
) -> HandlingRecord:
    """沟通联系: how and when the unit talked with the deputy, and what was agreed."""
    if method not in HandlingRecord.Method.values:
        raise RuleViolation(_("Please choose how the deputy was contacted."))
    return _handling_record(
        suggestion,
        actor,
        "record_contact",
        HandlingRecord.Kind.CONTACT,
        occurred_on,
        content,
        method,
    )


def record_progress(
    proposal: Proposal, *, actor: User, occurred_on: dt.date, content: str
) -> HandlingRecord:
    """办理进展: a unit's progress report."""
    return _handling_record(
        proposal, actor, "record_progress", HandlingRecord.Kind.PROGRESS, occurred_on, content
    )


def _handling_record(p, actor, action, kind, occurred_on, content, method=""):
    with step(p, actor=actor, action=action) as s:
        content = require_text(content, _("Please describe what happened."))
        _check_not_future(occurred_on)
        rec = HandlingRecord.objects.create(
            proposal=s.proposal,
            unit_id=actor.organization_id,
            kind=kind,
            method=method,
            occurred_on=occurred_on,
            content=content,
            recorded_by=actor,
            recorded_at=clock.now(),
        )
        s.data = {"record_id": rec.pk, "method": method, "date": occurred_on.isoformat()}
    return rec


def _check_not_future(day: dt.date) -> None:
    if day > clock.today():
        raise RuleViolation(_("The date cannot be in the future."))


def submit_co_opinion(suggestion: Proposal, *, actor: User, opinion: str) -> Proposal:
    """会办意见: a co-unit's written opinion to the lead unit (it does not reply itself)."""
    with step(suggestion, actor=actor, action="submit_co_opinion") as s:
        opinion = require_text(opinion, _("Please write the opinion."))
        assignment = _own_assignment(s.proposal, actor)
        if assignment.signed_at is None:
            raise RuleViolation(_("Please sign for the item before sending your opinion."))
        if assignment.opinion_at is not None:
            raise RuleViolation(_("Your unit has already sent its opinion."))
        assignment.opinion, assignment.opinion_at = opinion, clock.now()
        assignment.save(update_fields=["opinion", "opinion_at"])
        late = assignment.opinion_due is not None and clock.today() > assignment.opinion_due
        s.data = {"unit": assignment.unit.name, "late": late}
    return suggestion


def record_committee_activity(
    proposal: Proposal,
    *,
    actor: User,
    kind: str,
    occurred_on: dt.date,
    title: str,
    participants: str = "",
    content: str = "",
) -> CommitteeActivity:
    """调研视察, 座谈会, 听取汇报 or 书面总结 by the supervising committee."""
    if kind not in CommitteeActivity.Kind.values:
        raise RuleViolation(_("Please choose the kind of activity."))
    with step(proposal, actor=actor, action="record_activity") as s:
        title = require_text(title, _("Please enter the title."))
        _check_not_future(occurred_on)
        committee_id = s.proposal.lead_committee_id
        activity = CommitteeActivity.objects.create(
            proposal=s.proposal,
            committee_id=committee_id,
            kind=kind,
            occurred_on=occurred_on,
            title=title,
            participants=participants.strip(),
            content=content.strip(),
            recorded_by=actor,
            recorded_at=clock.now(),
        )
        s.data = {"activity_id": activity.pk, "kind": kind, "title": title}
    return activity
