"""The reply as units actually produce it (issue 7): a lead unit with two co-units, drafted,
returned, re-drafted, signed off, countersigned (one co-unit comments), corrected by the
supervising review, released, evaluated, followed up as class B, and replied again."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from renda.core.errors import InvalidTransition, NotPermitted, RuleViolation
from renda.proposals import services
from renda.proposals.models import FollowUp, Kind
from renda.proposals.tests.snapshot import snapshot
from renda.testing.factories import CategoryFactory, UnitFactory, unit_officer

pytestmark = pytest.mark.django_db
SHANGHAI = timezone.get_default_timezone()


@pytest.fixture
def unit(cast):
    """The lead unit's three officers, one duty each, and a second co-unit."""
    second_co = UnitFactory(name="市财政局")
    return {
        "drafter": unit_officer(cast.lead_unit, reply_duties=["draft"], full_name="科室拟稿人"),
        "checker": unit_officer(cast.lead_unit, reply_duties=["check"], full_name="办公室核稿人"),
        "signer": unit_officer(cast.lead_unit, reply_duties=["sign"], full_name="分管副局长"),
        "second_co": second_co,
        "second_co_officer": unit_officer(second_co),
    }


@pytest.fixture
def item(cast, unit):
    s = services.create_draft(
        actor=cast.proposer,
        kind=Kind.SUGGESTION,
        title="关于增设公交线路的建议",
        body="建议增设公交线路。",
    )
    services.submit(s, actor=cast.proposer)
    services.accept_suggestion(s, actor=cast.staff, category=CategoryFactory())
    services.assign_suggestion(
        s, actor=cast.staff, lead_unit=cast.lead_unit, co_units=[cast.co_unit, unit["second_co"]]
    )
    services.sign_for(s, actor=cast.lead_officer)
    return s


def refused(exc_type, fn, item, **kwargs):
    """`fn` (on the item, or on `draft=` when given) is refused and changes nothing."""
    before = snapshot(item)
    with pytest.raises(exc_type):
        fn(**kwargs) if "draft" in kwargs else fn(item, **kwargs)
    assert snapshot(item) == before


def test_the_whole_path(cast, unit, item):
    drafter, checker, signer = unit["drafter"], unit["checker"], unit["signer"]
    promised = timezone.localdate() + dt.timedelta(days=120)
    draft = services.start_reply(item, actor=drafter, result_class="A", body="已完成线路调整。")

    # out of order, or by the wrong person: refused, nothing changes
    refused(NotPermitted, services.check_reply, item, draft=draft, actor=drafter)
    refused(InvalidTransition, services.sign_off_reply, item, draft=draft, actor=signer)
    refused(NotPermitted, services.release_reply, item, draft=draft, actor=drafter)

    services.submit_reply_for_check(draft, actor=drafter)
    services.return_reply(draft, actor=checker, reason="请补充与代表沟通的情况。")
    assert draft.state == "drafting"
    services.edit_reply(
        draft,
        actor=drafter,
        body="已与代表当面沟通，线路调整方案已经确定。",
        result_class="B",
        promised_date=promised,
    )
    services.submit_reply_for_check(draft, actor=drafter)
    services.check_reply(draft, actor=checker)
    services.sign_off_reply(draft, actor=signer, signed_by_name="王副局长")
    assert draft.state == "countersigning"

    refused(
        NotPermitted,
        services.countersign_reply,
        item,
        draft=draft,
        actor=cast.other_officer,
        agreed=True,
    )
    services.countersign_reply(draft, actor=cast.co_officer, agreed=True)
    refused(
        RuleViolation,
        services.countersign_reply,
        item,
        draft=draft,
        actor=cast.co_officer,
        agreed=True,
    )
    assert draft.state == "countersigning"  # the second co-unit has not answered yet
    services.countersign_reply(
        draft, actor=unit["second_co_officer"], agreed=False, comment="建议补充财政资金安排。"
    )
    assert draft.state == "reviewing"

    services.correct_reply_class(
        draft, actor=cast.staff, result_class="C", reason="资金尚未落实，不属于正在解决。"
    )
    services.correct_reply_class(
        draft, actor=cast.staff, result_class="B", reason="复核后确认已列入计划。"
    )
    assert draft.class_before_review == "B" and draft.result_class == "B"
    reply = services.release_reply(draft, actor=cast.staff)
    item.refresh_from_db()
    assert item.state == "replied" and reply.result_class == "B"
    assert reply.signed_by_name == "王副局长"
    assert list(draft.countersignatures.values_list("agreed", flat=True)) == [True, False]

    # the deputy evaluates; the B item stays followed up until solved
    services.evaluate_reply(item, actor=cast.proposer, result="basically", comment="望尽快落实")
    follow_up = FollowUp.objects.get(proposal=item)
    assert follow_up.state == "open" and follow_up.promised_date == promised
    services.record_follow_up(item, actor=drafter, content="新线路已完成站点建设。")
    services.follow_up_reply(item, actor=drafter, body="新线路已于本月开通运营。")
    follow_up.refresh_from_db()
    assert follow_up.state == "solved"
    refused(RuleViolation, services.follow_up_reply, item, actor=drafter, body="再次答复")

    actions = [e.action.split(".")[1] for e in item.events.order_by("at", "pk")]
    assert actions[actions.index("draft_reply") :] == [
        "draft_reply",
        "reply_submit_for_check",
        "reply_return_from_check",
        "reply_submit_for_check",
        "reply_check",
        "reply_sign_off",
        "reply_countersign",
        "reply_countersign",
        "reply_correct_class",
        "reply_correct_class",
        "release_reply",
        "evaluate",
        "record_follow_up",
        "follow_up_reply",
    ]


def test_a_class_b_reply_needs_its_promised_date(cast, item):
    draft = services.start_reply(item, actor=cast.lead_officer, result_class="B", body="正在推进")
    refused(
        RuleViolation, services.submit_reply_for_check, item, draft=draft, actor=cast.lead_officer
    )


def test_only_one_draft_a_round(cast, item):
    services.start_reply(item, actor=cast.lead_officer, result_class="A", body="答复")
    refused(
        RuleViolation,
        services.start_reply,
        item,
        actor=cast.lead_officer,
        result_class="A",
        body="再来一份",
    )


def test_duties_are_kept_apart(cast, unit, item):
    draft = services.start_reply(item, actor=unit["drafter"], result_class="A", body="答复")
    refused(
        NotPermitted,
        services.start_reply,
        item,
        actor=unit["checker"],
        result_class="A",
        body="答复",
    )
    services.submit_reply_for_check(draft, actor=unit["drafter"])
    refused(NotPermitted, services.check_reply, item, draft=draft, actor=unit["signer"])
    refused(NotPermitted, services.check_reply, item, draft=draft, actor=cast.co_officer)


def test_the_government_supervising_office_reviews_government_units(cast, item):
    draft = services.start_reply(item, actor=cast.lead_officer, result_class="A", body="答复")
    services.submit_reply_for_check(draft, actor=cast.lead_officer)
    services.check_reply(draft, actor=cast.lead_officer)
    services.sign_off_reply(draft, actor=cast.lead_officer)
    for co in (cast.co_officer,):
        services.countersign_reply(draft, actor=co, agreed=True)
    from renda.accounts.models import User

    for other in User.objects.filter(organization__name="市财政局"):
        services.countersign_reply(draft, actor=other, agreed=True)
    services.release_reply(draft, actor=cast.coordinator)
    item.refresh_from_db()
    assert item.state == "replied"


def test_a_follow_up_can_end_in_an_explanation_and_is_flagged_when_late(cast, item):
    from renda.proposals.selectors import overdue_follow_ups
    from renda.testing.workflow import reply_through_path

    promised = timezone.localdate() + dt.timedelta(days=30)
    item.assignments.filter(role="co").update(active=False)
    reply_through_path(
        item,
        officer=cast.lead_officer,
        reviewer=cast.staff,
        result_class="B",
        promised_date=promised,
    )
    assert not overdue_follow_ups(timezone.localdate()).exists()
    assert overdue_follow_ups(promised + dt.timedelta(days=1)).count() == 1
    services.explain_follow_up(item, actor=cast.lead_officer, explanation="上级资金未能到位。")
    assert not overdue_follow_ups(promised + dt.timedelta(days=1)).exists()


class TestExtensions:
    def test_granted_up_to_six_months_after_assignment(self, cast, item):
        assigned = timezone.localdate(item.assigned_at)
        wanted = item.due_date + dt.timedelta(days=30)
        services.request_extension(
            item, actor=cast.lead_officer, requested_due=wanted, reason="涉及多个部门，需要协调。"
        )
        refused(
            RuleViolation,
            services.request_extension,
            item,
            actor=cast.lead_officer,
            requested_due=wanted,
            reason="再次申请",
        )
        services.grant_extension(item, actor=cast.staff)
        assert item.due_date == wanted
        too_late = assigned + dt.timedelta(days=200)
        refused(
            RuleViolation,
            services.request_extension,
            item,
            actor=cast.lead_officer,
            requested_due=too_late,
            reason="还需要时间",
        )

    def test_denied_with_a_reason(self, cast, item):
        due = item.due_date
        services.request_extension(
            item,
            actor=cast.lead_officer,
            requested_due=due + dt.timedelta(days=10),
            reason="需要时间",
        )
        refused(RuleViolation, services.deny_extension, item, actor=cast.staff, note="")
        services.deny_extension(item, actor=cast.staff, note="期限内可以完成。")
        item.refresh_from_db()
        assert item.due_date == due

    def test_only_the_lead_unit_asks(self, cast, item):
        refused(
            NotPermitted,
            services.request_extension,
            item,
            actor=cast.co_officer,
            requested_due=item.due_date + dt.timedelta(days=10),
            reason="需要时间",
        )


def test_release_records_whether_the_reply_was_late(cast, item):
    from renda.testing.workflow import reply_through_path

    with time_machine.travel(
        dt.datetime.combine(item.due_date + dt.timedelta(days=3), dt.time(10), tzinfo=SHANGHAI)
    ):
        reply_through_path(item, officer=cast.lead_officer, reviewer=cast.staff)
    assert item.events.last().data["on_time"] is False


def test_each_step_tells_the_people_who_act_next(cast, unit, item):
    from renda.notifications.models import Notification

    def told(kind):
        return set(
            Notification.objects.filter(kind=kind, item=item).values_list(
                "recipient__username", flat=True
            )
        )

    assert told("assigned") == {
        cast.lead_officer.username,
        unit["drafter"].username,
        unit["checker"].username,
        unit["signer"].username,
    }
    assert cast.co_officer.username in told("co_assigned")
    draft = services.start_reply(item, actor=unit["drafter"], result_class="A", body="答复")
    services.submit_reply_for_check(draft, actor=unit["drafter"])
    assert told("reply_awaiting") == {cast.lead_officer.username, unit["checker"].username}
    services.check_reply(draft, actor=unit["checker"])
    assert unit["signer"].username in told("reply_awaiting")
    services.sign_off_reply(draft, actor=unit["signer"])
    assert told("countersign_requested") == {
        cast.co_officer.username,
        unit["second_co_officer"].username,
    }
    services.countersign_reply(draft, actor=cast.co_officer, agreed=True)
    assert told("review_requested") == set()  # the second co-unit has not answered
    services.countersign_reply(draft, actor=unit["second_co_officer"], agreed=True)
    assert cast.staff.username in told("review_requested")
    services.release_reply(draft, actor=cast.staff)
    signers = {cast.proposer.username, *(u.username for u in cast.cosigners)}
    assert told("reply_released") >= {cast.proposer.username}
    assert told("reply_released") <= signers
    assert told("evaluation_requested") == {cast.proposer.username}
    services.evaluate_reply(item, actor=cast.proposer, result="unsatisfied", comment="没解决")
    assert unit["drafter"].username in told("rehandling")


def test_a_refused_step_tells_no_one(cast, unit, item):
    from renda.notifications.models import Notification

    before = Notification.objects.count()
    draft = services.start_reply(item, actor=unit["drafter"], result_class="B", body="答复")
    with pytest.raises(RuleViolation):  # class B without its promised date
        services.submit_reply_for_check(draft, actor=unit["drafter"])
    assert Notification.objects.count() == before
