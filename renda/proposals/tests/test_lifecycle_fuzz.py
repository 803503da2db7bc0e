"""Fuzzing the lifecycle services: random sequences of (action, actor), from an item put in a
random state, applied through the services only. After every step the invariants hold:

- a refused step (a domain error) changes nothing at all;
- a step that changes the item's state writes exactly one state-changing history row, from the
  old state to the new one; a step that does not change it writes none; every item action
  that succeeds is recorded in the history (except a draft's edit);
- the item is in one of its lifecycle's states, and its last history row ends in that state;
- one lead signature, no deputy signed twice, at most one active lead unit (exactly one while
  it is handled), at most one reply per round.

Bounded for CI: a fixed number of derandomized examples of a few steps each.
"""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from renda.core.errors import DomainError
from renda.notifications.models import Notification
from renda.proposals import services
from renda.proposals.access import relations_of, reply_relations
from renda.proposals.actions import spec_for
from renda.proposals.lifecycles import (
    HANDLING,
    MOTION_LIFECYCLE,
    REPLY_LIFECYCLE,
    SUGGESTION_LIFECYCLE,
    lifecycle_of,
)
from renda.proposals.models import (
    Assignment,
    Kind,
    ProposalEvent,
    ReassignmentRequest,
    ReplyDraft,
    Signature,
)
from renda.proposals.tests.builders import build_item
from renda.proposals.tests.snapshot import snapshot
from renda.testing.factories import DeputyFactory

TODAY = timezone.localdate
STARTS = [(Kind.MOTION, s) for s in MOTION_LIFECYCLE.states] + [
    (Kind.SUGGESTION, s) for s in SUGGESTION_LIFECYCLE.states if s != "merged"
]
REPLY_ACTIONS = [
    "edit_reply",
    "submit_for_check",
    "check",
    "sign_off",
    "countersign",
    "return_reply",
    "correct_class",
    "release",
]


def _actors(cast) -> dict[str, object]:
    return {
        "proposer": cast.proposer,
        "invitee": cast.invitee,
        "cosigner": cast.cosigner,
        "outsider": cast.outsider,
        "staff": cast.staff,
        "presidium": cast.presidium,
        "lead_officer": cast.lead_officer,
        "co_officer": cast.co_officer,
        "other_officer": cast.other_officer,
        "committee_member": cast.committee_member,
        "coordinator": cast.coordinator,
        "system_admin": cast.system_admin,
        "anonymous": AnonymousUser(),
    }


def _pending_request(item):
    found = ReassignmentRequest.objects.filter(assignment__proposal=item, status="pending").first()
    return found or ReassignmentRequest(pk=0)


def _item_call(action: str, cast, item, spare):
    """The service call for a lifecycle action, with plausible input (services only)."""
    s, today = services, TODAY()
    calls = {
        "edit": lambda a: s.update_draft(item, actor=a, title="修改后的标题"),
        "invite": lambda a: s.invite_cosigners(item, actor=a, deputies=spare),
        "confirm_signature": lambda a: s.confirm_signature(item, actor=a),
        "decline_signature": lambda a: s.decline_signature(item, actor=a, reason="不同意"),
        "submit": lambda a: s.submit(item, actor=a),
        "withdraw": lambda a: s.withdraw(item, actor=a, reason="另行提出"),
        "begin_review": lambda a: s.begin_review(item, actor=a),
        "return_for_revision": lambda a: s.return_for_revision(item, actor=a, reason="不完整"),
        "refer": lambda a: s.refer_motion(item, actor=a, committee=cast.committee, meeting="会"),
        "list_as_motion": lambda a: s.list_motion(item, actor=a, meeting="主席团第二次会议"),
        "convert_to_suggestion": lambda a: s.convert_motion(item, actor=a, meeting="主席团会议"),
        "not_accept": lambda a: s.not_accept_motion(item, actor=a, reason="不属于本级职权"),
        "start_handling": lambda a: s.start_motion_handling(
            item, actor=a, lead_committee=cast.committee, units=[cast.lead_unit, cast.co_unit]
        ),
        "record_activity": lambda a: s.record_committee_activity(
            item, actor=a, kind="investigation", occurred_on=today, title="实地调研"
        ),
        "record_progress": lambda a: s.record_progress(
            item, actor=a, occurred_on=today, content="正在推进"
        ),
        "report": lambda a: s.report_motion(item, actor=a, summary="办理情况报告"),
        "close": lambda a: (
            s.close_motion(item, actor=a)
            if item.kind == Kind.MOTION
            else s.close_without_feedback(item, actor=a, note="逾期未评价")
        ),
        "accept": lambda a: s.accept_suggestion(item, actor=a),
        "transfer": lambda a: s.transfer_suggestion(item, actor=a, reason="属于来信"),
        "assign": lambda a: s.assign_suggestion(
            item, actor=a, lead_unit=cast.lead_unit, co_units=[cast.co_unit]
        ),
        "mark_key_supervised": lambda a: s.mark_key_supervised(
            item, actor=a, committee=cast.committee
        ),
        "sign_for": lambda a: s.sign_for(item, actor=a),
        "co_sign_for": lambda a: s.co_sign_for(item, actor=a),
        "request_reassignment": lambda a: s.request_reassignment(item, actor=a, reason="非本职"),
        "approve_reassignment": lambda a: s.approve_reassignment(
            item, actor=a, request=_pending_request(item), new_unit=cast.other_officer.organization
        ),
        "deny_reassignment": lambda a: s.deny_reassignment(
            item, actor=a, request=_pending_request(item), note="职责明确"
        ),
        "record_contact": lambda a: s.record_contact(
            item, actor=a, method="phone", occurred_on=today, content="电话沟通"
        ),
        "submit_co_opinion": lambda a: s.submit_co_opinion(item, actor=a, opinion="同意"),
        "draft_reply": lambda a: s.start_reply(item, actor=a, result_class="B", body="正在解决"),
        "request_extension": lambda a: s.request_extension(
            item, actor=a, requested_due=today + dt.timedelta(days=100), reason="需要时间"
        ),
        "grant_extension": lambda a: s.grant_extension(item, actor=a),
        "deny_extension": lambda a: s.deny_extension(item, actor=a, note="期限内可以完成"),
        "record_follow_up": lambda a: s.record_follow_up(item, actor=a, content="正在推进"),
        "follow_up_reply": lambda a: s.follow_up_reply(item, actor=a, body="已经解决"),
        "explain_follow_up": lambda a: s.explain_follow_up(item, actor=a, explanation="资金未落实"),
        "evaluate": lambda a: s.evaluate_reply(
            item, actor=a, result="unsatisfied", comment="仍未解决"
        ),
        "publish": lambda a: s.publish_reply(item, actor=a),
        "withhold": lambda a: s.withhold_reply(item, actor=a, reason="涉及个人隐私"),
        "merge": lambda a: s.merge_suggestion(item, actor=a, into=spare_item(cast)),
        "unmerge": lambda a: s.unmerge_suggestion(item, actor=a, reason="分别办理"),
        "evaluate_merged": lambda a: s.evaluate_merged_reply(item, actor=a, result="satisfied"),
    }
    return calls[action]


def spare_item(cast):
    return build_item(cast, Kind.SUGGESTION, "accepted")


def _draft(item) -> ReplyDraft | None:
    """The item's reply draft in progress, if any."""
    return (
        ReplyDraft.objects.filter(proposal=item)
        .exclude(state=ReplyDraft.State.RELEASED)
        .order_by("-pk")
        .first()
    )


def _reply_call(action: str, draft: ReplyDraft):
    s = services
    calls = {
        "edit_reply": lambda a: s.edit_reply(draft, actor=a, body="修改后的答复"),
        "submit_for_check": lambda a: s.submit_reply_for_check(draft, actor=a),
        "check": lambda a: s.check_reply(draft, actor=a),
        "sign_off": lambda a: s.sign_off_reply(draft, actor=a, signed_by_name="分管领导"),
        "countersign": lambda a: s.countersign_reply(draft, actor=a, agreed=True),
        "return_reply": lambda a: s.return_reply(draft, actor=a, reason="请修改"),
        "correct_class": lambda a: s.correct_reply_class(
            draft, actor=a, result_class="A", reason="已解决"
        ),
        "release": lambda a: s.release_reply(draft, actor=a),
    }
    return calls[action]


def _fingerprint(item) -> dict:
    return snapshot(item) | {"notifications": Notification.objects.count()}


def _choose(data, item, actors):
    """Mostly an action the table allows someone to take now and the page would offer (so
    sequences go deep), sometimes any action by anyone (so refusals are exercised)."""
    lifecycle = lifecycle_of(item)
    draft = ReplyDraft.objects.filter(proposal=item).exclude(state="released").first()
    allowed = [
        (t.action, name)
        for name, user in actors.items()
        for t in lifecycle.allowed(item.state, relations_of(user, item))
        if (spec := spec_for(item, t.action)) is None or spec.visible_if(item)
    ]
    if draft is not None:
        allowed += [
            (t.action if t.action != "edit" else "edit_reply", name)
            for name, user in actors.items()
            for t in REPLY_LIFECYCLE.allowed(draft.state, reply_relations(user, draft))
            if not t.action.startswith("return_")
        ]
    guided = data.draw(st.sampled_from(["table", "table", "table", "any"]), label="how")
    if allowed and guided == "table":
        return data.draw(st.sampled_from(sorted(allowed)), label="step")
    actions = sorted(lifecycle.transitions) + REPLY_ACTIONS
    return (
        data.draw(st.sampled_from(actions), label="action"),
        data.draw(st.sampled_from(sorted(actors)), label="actor"),
    )


def _check_invariants(item, before_events: int, changed: bool | None, old_state: str, action):
    item.refresh_from_db()
    lifecycle = lifecycle_of(item)
    assert item.state in lifecycle.states, item.state
    events = ProposalEvent.objects.filter(proposal=item).order_by("pk")
    last = events.last()
    if last is not None:
        assert last.to_state == item.state, (action, last.action, last.to_state, item.state)
    new = list(events.filter(pk__gt=before_events))
    moves = [e for e in new if e.from_state != e.to_state]
    if changed is not None:  # the step succeeded
        assert len(moves) == (1 if item.state != old_state else 0), (action, moves)
        if moves:
            assert (moves[0].from_state, moves[0].to_state) == (old_state, item.state)
        if action in lifecycle.transitions and action != "edit":
            assert any(e.action == f"{item.kind}.{action}" for e in new), (action, new)
    signatures = Signature.objects.filter(proposal=item)
    assert signatures.filter(is_lead=True).count() == 1
    assert not signatures.values("deputy").annotate(n=Count("pk")).filter(n__gt=1).exists()
    leads = Assignment.objects.filter(proposal=item, role="lead", active=True).count()
    assert leads <= 1
    if item.kind == Kind.SUGGESTION and item.state in HANDLING:
        assert leads == 1, item.state
    assert not item.replies.values("round").annotate(n=Count("pk")).filter(n__gt=1).exists()


@pytest.mark.django_db
@settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_random_sequences_keep_the_invariants(cast, data):
    actors = _actors(cast)
    kind, state = data.draw(st.sampled_from(STARTS), label="start")
    with transaction.atomic():
        item = build_item(cast, kind, state)
        spare = [DeputyFactory(term=cast.session.term, delegation=cast.delegation)]
        for _ in range(data.draw(st.integers(2, 10), label="steps")):
            action, name = _choose(data, item, actors)
            _apply(item, action, actors[name], cast, spare)
        transaction.set_rollback(True)


def _apply(item, action, actor, cast, spare):
    item.refresh_from_db()
    draft = _draft(item)
    if action in REPLY_ACTIONS or action == "release_reply":
        if draft is None:
            return  # no reply in progress: nothing to act on
        call = _reply_call("release" if action == "release_reply" else action, draft)
    elif action in lifecycle_of(item).transitions:
        call = _item_call(action, cast, item, spare)
    else:
        return  # a motion's draw of a suggestion-only action: nothing to call
    old_state, last_event = item.state, ProposalEvent.objects.order_by("pk").last()
    before_events = last_event.pk if last_event else 0
    before = _fingerprint(item)
    try:
        with transaction.atomic():
            call(actor)
    except DomainError as refused:
        assert str(refused)
        assert _fingerprint(item) == before, f"refused {action} by {actor} changed data"
        _check_invariants(item, before_events, None, old_state, action)
    else:
        _check_invariants(item, before_events, True, old_state, action)
