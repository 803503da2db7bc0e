"""The deputy's evaluation, re-handling, closure and disclosure of a released reply."""

from django.utils import timezone
from django.utils.translation import gettext as _

from renda.accounts.models import User
from renda.congress.models import CongressSettings
from renda.core import clock
from renda.core.errors import RuleViolation
from renda.proposals import deadlines, notices
from renda.proposals.models import (
    Disclosure,
    Evaluation,
    Proposal,
    Satisfaction,
)
from renda.proposals.services._step import require_reason, require_text, step


def evaluate_reply(
    suggestion: Proposal, *, actor: User, result: str, comment: str = ""
) -> Evaluation:
    """满意度测评 by the lead deputy (or entered by staff from the paper form, recorded as such).
    不满意 after the first reply opens re-handling with a new due date; any other result, or
    any result after re-handling, closes the item."""
    if result not in Satisfaction.values:
        raise RuleViolation(_("Please choose satisfied, basically satisfied or unsatisfied."))
    with step(suggestion, actor=actor, action="evaluate") as s:
        p = s.proposal
        if result == Satisfaction.UNSATISFIED:
            comment = require_text(comment, _("Please say why you are not satisfied."))
        reply = p.replies.order_by("-round").first()
        if reply.evaluations.filter(deputy=p.lead_deputy_id).exists():
            raise RuleViolation(_("This reply has already been evaluated."))
        evaluation = Evaluation.objects.create(
            reply=reply,
            deputy_id=p.lead_deputy_id,
            result=result,
            comment=comment.strip(),
            evaluated_at=clock.now(),
            entered_by=actor,
            on_behalf=s.relation == "staff",
        )
        if result == Satisfaction.UNSATISFIED and p.handling_round == 1:
            due = deadlines.rehandling_due(clock.today(), CongressSettings.current())
            s.set(handling_round=2, due_date=due)
            s.move_to("rehandling")
            notices.rehandling(p, due)
        else:
            s.set(closed_at=clock.now())
            s.move_to("closed")
        s.reason = comment.strip()
        s.data = {"result": result, "round": reply.round, "on_behalf": evaluation.on_behalf}
    return evaluation


def close_without_feedback(suggestion: Proposal, *, actor: User, note: str = "") -> Proposal:
    """办结（未反馈）: the deputy did not evaluate within the window; staff close the item."""
    with step(suggestion, actor=actor, action="close") as s:
        p = s.proposal
        reply = p.replies.order_by("-round").first()
        config = CongressSettings.current()
        window_end = deadlines.evaluation_window_end(timezone.localdate(reply.replied_at), config)
        if clock.today() <= window_end:
            raise RuleViolation(
                _("The deputy may evaluate until %(day)s; close the item after that.")
                % {"day": window_end.isoformat()}
            )
        s.set(closed_at=clock.now())
        s.reason = note.strip() or "未反馈"
    return suggestion


def publish_reply(suggestion: Proposal, *, actor: User) -> Proposal:
    """公开: the reply becomes readable by the public (without personal data)."""
    with step(suggestion, actor=actor, action="publish") as s:
        if s.proposal.disclosure == Disclosure.WITHHELD:
            raise RuleViolation(
                _("This reply is marked not for disclosure: %(note)s")
                % {"note": s.proposal.disclosure_note}
            )
        if s.proposal.disclosure == Disclosure.PUBLIC:
            raise RuleViolation(_("This reply is already published."))
        s.set(disclosure=Disclosure.PUBLIC)
    return suggestion


def withhold_reply(suggestion: Proposal, *, actor: User, reason: str) -> Proposal:
    """不予公开: state secrets, work secrets or personal privacy (the reason is kept)."""
    with step(suggestion, actor=actor, action="withhold") as s:
        s.reason = require_reason(reason)
        s.set(disclosure=Disclosure.WITHHELD, disclosure_note=s.reason)
    return suggestion
