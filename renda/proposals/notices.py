"""Who is told about each step (通知). The lifecycle services call these inside their own
transaction, so a refused or rolled-back step tells no one; delivery happens in the
background (renda.notifications)."""

import datetime as dt

from renda.accounts.models import User
from renda.congress.models import CongressSettings, Organization
from renda.core import clock
from renda.notifications import recipients as to
from renda.notifications.services import notify
from renda.proposals import deadlines
from renda.proposals.models import Proposal, ProposerKind, ReplyDraft


def invited(p: Proposal, deputies, actor: User) -> None:
    notify(
        kind="cosign_invitation",
        item=p,
        recipients=to.deputy_users(deputies),
        context={"actor": actor},
    )


def returned(p: Proposal, reason: str) -> None:
    people = (
        [p.created_by]
        if p.proposer_kind == ProposerKind.ORGANIZATION
        else to.deputy_users([p.lead_deputy_id])
    )
    notify(kind="draft_returned", item=p, recipients=people, context={"reason": reason})


def assigned(
    p: Proposal, lead_unit: Organization | None, due: dt.date | None, co_units: bool = True
) -> None:
    if lead_unit is not None:
        notify(
            kind="assigned",
            item=p,
            recipients=to.unit_officers(lead_unit),
            context={"due_date": due},
        )
    if not co_units:
        return
    co_due = deadlines.co_opinion_due(clock.today(), CongressSettings.current())
    notify(
        kind="co_assigned",
        item=p,
        recipients=to.item_unit_officers(p, "co"),
        context={"opinion_due": co_due},
    )


def reassignment_requested(p: Proposal, unit: Organization, reason: str) -> None:
    notify(
        kind="reassignment_requested",
        item=p,
        recipients=to.congress_staff(),
        context={"unit": unit.name, "reason": reason},
    )


def reassignment_decided(
    p: Proposal,
    old_unit: Organization,
    approved: bool,
    new_unit: Organization | None = None,
    note: str = "",
) -> None:
    if not approved:
        notify(
            kind="reassignment_denied",
            item=p,
            recipients=to.unit_officers(old_unit),
            context={"note": note},
        )
        return
    notify(
        kind="reassignment_approved",
        item=p,
        recipients=to.unit_officers(old_unit),
        context={"to_unit": new_unit.name if new_unit else ""},
    )


def reply_awaits(d: ReplyDraft, duty: str) -> None:
    """The draft waits for the lead unit's officers who hold `duty` (check or sign)."""
    people = [u for u in to.unit_officers(d.unit_id) if u.has_reply_duty(duty)]
    notify(kind="reply_awaiting", item=d.proposal, recipients=people, context={"step": duty})


def reply_signed(d: ReplyDraft, next_state: str) -> None:
    """After sign-off or the last countersignature: to the co-units, or to the review."""
    if next_state == "countersigning":
        notify(
            kind="countersign_requested",
            item=d.proposal,
            recipients=to.item_unit_officers(d.proposal, "co"),
        )
    elif next_state == "reviewing":
        # either may review a government unit's reply; staff review everyone else's
        reviewers = [*to.congress_staff(), *(to.coordinators() if d.unit.is_government else [])]
        notify(kind="review_requested", item=d.proposal, recipients=reviewers)


def reply_returned(d: ReplyDraft, actor: User, reason: str) -> None:
    people = [u for u in to.unit_officers(d.unit_id) if u.has_reply_duty("draft")]
    notify(
        kind="reply_returned",
        item=d.proposal,
        recipients=people,
        context={"actor": actor, "reason": reason},
    )


def reply_released(p: Proposal, result_class: str) -> None:
    notify(
        kind="reply_released",
        item=p,
        recipients=to.signing_deputies(p),
        context={"class": result_class},
    )
    window = deadlines.evaluation_window_end(clock.today(), CongressSettings.current())
    notify(
        kind="evaluation_requested",
        item=p,
        recipients=to.deputy_users([p.lead_deputy_id]),
        context={"due_date": window},
    )


def rehandling(p: Proposal, due: dt.date) -> None:
    notify(
        kind="rehandling",
        item=p,
        recipients=to.item_unit_officers(p, "lead"),
        context={"due_date": due},
    )


def extension_requested(p: Proposal, unit: Organization, due: dt.date, reason: str) -> None:
    notify(
        kind="extension_requested",
        item=p,
        recipients=to.congress_staff(),
        context={"unit": unit.name, "due_date": due, "reason": reason},
    )


def extension_decided(
    p: Proposal, granted: bool, due: dt.date | None = None, reason: str = ""
) -> None:
    """The unit is told either way; the deputies are told of a new due date (代表法)."""
    if granted:
        people = [*to.item_unit_officers(p, "lead"), *to.signing_deputies(p)]
        notify(kind="extension_granted", item=p, recipients=people, context={"due_date": due})
    else:
        notify(
            kind="extension_denied",
            item=p,
            recipients=to.item_unit_officers(p, "lead"),
            context={"reason": reason},
        )
