"""What the pages need to offer a lifecycle action: its form and how to call its service.

The buttons an item shows come from the lifecycle table (`lifecycle.allowed`); this registry
only adds the input each action takes. Every action of both tables has an entry here (a test
checks it)."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from renda.accounts.models import User
from renda.proposals import forms as f
from renda.proposals import services as s
from renda.proposals.models import Kind, Proposal

Perform = Callable[[Proposal, User, dict[str, Any]], Any]


@dataclass(frozen=True)
class ActionSpec:
    form: type[forms.Form]
    perform: Perform
    needs_item: bool = False  # the form's __init__ takes item=
    danger: bool = False  # shown as a warning-coloured button
    done: str = ""  # message after success
    # A read-only precondition for showing the button (the service still enforces the rule).
    visible_if: Callable[[Proposal], bool] = lambda item: True


def _spec(form, perform, **kw) -> ActionSpec:
    return ActionSpec(form=form, perform=perform, **kw)


def _joint_reply_sent(p: Proposal) -> bool:
    return p.merged_into_id is not None and p.merged_into.replies.exists()


REGISTRY: dict[str, ActionSpec] = {
    "invite": _spec(
        f.InviteForm,
        lambda p, a, d: s.invite_cosigners(p, actor=a, deputies=d["deputies"]),
        needs_item=True,
        done=_("Invitations sent."),
    ),
    "confirm_signature": _spec(
        f.ConfirmForm, lambda p, a, d: s.confirm_signature(p, actor=a), done=_("You have signed.")
    ),
    "decline_signature": _spec(
        f.OptionalReasonForm,
        lambda p, a, d: s.decline_signature(p, actor=a, reason=d["reason"]),
        danger=True,
    ),
    "submit": _spec(f.ConfirmForm, lambda p, a, d: s.submit(p, actor=a), done=_("Submitted.")),
    "withdraw": _spec(
        f.OptionalReasonForm,
        lambda p, a, d: s.withdraw(p, actor=a, reason=d["reason"]),
        danger=True,
    ),
    "begin_review": _spec(f.ConfirmForm, lambda p, a, d: s.begin_review(p, actor=a)),
    "return_for_revision": _spec(
        f.ReasonForm,
        lambda p, a, d: s.return_for_revision(p, actor=a, reason=d["reason"]),
        danger=True,
    ),
    "refer": _spec(
        f.ReferForm,
        lambda p, a, d: s.refer_motion(
            p, actor=a, committee=d["committee"], meeting=d["meeting"], reason=d["reason"]
        ),
    ),
    "list_as_motion": _spec(
        f.MeetingForm, lambda p, a, d: s.list_motion(p, actor=a, meeting=d["meeting"])
    ),
    "convert_to_suggestion": _spec(
        f.ConvertForm,
        lambda p, a, d: s.convert_motion(p, actor=a, meeting=d["meeting"], reason=d["reason"]),
    ),
    "not_accept": _spec(
        f.NotAcceptForm,
        lambda p, a, d: s.not_accept_motion(p, actor=a, reason=d["reason"], meeting=d["meeting"]),
        danger=True,
    ),
    "start_handling": _spec(
        f.StartHandlingForm,
        lambda p, a, d: s.start_motion_handling(
            p, actor=a, lead_committee=d["lead_committee"], units=d["units"], leader=d["leader"]
        ),
    ),
    "record_activity": _spec(
        f.ActivityForm,
        lambda p, a, d: s.record_committee_activity(
            p,
            actor=a,
            kind=d["kind"],
            occurred_on=d["occurred_on"],
            title=d["title"],
            participants=d["participants"],
            content=d["content"],
        ),
        done=_("Recorded."),
    ),
    "record_progress": _spec(
        f.ProgressForm,
        lambda p, a, d: s.record_progress(
            p, actor=a, occurred_on=d["occurred_on"], content=d["content"]
        ),
        done=_("Recorded."),
    ),
    "report": _spec(
        f.SummaryForm, lambda p, a, d: s.report_motion(p, actor=a, summary=d["summary"])
    ),
    "accept": _spec(
        f.AcceptForm, lambda p, a, d: s.accept_suggestion(p, actor=a, category=d["category"])
    ),
    "transfer": _spec(
        f.ReasonForm,
        lambda p, a, d: s.transfer_suggestion(p, actor=a, reason=d["reason"]),
        danger=True,
    ),
    "assign": _spec(
        f.AssignForm,
        lambda p, a, d: s.assign_suggestion(
            p,
            actor=a,
            lead_unit=d["lead_unit"],
            co_units=d["co_units"],
            category=d["category"],
            due_date=d["due_date"],
        ),
        needs_item=True,
        done=_("Assigned."),
    ),
    "mark_key_supervised": _spec(
        f.KeySupervisionForm,
        lambda p, a, d: s.mark_key_supervised(
            p, actor=a, committee=d["committee"], leader=d["leader"], key=d["key"]
        ),
    ),
    "sign_for": _spec(f.ConfirmForm, lambda p, a, d: s.sign_for(p, actor=a), done=_("Signed for.")),
    "co_sign_for": _spec(
        f.ConfirmForm, lambda p, a, d: s.co_sign_for(p, actor=a), done=_("Signed for.")
    ),
    "request_reassignment": _spec(
        f.ReassignmentRequestForm,
        lambda p, a, d: s.request_reassignment(
            p, actor=a, reason=d["reason"], suggested_unit=d["suggested_unit"]
        ),
        danger=True,
    ),
    "approve_reassignment": _spec(
        f.ApproveReassignmentForm,
        lambda p, a, d: s.approve_reassignment(
            p, actor=a, request=d["request"], new_unit=d["new_unit"], note=d["note"]
        ),
        needs_item=True,
    ),
    "deny_reassignment": _spec(
        f.ReassignmentDecisionForm,
        lambda p, a, d: s.deny_reassignment(p, actor=a, request=d["request"], note=d["note"]),
        needs_item=True,
        danger=True,
    ),
    "record_contact": _spec(
        f.ContactForm,
        lambda p, a, d: s.record_contact(
            p, actor=a, method=d["method"], occurred_on=d["occurred_on"], content=d["content"]
        ),
        done=_("Recorded."),
    ),
    "submit_co_opinion": _spec(
        f.CoOpinionForm, lambda p, a, d: s.submit_co_opinion(p, actor=a, opinion=d["opinion"])
    ),
    "draft_reply": _spec(
        f.ReplyForm,
        lambda p, a, d: s.start_reply(
            p,
            actor=a,
            result_class=d["result_class"],
            body=d["body"],
            promised_date=d["promised_date"],
            document=d["document"],
            contact_person=d["contact_person"],
            contact_phone=d["contact_phone"],
        ),
        done=_("The reply is drafted; submit it for checking."),
        visible_if=lambda p: not _current_draft(p),
    ),
    # released from the reply panel, after the supervising review
    "release_reply": _spec(f.ConfirmForm, lambda p, a, d: None, visible_if=lambda p: False),
    "request_extension": _spec(
        f.ExtensionRequestForm,
        lambda p, a, d: s.request_extension(
            p, actor=a, requested_due=d["requested_due"], reason=d["reason"]
        ),
        visible_if=lambda p: not _pending_extension(p),
    ),
    "grant_extension": _spec(
        f.ExtensionGrantForm,
        lambda p, a, d: s.grant_extension(p, actor=a, due_date=d["due_date"], note=d["note"]),
        visible_if=lambda p: _pending_extension(p),
    ),
    "deny_extension": _spec(
        f.NoteForm,
        lambda p, a, d: s.deny_extension(p, actor=a, note=d["note"]),
        danger=True,
        visible_if=lambda p: _pending_extension(p),
    ),
    "record_follow_up": _spec(
        f.FollowUpProgressForm,
        lambda p, a, d: s.record_follow_up(p, actor=a, content=d["content"]),
        visible_if=lambda p: _open_follow_up(p),
    ),
    "follow_up_reply": _spec(
        f.FollowUpReplyForm,
        lambda p, a, d: s.follow_up_reply(p, actor=a, body=d["body"]),
        visible_if=lambda p: _open_follow_up(p),
    ),
    "explain_follow_up": _spec(
        f.FollowUpExplanationForm,
        lambda p, a, d: s.explain_follow_up(p, actor=a, explanation=d["explanation"]),
        danger=True,
        visible_if=lambda p: _open_follow_up(p),
    ),
    "evaluate": _spec(
        f.EvaluationForm,
        lambda p, a, d: s.evaluate_reply(p, actor=a, result=d["result"], comment=d["comment"]),
        done=_("Thank you for evaluating."),
    ),
    "publish": _spec(
        f.ConfirmForm, lambda p, a, d: s.publish_reply(p, actor=a), done=_("Published.")
    ),
    "withhold": _spec(
        f.WithholdForm,
        lambda p, a, d: s.withhold_reply(p, actor=a, reason=d["reason"]),
        danger=True,
    ),
    "merge": _spec(
        f.MergeForm,
        lambda p, a, d: s.merge_suggestion(p, actor=a, into=d["into"]),
        needs_item=True,
        done=_("Merged: the item now follows the other suggestion's handling."),
    ),
    "unmerge": _spec(
        f.OptionalReasonForm,
        lambda p, a, d: s.unmerge_suggestion(p, actor=a, reason=d["reason"]),
        danger=True,
        done=_("The merge is undone; the item can be assigned on its own."),
    ),
    "evaluate_merged": _spec(
        f.EvaluationForm,
        lambda p, a, d: s.evaluate_merged_reply(
            p, actor=a, result=d["result"], comment=d["comment"]
        ),
        visible_if=_joint_reply_sent,
        done=_("Thank you for evaluating."),
    ),
}


def _current_draft(p: Proposal):
    return next((d for d in p.reply_drafts.all() if d.round == p.handling_round), None)


def _pending_extension(p: Proposal) -> bool:
    return any(r.status == "pending" for r in p.extension_requests.all())


def _open_follow_up(p: Proposal) -> bool:
    return any(f.state == "open" for f in p.follow_ups.all())


# Actions whose spec differs by kind.
BY_KIND: dict[tuple[str, str], ActionSpec] = {
    (Kind.MOTION, "close"): _spec(f.ConfirmForm, lambda p, a, d: s.close_motion(p, actor=a)),
    (Kind.SUGGESTION, "close"): _spec(
        f.OptionalReasonForm,
        lambda p, a, d: s.close_without_feedback(p, actor=a, note=d["reason"]),
    ),
}

# Actions offered on their own pages rather than as a form on the item.
OWN_PAGE = {"edit": "proposals:edit"}


def spec_for(item: Proposal, action: str) -> ActionSpec | None:
    return BY_KIND.get((item.kind, action)) or REGISTRY.get(action)


def build_form(item: Proposal, action: str, data=None, files=None) -> forms.Form:
    spec = spec_for(item, action)
    kwargs = {"item": item} if spec.needs_item else {}
    return spec.form(data, files, prefix=action, **kwargs)


# The reply's own path (the reply panel of an item page).
REPLY_REGISTRY: dict[str, ActionSpec] = {
    "edit": _spec(
        f.ReplyEditForm,
        lambda d, a, data: s.edit_reply(
            d,
            actor=a,
            document=data["document"],
            **{
                k: data[k]
                for k in (
                    "result_class",
                    "body",
                    "promised_date",
                    "contact_person",
                    "contact_phone",
                )
            },
        ),
        needs_item=True,
        done=_("Draft saved."),
    ),
    "submit_for_check": _spec(
        f.ConfirmForm, lambda d, a, data: s.submit_reply_for_check(d, actor=a)
    ),
    "check": _spec(f.ConfirmForm, lambda d, a, data: s.check_reply(d, actor=a)),
    "return_from_check": _spec(
        f.ReasonForm,
        lambda d, a, data: s.return_reply(d, actor=a, reason=data["reason"]),
        danger=True,
    ),
    "return_from_signing": _spec(
        f.ReasonForm,
        lambda d, a, data: s.return_reply(d, actor=a, reason=data["reason"]),
        danger=True,
    ),
    "return_from_review": _spec(
        f.ReasonForm,
        lambda d, a, data: s.return_reply(d, actor=a, reason=data["reason"]),
        danger=True,
    ),
    "sign_off": _spec(
        f.SignOffForm,
        lambda d, a, data: s.sign_off_reply(d, actor=a, signed_by_name=data["signed_by_name"]),
    ),
    "countersign": _spec(
        f.CountersignForm,
        lambda d, a, data: s.countersign_reply(
            d, actor=a, agreed=data["agreed"], comment=data["comment"]
        ),
    ),
    "correct_class": _spec(
        f.CorrectClassForm,
        lambda d, a, data: s.correct_reply_class(
            d, actor=a, result_class=data["result_class"], reason=data["reason"]
        ),
    ),
    "release": _spec(
        f.ConfirmForm,
        lambda d, a, data: s.release_reply(d, actor=a),
        done=_("The reply is released to the deputies."),
    ),
}


def build_reply_form(draft, action: str, data=None, files=None) -> forms.Form:
    spec = REPLY_REGISTRY[action]
    kwargs = {"draft": draft} if spec.needs_item else {}
    return spec.form(data, files, prefix=f"reply-{action}", **kwargs)
