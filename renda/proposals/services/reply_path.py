"""The reply's path: drafted by the lead unit's responsible office, checked by its general
office (核稿), signed off by the leader in charge (签发), countersigned by the co-units (会签),
reviewed by the supervising office (督办审核), then released to the deputies — each step can
send it back with a reason. The steps are `REPLY_LIFECYCLE`; releasing also moves the item to
`replied` through the suggestion lifecycle."""

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from renda.accounts.models import User
from renda.congress.models import CongressSettings
from renda.core import clock
from renda.core.downloads import safe_filename
from renda.core.errors import NotPermitted, RuleViolation
from renda.core.uploads import check_upload
from renda.proposals import notices
from renda.proposals.access import reply_relations
from renda.proposals.lifecycles import REPLY_LIFECYCLE
from renda.proposals.models import (
    Assignment,
    Countersignature,
    FollowUp,
    Proposal,
    Reply,
    ReplyDraft,
)
from renda.proposals.services._step import Step, record, require_reason, require_text, step
from renda.textmining import indexing

DRAFT_FIELDS = ("result_class", "body", "promised_date", "contact_person", "contact_phone")


def start_reply(
    item: Proposal,
    *,
    actor: User,
    result_class: str,
    body: str,
    promised_date: dt.date | None = None,
    document: UploadedFile | None = None,
    contact_person: str = "",
    contact_phone: str = "",
) -> ReplyDraft:
    """拟稿: the lead unit's responsible office drafts this round's reply."""
    with step(item, actor=actor, action="draft_reply") as s:
        if not actor.has_reply_duty("draft"):
            raise NotPermitted(_("Drafting replies is not among your duties in your unit."))
        p = s.proposal
        if p.reply_drafts.filter(round=p.handling_round).exists():
            raise RuleViolation(_("This round's reply has been drafted already; edit that draft."))
        now = clock.now()
        draft = ReplyDraft(
            proposal=p,
            unit_id=actor.organization_id,
            round=p.handling_round,
            created_by=actor,
            created_at=now,
            updated_at=now,
        )
        _fill(
            draft,
            result_class=result_class,
            body=body,
            promised_date=promised_date,
            contact_person=contact_person,
            contact_phone=contact_phone,
            document=document,
        )
        draft.save()
        s.data = {"class": draft.result_class, "round": draft.round}
    return draft


def _fill(draft: ReplyDraft, document: UploadedFile | None = None, **fields) -> None:
    _check_class(fields.get("result_class", draft.result_class))
    fields["body"] = require_text(fields.get("body", draft.body), _("Please write the reply."))
    for name, value in fields.items():
        setattr(draft, name, value.strip() if isinstance(value, str) else value)
    if document is not None:
        _check_document(document)
        draft.document.save(document.name, document, save=False)
        draft.document_name = safe_filename(document.name)


def _check_class(result_class: str) -> None:
    allowed = {"A", "B", "C"} | ({"D"} if CongressSettings.current().use_class_d else set())
    if result_class not in allowed:
        raise RuleViolation(
            _("Please classify the reply as one of %(classes)s.")
            % {"classes": "/".join(sorted(allowed))}
        )


def _check_document(document: UploadedFile) -> None:
    check_upload(
        document,
        allowed=settings.REPLY_DOCUMENT_TYPES,
        max_bytes=settings.REPLY_DOCUMENT_MAX_BYTES,
    )


class ReplyStep(Step):
    """A step on a reply draft (`Step.proposal` holds the draft)."""

    @property
    def draft(self) -> ReplyDraft:
        return self.proposal


@contextmanager
def reply_step(
    draft: ReplyDraft, *, actor: User, action: str, history: bool = True
) -> Iterator[ReplyStep]:
    """Like `_step.step`, for the reply lifecycle: lock the draft, check the actor's part in
    the path and the draft's state, then record the step in the item's history."""
    with transaction.atomic():
        locked = (
            ReplyDraft.objects.select_for_update()
            .select_related("proposal__session__term", "unit")
            .get(pk=draft.pk)
        )
        relations = reply_relations(actor, locked)
        t = REPLY_LIFECYCLE.check(action, locked.state, relations)
        s = ReplyStep(locked, actor, t, next(iter(sorted(t.roles & relations))))
        from_state = locked.state
        yield s
        if t.changes_state:
            locked.state = s.target or next(iter(t.targets))
        locked.updated_at = clock.now()
        locked.save()
        if history:
            record(
                locked.proposal,
                actor=actor,
                relation=s.relation,
                action=f"reply_{action}",
                from_state=locked.proposal.state,
                to_state=locked.proposal.state,
                reason=s.reason,
                data={
                    "draft": locked.pk,
                    "draft_from": from_state,
                    "draft_to": locked.state,
                    "class": locked.result_class,
                    **s.data,
                },
            )
    draft.refresh_from_db()


def edit_reply(
    draft: ReplyDraft, *, actor: User, document: UploadedFile | None = None, **fields
) -> ReplyDraft:
    """The drafter revises the text (not a step of its own in the history)."""
    unknown = set(fields) - set(DRAFT_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    with reply_step(draft, actor=actor, action="edit", history=False) as s:
        _fill(s.draft, document=document, **fields)
    return draft


def submit_reply_for_check(draft: ReplyDraft, *, actor: User) -> ReplyDraft:
    with reply_step(draft, actor=actor, action="submit_for_check") as s:
        _require_promise(s.draft)
        notices.reply_awaits(s.draft, "check")
    return draft


def check_reply(draft: ReplyDraft, *, actor: User) -> ReplyDraft:
    """核稿: the general office finds the draft in order."""
    with reply_step(draft, actor=actor, action="check") as s:
        notices.reply_awaits(s.draft, "sign")
    return draft


def sign_off_reply(draft: ReplyDraft, *, actor: User, signed_by_name: str = "") -> ReplyDraft:
    """签发: the leader in charge signs; the co-units countersign next, if there are any."""
    with reply_step(draft, actor=actor, action="sign_off") as s:
        d = s.draft
        _require_promise(d)
        d.signed_by_name = signed_by_name.strip() or actor.full_name
        s.move_to("countersigning" if _co_units(d) else "reviewing")
        notices.reply_signed(d, s.target)
    return draft


def _require_promise(d: ReplyDraft) -> None:
    if d.result_class == "B" and d.promised_date is None:
        raise RuleViolation(_("A class B reply must say by when the problem will be solved."))


def _co_units(d: ReplyDraft) -> set[int]:
    return set(
        Assignment.objects.filter(proposal=d.proposal_id, role="co", active=True).values_list(
            "unit_id", flat=True
        )
    )


def countersign_reply(
    draft: ReplyDraft, *, actor: User, agreed: bool, comment: str = ""
) -> ReplyDraft:
    """会签: a co-unit confirms the reply or comments on it; when every co-unit has answered,
    the reply goes to the supervising review."""
    with reply_step(draft, actor=actor, action="countersign") as s:
        d = s.draft
        if d.countersignatures.filter(unit=actor.organization_id).exists():
            raise RuleViolation(_("Your unit has already countersigned this reply."))
        if not agreed:
            comment = require_text(comment, _("Please write your unit's comment."))
        Countersignature.objects.create(
            draft=d,
            unit_id=actor.organization_id,
            agreed=agreed,
            comment=comment.strip(),
            officer=actor,
            at=clock.now(),
        )
        answered = set(d.countersignatures.values_list("unit_id", flat=True))
        s.move_to("reviewing" if _co_units(d) <= answered else "countersigning")
        if s.target == "reviewing":
            notices.reply_signed(d, s.target)
        s.reason = comment.strip()
        s.data = {"agreed": agreed}
    return draft


RETURN_ACTIONS = {
    "checking": "return_from_check",
    "signing": "return_from_signing",
    "reviewing": "return_from_review",
}


def return_reply(draft: ReplyDraft, *, actor: User, reason: str) -> ReplyDraft:
    """Send the draft back to the responsible office from whichever step it is at."""
    action = RETURN_ACTIONS.get(draft.state, "return_from_check")
    return return_reply_from(draft, actor=actor, reason=reason, action=action)


def return_reply_from(draft: ReplyDraft, *, actor: User, reason: str, action: str) -> ReplyDraft:
    """`return_reply` by the table's action for one step (checked against the draft's state)."""
    with reply_step(draft, actor=actor, action=action) as s:
        s.reason = require_reason(reason)
        s.draft.countersignatures.all().delete()  # a revised reply is countersigned anew
        notices.reply_returned(s.draft, actor, s.reason)
    return draft


def correct_reply_class(
    draft: ReplyDraft, *, actor: User, result_class: str, reason: str
) -> ReplyDraft:
    """The supervising review corrects the class (the original is kept)."""
    with reply_step(draft, actor=actor, action="correct_class") as s:
        d = s.draft
        s.reason = require_reason(reason)
        _check_class(result_class)
        if result_class == d.result_class:
            raise RuleViolation(_("The reply already has that class."))
        s.data = {"from_class": d.result_class, "to_class": result_class}
        d.class_before_review = d.class_before_review or d.result_class
        d.result_class = result_class
        _require_promise(d)
    return draft


def release_reply(draft: ReplyDraft, *, actor: User) -> Reply:
    """发布: the reply goes to the deputies; the item is `replied`; a class-B reply is followed
    up until its promised date."""
    with reply_step(draft, actor=actor, action="release", history=False) as rs:
        d = rs.draft
        with step(d.proposal, actor=actor, action="release_reply") as s:
            reply = Reply.objects.create(
                proposal=s.proposal,
                unit=d.unit,
                round=d.round,
                result_class=d.result_class,
                body=d.body,
                document=d.document.name,
                document_name=d.document_name,
                contact_person=d.contact_person,
                contact_phone=d.contact_phone,
                signed_by_name=d.signed_by_name,
                created_by=d.created_by,
                replied_at=clock.now(),
            )
            d.reply = reply
            indexing.reindex(s.proposal)  # replies are searched too
            if reply.result_class == "B":
                FollowUp.objects.create(
                    proposal=s.proposal, reply=reply, unit=d.unit, promised_date=d.promised_date
                )
            p = s.proposal
            notices.reply_released(p, reply.result_class)
            s.data = {
                "class": reply.result_class,
                "round": reply.round,
                "reply_id": reply.pk,
                "on_time": p.due_date is None or clock.today() <= p.due_date,
                "corrected_from": d.class_before_review,
            }
    return reply
