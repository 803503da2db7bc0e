"""A motion's path after submission: review, the presidium's decision, handling, report."""

from collections.abc import Iterable

from django.utils.translation import gettext as _

from renda.accounts.models import User
from renda.congress.models import CongressSettings, Organization
from renda.core import clock
from renda.core.errors import RuleViolation
from renda.proposals import notices
from renda.proposals.models import Kind, Proposal, Signature
from renda.proposals.numbering import next_number
from renda.proposals.services._step import record, require_reason, require_text, step
from renda.proposals.services.review import _check_units, create_assignments
from renda.textmining import indexing

DECIDING_BODIES = {Organization.Kind.STANDING_COMMITTEE, Organization.Kind.SPECIAL_COMMITTEE}


def begin_review(motion: Proposal, *, actor: User) -> Proposal:
    """审查: the secretariat takes the motion up to check its form."""
    with step(motion, actor=actor, action="begin_review"):
        pass
    return motion


def refer_motion(
    motion: Proposal, *, actor: User, committee: Organization, meeting: str = "", reason: str = ""
) -> Proposal:
    """The presidium refers the motion to the standing committee or a special committee, which
    studies it; the decision is then taken again."""
    if committee.kind not in DECIDING_BODIES:
        raise RuleViolation(
            _("A motion is referred to the standing committee or a special committee.")
        )
    with step(motion, actor=actor, action="refer") as s:
        s.set(lead_committee=committee, decision_meeting=meeting.strip())
        s.reason = reason.strip()
        s.data = {"committee": committee.name, "meeting": meeting.strip()}
    return motion


def list_motion(motion: Proposal, *, actor: User, meeting: str) -> Proposal:
    """列为议案: on the session's agenda, or listed for handling by the standing committee."""
    with step(motion, actor=actor, action="list_as_motion") as s:
        meeting = require_text(meeting, _("Please name the meeting that decided."))
        s.set(decision_meeting=meeting)
        s.data = {"meeting": meeting}
    return motion


def not_accept_motion(motion: Proposal, *, actor: User, reason: str, meeting: str = "") -> Proposal:
    """不予立案, with the reason (rare)."""
    with step(motion, actor=actor, action="not_accept") as s:
        s.reason = require_reason(reason)
        s.set(decision_meeting=meeting.strip())
        s.data = {"meeting": meeting.strip()}
    return motion


def convert_motion(
    motion: Proposal, *, actor: User, meeting: str = "", reason: str = ""
) -> Proposal:
    """作为建议处理: the motion ends as `converted` and continues as a new, accepted suggestion
    that keeps every confirmed signer as co-proposer and points back to the motion's history.
    Returns the suggestion."""
    with step(motion, actor=actor, action="convert_to_suggestion") as s:
        m = s.proposal
        suggestion = _suggestion_from(m, actor)
        s.set(decision_meeting=meeting.strip())
        s.reason = reason.strip()
        s.data = {
            "suggestion_id": suggestion.pk,
            "suggestion_number": suggestion.number,
            "meeting": meeting.strip(),
        }
    return suggestion


def _suggestion_from(m: Proposal, actor: User) -> Proposal:
    now = clock.now()
    body = m.body or "\n".join(part for part in (m.reasons, m.plan) if part)
    suggestion = Proposal.objects.create(
        kind=Kind.SUGGESTION,
        state="accepted",
        session=m.session,
        period=m.period,
        number=next_number(session=m.session, kind=Kind.SUGGESTION, period=m.period),
        title=m.title,
        body=body,
        reasons=m.reasons,
        plan=m.plan,
        category=m.category,
        proposer_kind=m.proposer_kind if m.lead_deputy_id else "organization",
        lead_deputy=m.lead_deputy,
        delegation=m.delegation,
        proposer_org=m.proposer_org,
        created_by=m.created_by,
        created_at=now,
        updated_at=now,
        submitted_at=m.submitted_at,
        source=m,
    )
    Signature.objects.bulk_create(
        Signature(
            proposal=suggestion,
            deputy_id=sig.deputy_id,
            is_lead=sig.is_lead,
            status=sig.status,
            invited_at=sig.invited_at,
            responded_at=sig.responded_at,
        )
        for sig in m.signatures.filter(status=Signature.Status.CONFIRMED)
    )
    record(
        suggestion,
        actor=actor,
        relation="staff",
        action="create_from_motion",
        from_state="",
        to_state="accepted",
        data={"motion_id": m.pk, "motion_number": m.number, "number": suggestion.number},
    )
    indexing.reindex(suggestion)
    return suggestion


def start_motion_handling(
    motion: Proposal,
    *,
    actor: User,
    lead_committee: Organization,
    units: Iterable[Organization] = (),
    leader: str = "",
) -> Proposal:
    """办理: a special committee leads; the handling units are named; a leader supervises."""
    units = list(units)
    if lead_committee.kind != Organization.Kind.SPECIAL_COMMITTEE:
        raise RuleViolation(_("A special committee leads the handling of a motion."))
    with step(motion, actor=actor, action="start_handling") as s:
        if units:
            _check_units(units[0], units[1:])
        create_assignments(
            s.proposal,
            actor=actor,
            lead_unit=units[0] if units else None,
            co_units=units[1:],
            config=CongressSettings.current(),
        )
        s.set(
            lead_committee=lead_committee,
            supervising_leader=leader.strip(),
            assigned_at=clock.now(),
            handling_round=1,
        )
        notices.assigned(s.proposal, units[0] if units else None, None)
        s.data = {
            "committee": lead_committee.name,
            "units": [u.name for u in units],
            "leader": leader.strip(),
        }
    return motion


def report_motion(motion: Proposal, *, actor: User, summary: str) -> Proposal:
    """The handling report goes to the standing committee / the next session."""
    with step(motion, actor=actor, action="report") as s:
        s.reason = require_text(summary, _("Please summarise the handling report."))
    return motion


def close_motion(motion: Proposal, *, actor: User) -> Proposal:
    with step(motion, actor=actor, action="close") as s:
        s.set(closed_at=clock.now())
    return motion
