"""并案处理: items on the same matter handled as one, and the undoing of it.

A registered suggestion (`accepted`) is merged into a primary suggestion that has not been
replied to yet. The merged item moves to `merged` and follows the primary: the primary's units
handle both, the primary's reply answers both. Its signers join the primary's signatures
(marked `merged_from`), so units see and contact every deputy and search finds them. Each
merged item's lead deputy evaluates the joint reply on their own item (`evaluate_merged`),
recorded against the primary's reply for that deputy. Undoing the merge (before the reply)
takes the signatures back and returns the item to `accepted` for its own assignment.
"""

from django.utils.translation import gettext as _

from renda.accounts.models import User
from renda.core import clock
from renda.core.errors import RuleViolation
from renda.proposals.models import Evaluation, Kind, Proposal, Satisfaction, Signature
from renda.proposals.services._step import record, require_text, step
from renda.textmining.indexing import reindex

PRIMARY_STATES = ("accepted", "assigned", "in_handling")


def merge_suggestion(suggestion: Proposal, *, actor: User, into: Proposal) -> Proposal:
    """Merge `suggestion` into `into` (the primary), which then handles both."""
    with step(suggestion, actor=actor, action="merge") as s:
        item = s.proposal
        primary = Proposal.objects.select_for_update(of=("self",)).get(pk=into.pk)
        _check_primary(item, primary)
        joined = _join_signatures(item, primary)
        s.set(merged_into=primary)
        s.data = _pair(item, primary) | {"signers": joined}
        record(primary, actor=actor, relation="staff", action="merge_in", **_same(primary, s))
        reindex(primary)
    return suggestion


def _check_primary(item: Proposal, primary: Proposal) -> None:
    if primary.pk == item.pk or primary.kind != Kind.SUGGESTION:
        raise RuleViolation(_("Please choose another suggestion to merge this one into."))
    if primary.state not in PRIMARY_STATES or primary.merged_into_id is not None:
        raise RuleViolation(
            _("Items can only be merged into a suggestion that is accepted or in handling.")
        )
    if primary.replies.exists():
        raise RuleViolation(_("The other suggestion has already been replied to."))


def _join_signatures(item: Proposal, primary: Proposal) -> int:
    present = set(primary.signatures.values_list("deputy_id", flat=True))
    now = clock.now()
    joined = [
        Signature(
            proposal=primary,
            deputy_id=sig.deputy_id,
            status=Signature.Status.CONFIRMED,
            invited_at=sig.invited_at,
            responded_at=sig.responded_at or now,
            merged_from=item,
        )
        for sig in item.signatures.filter(status=Signature.Status.CONFIRMED)
        if sig.deputy_id not in present
    ]
    Signature.objects.bulk_create(joined)
    return len(joined)


def _pair(item: Proposal, primary: Proposal) -> dict:
    return {
        "item_id": item.pk,
        "item_number": item.display_number,
        "primary_id": primary.pk,
        "primary_number": primary.display_number,
    }


def _same(primary: Proposal, s) -> dict:
    """The primary's history row for a merge step: its state does not change."""
    return {"from_state": primary.state, "to_state": primary.state, "data": s.data}


def unmerge_suggestion(suggestion: Proposal, *, actor: User, reason: str = "") -> Proposal:
    """Undo the merge: the item leaves the primary's handling and is `accepted` again, ready to
    be assigned on its own; the signatures it brought are taken back. Not after the reply."""
    with step(suggestion, actor=actor, action="unmerge") as s:
        item = s.proposal
        primary = Proposal.objects.select_for_update(of=("self",)).get(pk=item.merged_into_id)
        if primary.replies.exists():
            raise RuleViolation(
                _("The joint reply has been sent; the merge can no longer be undone.")
            )
        left = Signature.objects.filter(proposal=primary, merged_from=item).delete()[0]
        s.set(merged_into=None)
        s.reason = reason.strip()
        s.data = _pair(item, primary) | {"signers": left}
        record(
            primary,
            actor=actor,
            relation="staff",
            action="unmerge_out",
            reason=s.reason,
            **_same(primary, s),
        )
        reindex(primary)
    return suggestion


def evaluate_merged_reply(
    suggestion: Proposal, *, actor: User, result: str, comment: str = ""
) -> Evaluation:
    """满意度测评 of the joint reply by a merged item's lead deputy (or entered by staff from
    the paper form). Recorded on the primary's latest reply, once per deputy and reply."""
    if result not in Satisfaction.values:
        raise RuleViolation(_("Please choose satisfied, basically satisfied or unsatisfied."))
    with step(suggestion, actor=actor, action="evaluate_merged") as s:
        item = s.proposal
        reply = item.merged_into.replies.order_by("-round").first() if item.merged_into else None
        if reply is None:
            raise RuleViolation(_("The joint reply has not been sent yet."))
        if result == Satisfaction.UNSATISFIED:
            comment = require_text(comment, _("Please say why you are not satisfied."))
        if reply.evaluations.filter(deputy=item.lead_deputy_id).exists():
            raise RuleViolation(_("This reply has already been evaluated."))
        evaluation = Evaluation.objects.create(
            reply=reply,
            deputy_id=item.lead_deputy_id,
            result=result,
            comment=comment.strip(),
            evaluated_at=clock.now(),
            entered_by=actor,
            on_behalf=s.relation == "staff",
        )
        s.reason = comment.strip()
        s.data = {"result": result, "round": reply.round, "primary_id": item.merged_into_id}
    return evaluation
