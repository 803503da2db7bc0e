"""Every (state, action, role) of both lifecycles: what the table allows succeeds, changes the
state as the table says and writes one history row; everything else is refused with a domain
error and leaves the database exactly as it was."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.utils import timezone

from renda.core.errors import DomainError, InvalidTransition, NotPermitted
from renda.proposals import services
from renda.proposals.access import relations_of
from renda.proposals.lifecycles import MOTION_LIFECYCLE, SUGGESTION_LIFECYCLE
from renda.proposals.models import (
    Assignment,
    Kind,
    Proposal,
    ReassignmentRequest,
    Reply,
)
from renda.proposals.tests.builders import ASSIGNED_STATES, build_item
from renda.proposals.tests.snapshot import snapshot
from renda.testing.factories import DeputyFactory, UnitFactory

TODAY = timezone.localdate


def _fresh_deputy(cast):
    return DeputyFactory(term=cast.session.term, delegation=cast.delegation)


def _pending_request(cast, p):
    lead = Assignment.objects.get(proposal=p, role="lead", active=True)
    return ReassignmentRequest.objects.create(
        assignment=lead,
        reason="不属于本单位职责",
        requested_by=cast.lead_officer,
        requested_at=timezone.now(),
    )


def _sign_co_unit(cast, p):
    Assignment.objects.filter(proposal=p, role="co").update(signed_at=timezone.now())


def _age_reply(cast, p):
    Reply.objects.filter(proposal=p).update(replied_at=timezone.now() - dt.timedelta(days=60))


def draft_in(cast, p, state):
    """A reply draft of the item's current round in `state` (made directly, for the matrix)."""
    from renda.proposals.models import ReplyDraft

    now = timezone.now()
    return ReplyDraft.objects.create(
        proposal=p,
        unit=cast.lead_unit,
        round=max(p.handling_round, 1),
        state=state,
        result_class="A",
        body="答复",
        created_by=cast.lead_officer,
        created_at=now,
        updated_at=now,
    )


def _release(draft):
    return lambda item, actor: services.release_reply(draft, actor=actor)


def _pending_extension(cast, p):
    from renda.proposals.models import ExtensionRequest

    if p.state in ASSIGNED_STATES[p.kind]:
        ExtensionRequest.objects.create(
            proposal=p,
            unit=cast.lead_unit,
            requested_due=TODAY() + dt.timedelta(days=100),
            reason="需要时间",
            requested_by=cast.lead_officer,
            requested_at=timezone.now(),
        )


def _follow_up(cast, p):
    from renda.proposals.models import FollowUp

    reply = Reply.objects.filter(proposal=p).first()
    if reply is not None:
        FollowUp.objects.create(
            proposal=p,
            reply=reply,
            unit=cast.lead_unit,
            promised_date=TODAY() + dt.timedelta(days=60),
        )


def _primary(cast, replied=False):
    """Another accepted suggestion to merge into (replied: one that has already been answered)."""
    other = build_item(cast, Kind.SUGGESTION, "replied" if replied else "accepted")
    return other


def _merged_into_replied(cast, p):
    """For an item built as `merged`: the primary it follows, already replied to."""
    if p.state == "merged":
        p.merged_into = _primary(cast, replied=True)
        p.save(update_fields=["merged_into"])
    return p


def _merged_into_open(cast, p):
    """For an item built as `merged`: the primary it follows, not yet replied to."""
    if p.state == "merged":
        p.merged_into = _primary(cast)
        p.save(update_fields=["merged_into"])
    return p


# action → (arrange(cast, item) → extra kwargs, call(item, actor, **kwargs))
CALLS = {
    "edit": lambda c, p: dict(fn=services.update_draft, title="修改后的标题"),
    "invite": lambda c, p: dict(fn=services.invite_cosigners, deputies=[_fresh_deputy(c)]),
    "confirm_signature": lambda c, p: dict(fn=services.confirm_signature),
    "decline_signature": lambda c, p: dict(fn=services.decline_signature),
    "submit": lambda c, p: dict(fn=services.submit),
    "withdraw": lambda c, p: dict(fn=services.withdraw, reason="另行提出"),
    "begin_review": lambda c, p: dict(fn=services.begin_review),
    "return_for_revision": lambda c, p: dict(fn=services.return_for_revision, reason="内容不完整"),
    "refer": lambda c, p: dict(
        fn=services.refer_motion, committee=c.committee, meeting="主席团会议"
    ),
    "list_as_motion": lambda c, p: dict(fn=services.list_motion, meeting="主席团第二次会议"),
    "convert_to_suggestion": lambda c, p: dict(fn=services.convert_motion, meeting="主席团会议"),
    "not_accept": lambda c, p: dict(fn=services.not_accept_motion, reason="不属于本级人大职权"),
    "start_handling": lambda c, p: dict(
        fn=services.start_motion_handling, lead_committee=c.committee, units=[UnitFactory()]
    ),
    "record_activity": lambda c, p: dict(
        fn=services.record_committee_activity,
        kind="investigation",
        occurred_on=TODAY(),
        title="实地调研",
    ),
    "record_progress": lambda c, p: dict(
        fn=services.record_progress, occurred_on=TODAY(), content="正在推进"
    ),
    "report": lambda c, p: dict(fn=services.report_motion, summary="办理情况报告"),
    "close": lambda c, p: (
        dict(fn=services.close_motion)
        if p.kind == Kind.MOTION
        else (_age_reply(c, p), dict(fn=services.close_without_feedback))[1]
    ),
    "accept": lambda c, p: dict(fn=services.accept_suggestion),
    "transfer": lambda c, p: dict(fn=services.transfer_suggestion, reason="属于来信"),
    "assign": lambda c, p: dict(fn=services.assign_suggestion, lead_unit=UnitFactory()),
    "mark_key_supervised": lambda c, p: dict(
        fn=services.mark_key_supervised, committee=c.committee
    ),
    "sign_for": lambda c, p: dict(fn=services.sign_for),
    "co_sign_for": lambda c, p: dict(fn=services.co_sign_for),
    "request_reassignment": lambda c, p: dict(
        fn=services.request_reassignment, reason="非本单位职责"
    ),
    "approve_reassignment": lambda c, p: (
        dict(
            fn=services.approve_reassignment, request=_pending_request(c, p), new_unit=UnitFactory()
        )
        if p.state in ASSIGNED_STATES[p.kind]
        else dict(
            fn=services.approve_reassignment,
            request=ReassignmentRequest(pk=0),
            new_unit=UnitFactory(),
        )
    ),
    "deny_reassignment": lambda c, p: (
        dict(fn=services.deny_reassignment, request=_pending_request(c, p), note="职责明确")
        if p.state in ASSIGNED_STATES[p.kind]
        else dict(fn=services.deny_reassignment, request=ReassignmentRequest(pk=0), note="职责明确")
    ),
    "record_contact": lambda c, p: dict(
        fn=services.record_contact, method="phone", occurred_on=TODAY(), content="电话沟通"
    ),
    "submit_co_opinion": lambda c, p: (
        _sign_co_unit(c, p),
        dict(fn=services.submit_co_opinion, opinion="同意"),
    )[1],
    "draft_reply": lambda c, p: dict(fn=services.start_reply, result_class="A", body="已解决"),
    "release_reply": lambda c, p: dict(fn=_release(draft_in(c, p, "reviewing"))),
    "request_extension": lambda c, p: dict(
        fn=services.request_extension,
        requested_due=TODAY() + dt.timedelta(days=100),
        reason="涉及面广，需要更多时间",
    ),
    "grant_extension": lambda c, p: (_pending_extension(c, p), dict(fn=services.grant_extension))[
        1
    ],
    "deny_extension": lambda c, p: (
        _pending_extension(c, p),
        dict(fn=services.deny_extension, note="期限内可以完成"),
    )[1],
    "record_follow_up": lambda c, p: (
        _follow_up(c, p),
        dict(fn=services.record_follow_up, content="正在推进"),
    )[1],
    "follow_up_reply": lambda c, p: (
        _follow_up(c, p),
        dict(fn=services.follow_up_reply, body="问题已经解决"),
    )[1],
    "explain_follow_up": lambda c, p: (
        _follow_up(c, p),
        dict(fn=services.explain_follow_up, explanation="资金未能落实"),
    )[1],
    "evaluate": lambda c, p: dict(fn=services.evaluate_reply, result="satisfied"),
    "publish": lambda c, p: dict(fn=services.publish_reply),
    "withhold": lambda c, p: dict(fn=services.withhold_reply, reason="涉及个人隐私"),
    "merge": lambda c, p: dict(fn=services.merge_suggestion, into=_primary(c)),
    "unmerge": lambda c, p: (
        _merged_into_open(c, p),
        dict(fn=services.unmerge_suggestion, reason="分别办理"),
    )[1],
    "evaluate_merged": lambda c, p: (
        _merged_into_replied(c, p),
        dict(fn=services.evaluate_merged_reply, result="satisfied"),
    )[1],
}


def expected_relations(cast, kind, state):
    """What each persona is to an item built in `state` — stated here, not computed, so the
    access code is tested too."""
    assigned = state in ASSIGNED_STATES[kind]
    return {
        "proposer": (cast.proposer, {"proposer"}),
        "invitee": (cast.invitee, {"invitee"}),
        "cosigner": (cast.cosigner, {"cosigner"}),
        "outsider": (cast.outsider, set()),
        "staff": (cast.staff, {"staff"}),
        "presidium": (cast.presidium, {"presidium"}),
        "lead_officer": (cast.lead_officer, {"lead_unit"} if assigned else set()),
        "co_officer": (cast.co_officer, {"co_unit"} if assigned else set()),
        "other_officer": (cast.other_officer, set()),
        "committee_member": (cast.committee_member, {"committee"}),
        "other_committee_member": (cast.other_committee_member, set()),
        "system_admin": (cast.system_admin, set()),
        "coordinator": (cast.coordinator, {"coordinator"} if assigned else set()),
        "anonymous": (AnonymousUser(), set()),
    }


def _cases():
    for kind, lifecycle in [
        (Kind.MOTION, MOTION_LIFECYCLE),
        (Kind.SUGGESTION, SUGGESTION_LIFECYCLE),
    ]:
        for state in lifecycle.states:
            for action in lifecycle.transitions:
                yield pytest.param(kind, state, action, id=f"{kind}-{state}-{action}")


@pytest.mark.django_db
@pytest.mark.parametrize(("kind", "state", "action"), list(_cases()))
def test_transition_matrix(cast, kind, state, action):
    lifecycle = MOTION_LIFECYCLE if kind == Kind.MOTION else SUGGESTION_LIFECYCLE
    t = lifecycle[action]
    item = build_item(cast, kind, state)
    for persona, (user, relations) in expected_relations(cast, kind, state).items():
        assert relations_of(user, item) == relations, persona
        allowed = state in t.sources and bool(t.roles & relations)
        with transaction.atomic():
            fresh = Proposal.objects.get(pk=item.pk)
            kwargs = CALLS[action](cast, fresh)
            fn = kwargs.pop("fn")
            before = snapshot(fresh)
            if allowed:
                fn(fresh, actor=user, **kwargs)
                _assert_applied(fresh, t, state, before)
            else:
                expected = NotPermitted if not t.roles & relations else InvalidTransition
                with pytest.raises(expected) as refused:
                    fn(fresh, actor=user, **kwargs)
                assert isinstance(refused.value, DomainError) and str(refused.value)
                assert snapshot(fresh) == before, f"{persona}: refused {action} changed data"
            transaction.set_rollback(True)


def _assert_applied(item, t, state, before):
    item.refresh_from_db()
    if t.changes_state:
        assert item.state in t.targets
    else:
        assert item.state == state
    events = item.events.count()
    expected_events = before["events"] + (0 if t.action == "edit" else 1)
    assert events == expected_events
    if t.action != "edit":
        last = item.events.order_by("-at", "-pk").first()
        assert last.action == f"{item.kind}.{t.action}" or t.action == "convert_to_suggestion"
        assert (last.from_state, last.to_state) == (
            state,
            item.state,
        ) or t.action == "convert_to_suggestion"
