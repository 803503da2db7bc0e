"""The rules of a suggestion's handling: review, assignment and due dates, reassignment window,
co-unit opinions, replies, evaluation and re-handling, closure, disclosure."""

import datetime as dt

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from renda.congress.models import CongressSettings
from renda.core.errors import InvalidTransition, NotPermitted, RuleViolation
from renda.proposals import services
from renda.proposals.models import Kind, ReassignmentRequest
from renda.proposals.tests.snapshot import snapshot
from renda.testing.factories import CategoryFactory, UnitFactory, unit_officer
from renda.testing.workflow import reply_through_path

pytestmark = pytest.mark.django_db
SHANGHAI = timezone.get_default_timezone()


def moment(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=SHANGHAI)


def submitted(cast):
    s = services.create_draft(
        actor=cast.proposer,
        kind=Kind.SUGGESTION,
        title="关于增设公交站点的建议",
        body="建议增设公交站点。",
    )
    return services.submit(s, actor=cast.proposer)


def assigned(cast, co_units=()):
    s = submitted(cast)
    services.accept_suggestion(s, actor=cast.staff, category=CategoryFactory())
    return services.assign_suggestion(
        s, actor=cast.staff, lead_unit=cast.lead_unit, co_units=co_units
    )


def replied(cast, klass="B"):
    s = assigned(cast)
    services.sign_for(s, actor=cast.lead_officer)
    reply_through_path(s, officer=cast.lead_officer, reviewer=cast.staff, result_class=klass)
    return s


class TestReview:
    def test_accepting_numbers_without_gaps(self, cast):
        items = [submitted(cast) for _ in range(3)]
        for s in items:
            services.accept_suggestion(s, actor=cast.staff)
        assert [s.number for s in items] == [1, 2, 3]
        assert items[0].reference.endswith("第0001号建议")

    def test_a_rolled_back_acceptance_gives_its_number_back(self, cast):
        from django.db import transaction

        first, second = submitted(cast), submitted(cast)
        with pytest.raises(RuntimeError), transaction.atomic():
            services.accept_suggestion(first, actor=cast.staff)
            raise RuntimeError("the request failed after numbering")
        services.accept_suggestion(second, actor=cast.staff)
        assert second.number == 1

    @pytest.mark.parametrize("service", ["return_for_revision", "transfer_suggestion"])
    def test_returning_or_transferring_needs_a_reason(self, cast, service):
        s = submitted(cast)
        before = snapshot(s)
        with pytest.raises(RuleViolation):
            getattr(services, service)(s, actor=cast.staff, reason="  ")
        assert snapshot(s) == before

    def test_a_returned_suggestion_is_revised_and_submitted_again_keeping_its_period(self, cast):
        s = submitted(cast)
        services.return_for_revision(s, actor=cast.staff, reason="请按一事一议修改")
        assert s.state == "draft"
        services.update_draft(s, actor=cast.proposer, body="修改后的内容")
        with time_machine.travel(timezone.now() + dt.timedelta(days=30)):  # session over
            services.submit(s, actor=cast.proposer)
        s.refresh_from_db()
        assert s.state == "submitted" and s.period == "session"

    def test_between_sessions_a_suggestion_is_numbered_in_the_interim_series(self, cast):
        with time_machine.travel(timezone.now() + dt.timedelta(days=30)):
            s = submitted(cast)
            services.accept_suggestion(s, actor=cast.staff)
        assert s.period == "interim" and "闭会期间第0001号" in s.reference


class TestAssignment:
    def test_default_due_date_is_three_months_on_a_working_day(self, cast):
        with time_machine.travel(moment(2026, 7, 1, 10)):
            s = assigned(cast)
        assert s.due_date == dt.date(2026, 10, 8)  # 10-01 falls in the National Day holiday

    def test_a_hard_item_may_get_up_to_six_months(self, cast):
        with time_machine.travel(moment(2026, 3, 2, 10)):
            s = submitted(cast)
            services.accept_suggestion(s, actor=cast.staff, category=CategoryFactory())
            services.assign_suggestion(
                s, actor=cast.staff, lead_unit=cast.lead_unit, due_date=dt.date(2026, 9, 2)
            )
        assert s.due_date == dt.date(2026, 9, 2)

    def test_more_than_six_months_is_refused(self, cast):
        with time_machine.travel(moment(2026, 3, 2, 10)):
            s = submitted(cast)
            services.accept_suggestion(s, actor=cast.staff, category=CategoryFactory())
            before = snapshot(s)
            with pytest.raises(RuleViolation):
                services.assign_suggestion(
                    s, actor=cast.staff, lead_unit=cast.lead_unit, due_date=dt.date(2026, 9, 3)
                )
        assert snapshot(s) == before

    def test_lead_unit_cannot_be_a_co_unit_and_units_must_be_active(self, cast):
        s = submitted(cast)
        services.accept_suggestion(s, actor=cast.staff, category=CategoryFactory())
        with pytest.raises(RuleViolation):
            services.assign_suggestion(
                s, actor=cast.staff, lead_unit=cast.lead_unit, co_units=[cast.lead_unit]
            )
        closed_unit = UnitFactory(active=False)
        with pytest.raises(RuleViolation):
            services.assign_suggestion(s, actor=cast.staff, lead_unit=closed_unit)
        with pytest.raises(RuleViolation):
            services.assign_suggestion(s, actor=cast.staff, lead_unit=cast.committee)
        assert s.assignments.count() == 0

    def test_an_unclassified_suggestion_cannot_be_assigned(self, cast):
        s = submitted(cast)
        services.accept_suggestion(s, actor=cast.staff)
        with pytest.raises(RuleViolation):
            services.assign_suggestion(s, actor=cast.staff, lead_unit=cast.lead_unit)

    def test_co_units_get_an_opinion_due_date_one_month_on(self, cast):
        with time_machine.travel(moment(2026, 3, 2, 10)):
            s = assigned(cast, co_units=[cast.co_unit])
        co = s.assignments.get(role="co")
        assert co.opinion_due == dt.date(2026, 4, 2)


class TestReassignment:
    def test_window_is_ten_calendar_days(self, cast):
        with time_machine.travel(moment(2026, 3, 2, 10)):
            s = assigned(cast)
        with time_machine.travel(moment(2026, 3, 13, 10)):  # day 11
            with pytest.raises(RuleViolation) as refused:
                services.request_reassignment(s, actor=cast.lead_officer, reason="非本单位职责")
        assert "2026-03-12" in str(refused.value)
        with time_machine.travel(moment(2026, 3, 12, 17)):  # day 10
            services.request_reassignment(s, actor=cast.lead_officer, reason="非本单位职责")

    def test_window_in_working_days_skips_the_national_day_holiday(self, cast):
        config = CongressSettings.current()
        config.reassignment_window, config.reassignment_window_unit = 7, "working"
        config.save()
        with time_machine.travel(moment(2026, 9, 29, 10)):
            s = assigned(cast)
        # 9-30 (1), 10-8 (2), 10-9 (3), 10-10 Sat worked (4), 10-12 (5), 10-13 (6), 10-14 (7)
        with time_machine.travel(moment(2026, 10, 14, 17)):
            services.request_reassignment(s, actor=cast.lead_officer, reason="非本单位职责")

    def test_one_pending_request_at_a_time(self, cast):
        s = assigned(cast)
        services.request_reassignment(s, actor=cast.lead_officer, reason="非本单位职责")
        with pytest.raises(RuleViolation):
            services.request_reassignment(s, actor=cast.lead_officer, reason="再次申请")

    def test_approval_replaces_the_lead_unit_and_restarts_the_clock(self, cast):
        new_unit = UnitFactory()
        with time_machine.travel(moment(2026, 3, 2, 10)):
            s = assigned(cast)
            req = services.request_reassignment(
                s, actor=cast.lead_officer, reason="非本单位职责", suggested_unit=new_unit
            )
        with time_machine.travel(moment(2026, 3, 9, 10)):
            services.approve_reassignment(s, actor=cast.staff, request=req)
        assert s.due_date == dt.date(2026, 6, 9)
        assert s.assignments.get(active=True, role="lead").unit == new_unit
        assert not s.assignments.get(unit=cast.lead_unit).active
        req.refresh_from_db()
        assert req.status == ReassignmentRequest.Status.APPROVED
        # the old unit has lost the item
        with pytest.raises(NotPermitted):
            services.sign_for(s, actor=cast.lead_officer)

    def test_approving_a_lead_request_needs_the_new_unit(self, cast):
        s = assigned(cast)
        req = services.request_reassignment(s, actor=cast.lead_officer, reason="非本单位职责")
        before = snapshot(s)
        with pytest.raises(RuleViolation):
            services.approve_reassignment(s, actor=cast.staff, request=req)
        assert snapshot(s) == before

    def test_a_co_unit_released_leaves_the_state_alone(self, cast):
        s = assigned(cast, co_units=[cast.co_unit])
        services.sign_for(s, actor=cast.lead_officer)
        req = services.request_reassignment(s, actor=cast.co_officer, reason="非本单位职责")
        services.approve_reassignment(s, actor=cast.staff, request=req)
        assert s.state == "in_handling"
        assert not s.assignments.filter(unit=cast.co_unit, active=True).exists()

    def test_denial_keeps_the_unit_and_needs_a_reason(self, cast):
        s = assigned(cast)
        req = services.request_reassignment(s, actor=cast.lead_officer, reason="非本单位职责")
        with pytest.raises(RuleViolation):
            services.deny_reassignment(s, actor=cast.staff, request=req, note="")
        services.deny_reassignment(s, actor=cast.staff, request=req, note="属于你单位职责")
        assert s.assignments.get(active=True, role="lead").unit == cast.lead_unit
        with pytest.raises(RuleViolation):  # decided already
            services.deny_reassignment(s, actor=cast.staff, request=req, note="再次")


class TestCoUnit:
    def test_opinion_needs_signing_first_and_is_sent_once(self, cast):
        s = assigned(cast, co_units=[cast.co_unit])
        with pytest.raises(RuleViolation):
            services.submit_co_opinion(s, actor=cast.co_officer, opinion="同意")
        services.co_sign_for(s, actor=cast.co_officer)
        with pytest.raises(RuleViolation):
            services.co_sign_for(s, actor=cast.co_officer)
        services.submit_co_opinion(s, actor=cast.co_officer, opinion="同意")
        with pytest.raises(RuleViolation):
            services.submit_co_opinion(s, actor=cast.co_officer, opinion="补充")

    def test_a_late_opinion_is_accepted_and_marked_late(self, cast):
        with time_machine.travel(moment(2026, 3, 2, 10)):
            s = assigned(cast, co_units=[cast.co_unit])
            services.co_sign_for(s, actor=cast.co_officer)
        with time_machine.travel(moment(2026, 4, 10, 10)):
            services.submit_co_opinion(s, actor=cast.co_officer, opinion="同意")
        assert s.events.last().data["late"] is True

    def test_a_co_unit_does_not_reply(self, cast):
        s = assigned(cast, co_units=[cast.co_unit])
        services.sign_for(s, actor=cast.lead_officer)
        with pytest.raises(NotPermitted):
            services.start_reply(s, actor=cast.co_officer, result_class="A", body="答复")


class TestReply:
    def test_class_d_only_where_the_congress_uses_it(self, cast):
        s = assigned(cast)
        services.sign_for(s, actor=cast.lead_officer)
        with pytest.raises(RuleViolation):
            services.start_reply(s, actor=cast.lead_officer, result_class="D", body="答复")
        CongressSettings.objects.filter(pk=CongressSettings.current().pk).update(use_class_d=True)
        reply_through_path(s, officer=cast.lead_officer, reviewer=cast.staff, result_class="D")
        assert s.replies.get().result_class == "D"

    @pytest.mark.parametrize(
        ("name", "size"), [("reply.exe", 10), ("reply.docx", 21 * 1024 * 1024)]
    )
    def test_reply_documents_are_docx_or_pdf_and_at_most_20_mb(self, cast, name, size):
        s = assigned(cast)
        services.sign_for(s, actor=cast.lead_officer)
        before = snapshot(s)
        with pytest.raises(RuleViolation):
            services.start_reply(
                s,
                actor=cast.lead_officer,
                result_class="A",
                body="答复",
                document=SimpleUploadedFile(name, b"x" * size),
            )
        assert snapshot(s) == before

    def test_a_reply_document_is_stored(self, cast, settings, tmp_path):
        settings.MEDIA_ROOT = tmp_path
        s = assigned(cast)
        services.sign_for(s, actor=cast.lead_officer)
        reply = reply_through_path(
            s,
            officer=cast.lead_officer,
            reviewer=cast.staff,
            document=SimpleUploadedFile("答复函.pdf", b"%PDF-1.4 test"),
        )
        assert reply.document.read() == b"%PDF-1.4 test"

    def test_a_unit_not_assigned_cannot_reply(self, cast):
        s = assigned(cast)
        services.sign_for(s, actor=cast.lead_officer)
        stranger = unit_officer()
        before = snapshot(s)
        with pytest.raises(NotPermitted):
            services.start_reply(s, actor=stranger, result_class="A", body="答复")
        assert snapshot(s) == before

    def test_the_reply_records_whether_it_was_on_time(self, cast):
        with time_machine.travel(moment(2026, 3, 2, 10)):
            s = assigned(cast)
            services.sign_for(s, actor=cast.lead_officer)
        with time_machine.travel(moment(2026, 6, 10, 10)):
            reply_through_path(s, officer=cast.lead_officer, reviewer=cast.staff)
        assert s.events.last().data["on_time"] is False


class TestEvaluation:
    def test_satisfied_closes(self, cast):
        s = replied(cast)
        services.evaluate_reply(s, actor=cast.proposer, result="basically")
        assert s.state == "closed" and s.closed_at is not None

    def test_unsatisfied_needs_a_reason_and_opens_rehandling_due_in_a_month(self, cast):
        s = replied(cast)
        with pytest.raises(RuleViolation):
            services.evaluate_reply(s, actor=cast.proposer, result="unsatisfied")
        with time_machine.travel(moment(2026, 6, 1, 10)):
            services.evaluate_reply(s, actor=cast.proposer, result="unsatisfied", comment="未解决")
        assert s.state == "rehandling" and s.handling_round == 2
        assert s.due_date == dt.date(2026, 7, 1)

    def test_after_rehandling_any_result_closes(self, cast):
        s = replied(cast)
        services.evaluate_reply(s, actor=cast.proposer, result="unsatisfied", comment="未解决")
        reply_through_path(s, officer=cast.lead_officer, reviewer=cast.staff, result_class="C")
        services.evaluate_reply(s, actor=cast.proposer, result="unsatisfied", comment="仍不满意")
        assert s.state == "closed"
        assert list(s.replies.values_list("round", "evaluations__result")) == [
            (1, "unsatisfied"),
            (2, "unsatisfied"),
        ]

    def test_a_reply_is_evaluated_once(self, cast):
        s = replied(cast)
        services.evaluate_reply(s, actor=cast.proposer, result="satisfied")
        before = snapshot(s)
        with pytest.raises(InvalidTransition):
            services.evaluate_reply(s, actor=cast.proposer, result="unsatisfied", comment="改主意")
        assert snapshot(s) == before

    def test_staff_enter_a_paper_evaluation_on_the_deputys_behalf(self, cast):
        s = replied(cast)
        evaluation = services.evaluate_reply(s, actor=cast.staff, result="satisfied")
        assert evaluation.on_behalf and evaluation.deputy == cast.proposer.deputy
        assert evaluation.entered_by == cast.staff

    def test_an_unknown_result_is_refused(self, cast):
        s = replied(cast)
        with pytest.raises(RuleViolation):
            services.evaluate_reply(s, actor=cast.proposer, result="great")


class TestClosureAndDisclosure:
    def test_staff_close_without_feedback_only_after_the_window(self, cast):
        with time_machine.travel(moment(2026, 3, 2, 10)):
            s = replied(cast)
        with time_machine.travel(moment(2026, 4, 2, 10)):
            with pytest.raises(RuleViolation) as refused:
                services.close_without_feedback(s, actor=cast.staff)
            assert "2026-04-02" in str(refused.value)
        with time_machine.travel(moment(2026, 4, 3, 10)):
            services.close_without_feedback(s, actor=cast.staff)
        assert s.state == "closed"

    def test_withheld_replies_cannot_be_published(self, cast):
        s = replied(cast)
        services.withhold_reply(s, actor=cast.staff, reason="涉及个人隐私")
        with pytest.raises(RuleViolation) as refused:
            services.publish_reply(s, actor=cast.staff)
        assert "涉及个人隐私" in str(refused.value)
        assert s.disclosure == "withheld"

    def test_publishing_twice_is_refused(self, cast):
        s = replied(cast)
        services.publish_reply(s, actor=cast.staff)
        with pytest.raises(RuleViolation):
            services.publish_reply(s, actor=cast.staff)


class TestOverdue:
    def test_overdue_is_derived_from_the_due_date_and_state(self, cast):
        with time_machine.travel(moment(2026, 3, 2, 10)):
            s = assigned(cast)
        assert not s.is_overdue(dt.date(2026, 6, 2))
        assert s.is_overdue(dt.date(2026, 6, 3))
        services.sign_for(s, actor=cast.lead_officer)
        reply_through_path(s, officer=cast.lead_officer, reviewer=cast.staff)
        assert not s.is_overdue(dt.date(2026, 6, 3))
