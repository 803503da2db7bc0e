"""Reporting and review: a unit enters only its own indicators, per period and region, with a
source; staff accept or return; every revision and every step is kept; refusals change
nothing."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from renda.core.errors import InvalidTransition, NotPermitted, RuleViolation
from renda.indicators import services
from renda.indicators.models import Frequency, ValueState
from renda.indicators.services import ValueEntry
from renda.indicators.tests.builders import current, spec, system_with
from renda.indicators.tests.snapshot import snapshot

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(cast, regions):
    system = system_with(
        cast.staff,
        spec(cast.lead_unit, "E01", name="城镇化率"),
        spec(
            cast.lead_unit,
            "E02",
            name="城镇新增就业",
            unit="人",
            per_region=True,
            frequency=Frequency.HALF_YEARLY,
        ),
        spec(cast.co_unit, "S01", name="森林覆盖率", dimension="生态文明"),
    )
    return system, regions


def report(cast, indicator, region, value=Decimal("52.1"), year=2021, month=12, **kw):
    return services.report_value(
        indicator,
        actor=kw.pop("actor", cast.lead_officer),
        region=region,
        year=year,
        month=month,
        value=value,
        source_note=kw.pop("source_note", "2021年统计公报"),
        **kw,
    )


class TestReporting:
    def test_a_unit_reports_its_indicator_and_it_awaits_review(self, cast, world):
        system, (city, *_counties) = world
        v = report(cast, current(system, "E01"), city)
        assert (v.state, v.value, v.revision, v.accepted_value) == (
            "submitted",
            Decimal("52.1"),
            1,
            None,
        )
        assert v.revisions.get().value == Decimal("52.1")
        event = v.events.get()
        assert (event.action, event.from_state, event.to_state, event.actor) == (
            "value.report",
            "unreported",
            "submitted",
            cast.lead_officer,
        )
        assert event.relation == "responsible_unit"

    def test_a_unit_cannot_report_another_units_indicator(self, cast, world):
        system, (city, *_r) = world
        before = snapshot()
        with pytest.raises(NotPermitted, match="森林覆盖率"):
            report(cast, current(system, "S01"), city)
        with pytest.raises(NotPermitted):
            report(cast, current(system, "E01"), city, actor=cast.other_officer)
        with pytest.raises(NotPermitted):
            report(cast, current(system, "E01"), city, actor=cast.proposer)
        assert snapshot() == before

    def test_staff_may_enter_a_value_on_the_units_behalf_and_it_is_marked(self, cast, world):
        system, (city, *_r) = world
        v = report(cast, current(system, "E01"), city, actor=cast.staff)
        assert v.on_behalf and v.revisions.get().on_behalf
        assert v.events.get().relation == "staff"

    @pytest.mark.parametrize(
        ("code", "region_index", "year", "month", "value", "note", "message"),
        [
            ("E01", 1, 2021, 12, "1", "公报", "whole city only"),
            ("E02", 1, 2021, 9, "1", "公报", "month 9"),
            ("E01", 0, 2019, 12, "1", "公报", "between the baseline year"),
            ("E01", 0, 2021, 12, "约52", "公报", "not a number"),
            ("E01", 0, 2021, 12, "52", "  ", "where the figure comes from"),
        ],
    )
    def test_refusals_say_why_and_change_nothing(
        self, cast, world, code, region_index, year, month, value, note, message
    ):
        system, regions = world
        before = snapshot()
        with pytest.raises(RuleViolation, match=message):
            report(
                cast,
                current(system, code),
                regions[region_index],
                value,
                year,
                month,
                source_note=note,
            )
        assert snapshot() == before

    def test_a_per_county_indicator_is_reported_for_the_city_and_each_county(self, cast, world):
        system, (city, yuzhou, changge) = world
        jobs = current(system, "E02")
        for region, value in [(city, 41728), (yuzhou, 9100), (changge, 8000)]:
            report(cast, jobs, region, value, 2021, 6)
        assert jobs.values.count() == 3

    def test_a_batch_with_one_bad_entry_writes_nothing_and_names_it(self, cast, world):
        system, (city, _yuzhou, _c) = world
        good = ValueEntry(current(system, "E01"), city, 2021, 12, "52.1", "公报")
        bad = ValueEntry(current(system, "S01"), city, 2021, 12, "30", "公报")
        twice = ValueEntry(current(system, "E01"), city, 2021, 12, "52.2", "公报")
        before = snapshot()
        with pytest.raises(services.EntriesRejected) as refused:
            services.report_values([good, bad, twice], actor=cast.lead_officer)
        assert [i for i, _m in refused.value.errors] == [1, 2]
        assert "森林覆盖率" in refused.value.errors[0][1]
        assert "more than once" in refused.value.errors[1][1]
        assert snapshot() == before


class TestAttachments:
    def test_a_pdf_is_kept_with_the_revision(self, cast, world, settings, tmp_path):
        settings.MEDIA_ROOT = tmp_path
        system, (city, *_r) = world
        pdf = SimpleUploadedFile("统计公报.pdf", b"%PDF-1.7 ...", content_type="application/pdf")
        v = report(cast, current(system, "E01"), city, attachment=pdf)
        assert v.attachment.name.endswith(".pdf")
        assert v.revisions.get().attachment.name == v.attachment.name

    @pytest.mark.parametrize(
        ("name", "content", "message"),
        [
            ("run.exe", b"MZ...", "must be one of"),
            ("公报.pdf", b"MZ not a pdf", "does not match"),
            ("大.pdf", b"%PDF" + b"0" * 2048, "larger than"),
        ],
    )
    @override_settings(INDICATOR_ATTACHMENT_MAX_BYTES=1024 * 1024 // 1024)
    def test_type_content_and_size_are_limited(self, cast, world, name, content, message):
        system, (city, *_r) = world
        before = snapshot()
        with pytest.raises(RuleViolation, match=message):
            report(cast, current(system, "E01"), city, attachment=SimpleUploadedFile(name, content))
        assert snapshot() == before


class TestReview:
    def test_staff_accept_and_progress_counts_the_accepted_figure(self, cast, world):
        system, (city, *_r) = world
        v = report(cast, current(system, "E01"), city)
        services.accept_value(v, actor=cast.staff)
        v.refresh_from_db()
        assert (v.state, v.accepted_value, v.accepted_revision, v.reviewed_by) == (
            "accepted",
            Decimal("52.1"),
            1,
            cast.staff,
        )
        assert list(v.events.values_list("action", "from_state", "to_state")) == [
            ("value.report", "unreported", "submitted"),
            ("value.accept", "submitted", "accepted"),
        ]

    def test_returning_needs_a_reason_and_the_unit_revises(self, cast, world):
        system, (city, *_r) = world
        v = report(cast, current(system, "E01"), city)
        before = snapshot()
        with pytest.raises(RuleViolation, match="reason"):
            services.return_value(v, actor=cast.staff, reason=" ")
        assert snapshot() == before
        services.return_value(v, actor=cast.staff, reason="与统计公报不一致")
        assert (v.state, v.return_reason) == ("returned", "与统计公报不一致")
        v = report(cast, current(system, "E01"), city, Decimal("52.3"), source_note="公报第3页")
        assert (v.state, v.revision, v.value) == ("submitted", 2, Decimal("52.3"))
        assert list(v.revisions.values_list("number", "value")) == [
            (1, Decimal("52.1")),
            (2, Decimal("52.3")),
        ]
        last = v.events.last()
        assert (last.action, last.from_state, last.to_state) == (
            "value.revise",
            "returned",
            "submitted",
        )

    def test_correcting_an_accepted_value_keeps_the_accepted_figure_until_reviewed(
        self, cast, world
    ):
        system, (city, *_r) = world
        v = report(cast, current(system, "E01"), city)
        services.accept_value(v, actor=cast.staff)
        v = report(cast, current(system, "E01"), city, Decimal("52.6"), source_note="修订数")
        assert (v.state, v.value, v.accepted_value) == (
            "submitted",
            Decimal("52.6"),
            Decimal("52.1"),
        )
        services.accept_value(v, actor=cast.staff)
        v.refresh_from_db()
        assert (v.accepted_value, v.accepted_revision) == (Decimal("52.6"), 2)

    def test_only_staff_review_and_only_what_awaits_review(self, cast, world):
        system, (city, *_r) = world
        v = report(cast, current(system, "E01"), city)
        before = snapshot()
        for actor in (cast.lead_officer, cast.committee_member, cast.proposer):
            with pytest.raises(NotPermitted):
                services.accept_value(v, actor=actor)
        assert snapshot() == before
        services.accept_value(v, actor=cast.staff)
        with pytest.raises(InvalidTransition):
            services.return_value(v, actor=cast.staff, reason="迟了")

    def test_resubmitting_the_same_figure_is_refused(self, cast, world):
        system, (city, *_r) = world
        report(cast, current(system, "E01"), city)
        with pytest.raises(RuleViolation, match="already awaiting review"):
            report(cast, current(system, "E01"), city)

    def test_a_batch_acceptance_is_all_or_nothing(self, cast, world):
        system, (city, *_r) = world
        a = report(cast, current(system, "E01"), city)
        b = report(cast, current(system, "E01"), city, year=2022)
        services.accept_value(b, actor=cast.staff)
        with pytest.raises(InvalidTransition):
            services.accept_values([a, b], actor=cast.staff)
        a.refresh_from_db()
        assert a.state == ValueState.SUBMITTED
