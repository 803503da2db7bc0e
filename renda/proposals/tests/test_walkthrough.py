"""The whole lifecycle driven through the service functions alone (as from the Django shell):
a motion converted to a suggestion, a listed motion to closure, and a suggestion through
reassignment, re-handling and disclosure."""

import datetime as dt

import time_machine
from django.utils import timezone

from renda.congress.models import Organization
from renda.proposals import services
from renda.proposals.history import describe
from renda.proposals.models import Disclosure, Kind, Signature
from renda.testing.factories import CategoryFactory
from renda.testing.workflow import reply_through_path


def actions(item):
    return [e.action.split(".", 1)[1] for e in item.events.order_by("at", "pk")]


def test_motion_converted_to_suggestion_then_handled_to_closure(cast):
    motion = services.create_draft(
        actor=cast.proposer,
        kind=Kind.MOTION,
        title="关于加快推进城乡融合共同富裕先行试验区建设的议案",
        reasons="试验区建设需要人大依法监督推动。",
        plan="制定实施方案，建立指标体系。",
    )
    services.invite_cosigners(
        motion, actor=cast.proposer, deputies=[u.deputy for u in cast.cosigners]
    )
    for user in cast.cosigners:
        services.confirm_signature(motion, actor=user)
    services.submit(motion, actor=cast.proposer)
    assert motion.state == "submitted" and motion.number == 1
    services.begin_review(motion, actor=cast.staff)
    suggestion = services.convert_motion(
        motion, actor=cast.presidium, meeting="大会主席团第三次会议"
    )
    motion.refresh_from_db()
    assert motion.state == "converted"
    assert suggestion.kind == Kind.SUGGESTION and suggestion.state == "accepted"
    assert suggestion.source == motion and suggestion.number == 1
    signers = set(
        suggestion.signatures.filter(status=Signature.Status.CONFIRMED).values_list(
            "deputy", flat=True
        )
    )
    assert signers == {cast.proposer.deputy_id, *(u.deputy_id for u in cast.cosigners)}

    # Assigned to the wrong unit first: it asks to be relieved, staff approve, the clock restarts.
    wrong_unit = Organization.objects.create(
        name="市错误局", kind="handling_unit", unit_type="government_department"
    )
    from renda.testing.factories import unit_officer

    wrong_officer = unit_officer(wrong_unit)
    services.assign_suggestion(
        suggestion,
        actor=cast.staff,
        lead_unit=wrong_unit,
        co_units=[cast.co_unit],
        category=CategoryFactory(),
    )
    request = services.request_reassignment(
        suggestion, actor=wrong_officer, reason="不属于本单位职责。", suggested_unit=cast.lead_unit
    )
    services.approve_reassignment(suggestion, actor=cast.staff, request=request)
    assert suggestion.state == "assigned"
    assert suggestion.assignments.get(active=True, role="lead").unit == cast.lead_unit

    services.sign_for(suggestion, actor=cast.lead_officer)
    services.co_sign_for(suggestion, actor=cast.co_officer)
    services.submit_co_opinion(suggestion, actor=cast.co_officer, opinion="同意主办单位意见。")
    services.record_contact(
        suggestion,
        actor=cast.lead_officer,
        method="visit",
        occurred_on=timezone.localdate(),
        content="上门走访，当面沟通办理思路。",
    )
    reply_through_path(
        suggestion,
        officer=cast.lead_officer,
        reviewer=cast.staff,
        result_class="B",
        body="正在推进。",
    )
    assert suggestion.state == "replied"
    services.evaluate_reply(
        suggestion, actor=cast.proposer, result="unsatisfied", comment="进度太慢。"
    )
    assert suggestion.state == "rehandling" and suggestion.handling_round == 2
    reply_through_path(
        suggestion,
        officer=cast.lead_officer,
        reviewer=cast.staff,
        result_class="A",
        body="已经解决。",
    )
    services.evaluate_reply(suggestion, actor=cast.proposer, result="satisfied")
    assert suggestion.state == "closed"
    services.publish_reply(suggestion, actor=cast.staff)
    assert suggestion.disclosure == Disclosure.PUBLIC

    path = [
        "draft_reply",
        "reply_submit_for_check",
        "reply_check",
        "reply_sign_off",
        "reply_countersign",
        "release_reply",
    ]
    assert actions(suggestion) == [
        "create_from_motion",
        "assign",
        "request_reassignment",
        "approve_reassignment",
        "sign_for",
        "co_sign_for",
        "submit_co_opinion",
        "record_contact",
        *path,
        "evaluate",
        *path,
        "evaluate",
        "publish",
    ]
    assert actions(motion) == [
        "create",
        "invite",
        *["confirm_signature"] * 9,
        "submit",
        "begin_review",
        "convert_to_suggestion",
    ]
    for event in [
        *motion.events.select_related("actor"),
        *suggestion.events.select_related("actor"),
    ]:
        assert describe(event) and "%(" not in describe(event)


def test_listed_motion_is_handled_reported_and_closed(cast):
    motion = services.create_draft(
        actor=cast.proposer,
        kind=Kind.MOTION,
        title="关于试验区建设的议案",
        reasons="案据",
        plan="方案",
    )
    services.invite_cosigners(
        motion, actor=cast.proposer, deputies=[u.deputy for u in cast.cosigners]
    )
    for user in cast.cosigners:
        services.confirm_signature(motion, actor=user)
    services.submit(motion, actor=cast.proposer)
    services.begin_review(motion, actor=cast.staff)
    standing = Organization.objects.create(name="市人大常委会", kind="standing_committee")
    services.refer_motion(
        motion, actor=cast.presidium, committee=standing, meeting="大会主席团第二次会议"
    )
    services.list_motion(motion, actor=cast.staff, meeting="市七届人大常委会第五十一次会议")
    services.start_motion_handling(
        motion,
        actor=cast.staff,
        lead_committee=cast.committee,
        units=[cast.lead_unit, cast.co_unit],
        leader="楚主任",
    )
    services.record_committee_activity(
        motion,
        actor=cast.committee_member,
        kind="investigation",
        occurred_on=timezone.localdate(),
        title="专题调研视察",
    )
    services.record_progress(
        motion,
        actor=cast.lead_officer,
        occurred_on=timezone.localdate(),
        content="半年书面总结：已形成实施方案。",
    )
    services.report_motion(motion, actor=cast.committee_member, summary="议案办理情况的报告")
    services.close_motion(motion, actor=cast.staff)
    assert motion.state == "closed"
    assert actions(motion)[-8:] == [
        "begin_review",
        "refer",
        "list_as_motion",
        "start_handling",
        "record_activity",
        "record_progress",
        "report",
        "close",
    ]


def test_suggestion_without_feedback_is_closed_by_staff_after_the_window(cast):
    s = services.create_draft(
        actor=cast.proposer,
        kind=Kind.SUGGESTION,
        title="关于增设公交线路的建议",
        body="建议增设公交线路。",
    )
    services.submit(s, actor=cast.proposer)
    services.accept_suggestion(s, actor=cast.staff, category=CategoryFactory())
    services.assign_suggestion(s, actor=cast.staff, lead_unit=cast.lead_unit)
    services.sign_for(s, actor=cast.lead_officer)
    reply_through_path(s, officer=cast.lead_officer, reviewer=cast.staff, body="已开通。")
    with time_machine.travel(timezone.now() + dt.timedelta(days=45)):
        services.close_without_feedback(s, actor=cast.staff)
    assert s.state == "closed"
    assert s.events.last().reason == "未反馈"
