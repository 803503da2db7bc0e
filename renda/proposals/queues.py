"""Work queues: what each role has to do today, as named filters over the items they may see.

The home page shows each queue's count; the list page applies a queue by its key. Every queue
is one query however much data there is."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from renda.accounts.models import Role, User
from renda.proposals.access import visible_proposals
from renda.proposals.lifecycles import AWAITING_REPLY
from renda.proposals.models import (
    Assignment,
    Disclosure,
    Kind,
    ReassignmentRequest,
    ReplyDraft,
    Signature,
)
from renda.proposals.selectors import due_soon, overdue

ENDED = ("closed", "withdrawn", "transferred", "converted", "not_accepted")


def _draft_in(state: str, **extra) -> Exists:
    """The item's current reply draft is at `state` of its path."""
    return Exists(ReplyDraft.objects.filter(proposal=OuterRef("pk"), state=state, **extra))


def _duty(user, duty: str, state: str):
    """Items whose reply waits for this officer's duty in the lead unit."""
    if not user.has_reply_duty(duty):
        return lambda qs: qs.none()
    return lambda qs: qs.filter(_draft_in(state, unit=user.organization_id))


@dataclass(frozen=True)
class Queue:
    key: str
    label: Promise
    apply: Callable[[QuerySet, User, dt.date], QuerySet]
    urgent: bool = False


def _mine(qs, user, today):
    return qs.filter(lead_deputy=user.deputy_id)


def _own_assignment(user, **extra) -> Exists:
    return Exists(
        Assignment.objects.filter(
            proposal=OuterRef("pk"), unit=user.organization_id, active=True, **extra
        )
    )


DEPUTY = [
    Queue("drafts", _("My drafts"), lambda qs, u, t: _mine(qs, u, t).filter(state="draft")),
    Queue(
        "invitations",
        _("Waiting for my signature"),
        lambda qs, u, t: qs.filter(
            state="draft",
            signatures__deputy=u.deputy_id,
            signatures__status=Signature.Status.INVITED,
        ),
        urgent=True,
    ),
    Queue(
        "to_evaluate",
        _("Replies to evaluate"),
        lambda qs, u, t: _mine(qs, u, t).filter(state="replied"),
        urgent=True,
    ),
    Queue(
        "in_progress",
        _("My items in progress"),
        lambda qs, u, t: (
            qs.filter(
                Q(lead_deputy=u.deputy_id)
                | Q(signatures__deputy=u.deputy_id, signatures__status="confirmed")
            )
            .exclude(state__in=("draft", *ENDED))
            .distinct()
        ),
    ),
    Queue(
        "delegation",
        _("My delegation's items"),
        lambda qs, u, t: qs.filter(delegation__deputies=u.deputy_id).exclude(state="draft"),
    ),
]

STAFF = [
    Queue(
        "review",
        _("To review"),
        lambda qs, u, t: qs.filter(
            Q(kind=Kind.SUGGESTION, state="submitted")
            | Q(kind=Kind.MOTION, state__in=("submitted", "under_review"))
        ),
        urgent=True,
    ),
    Queue("to_assign", _("To assign"), lambda qs, u, t: qs.filter(state="accepted")),
    Queue(
        "reassignment",
        _("Reassignment requests"),
        lambda qs, u, t: qs.filter(
            Exists(
                ReassignmentRequest.objects.filter(
                    assignment__proposal=OuterRef("pk"), status="pending"
                )
            )
        ),
        urgent=True,
    ),
    Queue("overdue", _("Overdue"), lambda qs, u, t: overdue(qs, t), urgent=True),
    Queue("due_soon", _("Due soon"), lambda qs, u, t: due_soon(qs, t)),
    Queue(
        "to_review",
        _("Replies to review"),
        lambda qs, u, t: qs.filter(_draft_in("reviewing")),
        urgent=True,
    ),
    Queue(
        "extensions",
        _("Extension requests"),
        lambda qs, u, t: qs.filter(extension_requests__status="pending"),
        urgent=True,
    ),
    Queue(
        "follow_ups_overdue",
        _("Follow-ups past their date"),
        lambda qs, u, t: qs.filter(follow_ups__state="open", follow_ups__promised_date__lt=t),
    ),
    Queue(
        "awaiting_evaluation", _("Awaiting evaluation"), lambda qs, u, t: qs.filter(state="replied")
    ),
    Queue("rehandling", _("In re-handling"), lambda qs, u, t: qs.filter(state="rehandling")),
    Queue(
        "to_publish",
        _("Replies to publish"),
        lambda qs, u, t: qs.filter(state__in=("replied", "closed"), disclosure=Disclosure.PENDING),
    ),
]

PRESIDIUM = [
    Queue(
        "to_decide",
        _("Motions awaiting decision"),
        lambda qs, u, t: qs.filter(kind=Kind.MOTION, state__in=("under_review", "referred")),
        urgent=True,
    ),
]

UNIT = [
    Queue(
        "to_sign",
        _("To sign for"),
        lambda qs, u, t: qs.filter(_own_assignment(u, signed_at__isnull=True)).filter(
            state__in=AWAITING_REPLY
        ),
        urgent=True,
    ),
    Queue(
        "handling",
        _("In handling"),
        lambda qs, u, t: qs.filter(_own_assignment(u), state__in=("in_handling", "rehandling")),
    ),
    Queue(
        "unit_due_soon",
        _("Due soon"),
        lambda qs, u, t: due_soon(qs.filter(_own_assignment(u, role="lead")), t),
    ),
    Queue(
        "unit_overdue",
        _("Overdue"),
        lambda qs, u, t: overdue(qs.filter(_own_assignment(u, role="lead")), t),
        urgent=True,
    ),
    Queue(
        "co_opinions",
        _("Co-unit opinions to send"),
        lambda qs, u, t: qs.filter(
            _own_assignment(u, role="co", opinion_at__isnull=True), state__in=AWAITING_REPLY
        ),
    ),
    Queue(
        "to_check",
        _("Replies to check"),
        lambda qs, u, t: _duty(u, "check", "checking")(qs),
        urgent=True,
    ),
    Queue(
        "to_sign_off",
        _("Replies to sign off"),
        lambda qs, u, t: _duty(u, "sign", "signing")(qs),
        urgent=True,
    ),
    Queue(
        "to_countersign",
        _("Replies to countersign"),
        lambda qs, u, t: qs.filter(
            _own_assignment(u, role="co"), _draft_in("countersigning")
        ).exclude(reply_drafts__countersignatures__unit=u.organization_id),
        urgent=True,
    ),
    Queue(
        "follow_ups",
        _("Follow-ups (class B)"),
        lambda qs, u, t: qs.filter(_own_assignment(u, role="lead"), follow_ups__state="open"),
    ),
    Queue(
        "unit_replied", _("Replied"), lambda qs, u, t: qs.filter(state__in=("replied", "closed"))
    ),
]

COMMITTEE = [
    Queue(
        "supervised",
        _("Items we supervise"),
        lambda qs, u, t: qs.exclude(state__in=ENDED),
    ),
    Queue("supervised_done", _("Finished"), lambda qs, u, t: qs.filter(state="closed")),
]

COORDINATOR = [
    Queue(
        "to_review",
        _("Replies to review"),
        lambda qs, u, t: qs.filter(_draft_in("reviewing")),
        urgent=True,
    ),
    Queue("overdue", _("Overdue"), lambda qs, u, t: overdue(qs, t), urgent=True),
    Queue("due_soon", _("Due soon"), lambda qs, u, t: due_soon(qs, t)),
    Queue("handling", _("In handling"), lambda qs, u, t: qs.filter(state__in=AWAITING_REPLY)),
]

BY_ROLE = {
    Role.DEPUTY: DEPUTY,
    Role.STAFF: STAFF + PRESIDIUM,
    Role.PRESIDIUM_SECRETARY: PRESIDIUM,
    Role.UNIT_OFFICER: UNIT,
    Role.COMMITTEE_MEMBER: COMMITTEE,
    Role.COORDINATOR: COORDINATOR,
}


def queues_for(user: User) -> list[Queue]:
    return BY_ROLE.get(user.role, [])


def queue_items(user: User, key: str, today: dt.date) -> tuple[Queue, QuerySet] | None:
    """The queue named `key` of the user's role, applied to what the user may see."""
    for queue in queues_for(user):
        if queue.key == key:
            return queue, queue.apply(visible_proposals(user), user, today)
    return None


def queue_counts(user: User, today: dt.date) -> list[tuple[Queue, int]]:
    base = visible_proposals(user)
    return [(q, q.apply(base, user, today).count()) for q in queues_for(user)]
