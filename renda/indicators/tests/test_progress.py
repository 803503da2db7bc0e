"""Progress from the database: accepted values only, county baselines and targets, missing
periods, the selectors the pages read, alerts, and links to motions."""

import datetime as dt
from decimal import Decimal

import pytest

from renda.core.errors import NotPermitted, RuleViolation
from renda.indicators import alerts, selectors, services
from renda.indicators.models import Direction, Frequency, IndicatorAlert
from renda.indicators.progress import Status
from renda.indicators.table import missing_reports, progress_table
from renda.indicators.tests.builders import current, spec, system_with
from renda.proposals import services as proposal_services
from renda.proposals.models import Kind

pytestmark = pytest.mark.django_db


@pytest.fixture
def system(cast, regions):
    _city, yuzhou, _changge = regions
    return system_with(
        cast.staff,
        # 50 → 60 by 2025; Yuzhou's own target 70.
        spec(
            cast.lead_unit,
            "E01",
            name="城镇化率",
            per_region=True,
            targets={(None, 2025): Decimal("60"), (yuzhou, 2025): Decimal("70")},
        ),
        spec(
            cast.lead_unit,
            "E02",
            name="单位GDP能耗",
            direction=Direction.LOWER,
            baseline_value=Decimal("10"),
            targets={(None, 2025): Decimal("6")},
            dimension="生态文明",
        ),
        spec(
            cast.co_unit,
            "E03",
            name="城镇新增就业",
            unit="人",
            frequency=Frequency.HALF_YEARLY,
            dimension="收入分配",
        ),
    )


def accept(cast, indicator, region, year, value, month=12, actor=None):
    v = services.report_value(
        indicator,
        actor=actor or cast.lead_officer,
        region=region,
        year=year,
        month=month,
        value=value,
        source_note="统计公报",
    )
    return services.accept_value(v, actor=cast.staff)


def test_only_accepted_values_count(cast, system, regions):
    e01 = current(system, "E01")
    services.report_value(
        e01,
        actor=cast.lead_officer,
        region=regions[0],
        year=2023,
        month=12,
        value="56",
        source_note="快报",
    )
    table = progress_table(system)
    assert len(table.value) == 0
    assert selectors.indicator_progress(table)[0].status == Status.NO_DATA


def test_a_county_is_measured_from_its_own_baseline_to_its_own_target(cast, system, regions):
    city, yuzhou, changge = regions
    e01 = current(system, "E01")
    accept(cast, e01, yuzhou, 2020, "40")  # Yuzhou's baseline: 40 → 70, path at 2023: 58
    accept(cast, e01, yuzhou, 2023, "57")  # 1/30 behind: on track
    accept(cast, e01, changge, 2023, "55.5")  # city's baseline and target: 0.05 behind
    accept(cast, e01, city, 2023, "54")  # 0.20 behind
    table = progress_table(system)
    rows = {p.region.name: p for p in selectors.county_comparison(e01)}
    assert rows["禹州市"].latest.status == Status.ON_TRACK
    assert rows["禹州市"].latest.expected == pytest.approx(58)
    assert rows["长葛市"].latest.status == Status.ON_TRACK
    assert rows["全市"].latest.status == Status.LAGGING
    assert rows["全市"].latest.completion == pytest.approx(0.4)
    assert rows["全市"].latest.time_share == pytest.approx(0.6)
    assert len(table.value) == 4


def test_lower_is_better_from_the_database(cast, system, regions):
    e02 = current(system, "E02")
    accept(cast, e02, regions[0], 2023, "8.41")
    (item,) = [
        p for p in selectors.indicator_progress(progress_table(system)) if p.indicator == e02
    ]
    assert item.status == Status.SERIOUSLY_LAGGING


def test_the_latest_period_is_the_one_that_counts(cast, system, regions):
    e03 = current(system, "E03")
    accept(cast, e03, regions[0], 2023, "45", month=6, actor=cast.co_officer)
    accept(cast, e03, regions[0], 2022, "60", actor=cast.co_officer)
    (item,) = [
        p for p in selectors.indicator_progress(progress_table(system)) if p.indicator == e03
    ]
    assert (item.latest.year, item.latest.month, item.latest.period) == (2023, 6, "2023年6月末")


def test_missing_periods_are_those_due_and_not_reported(cast, system, regions):
    city, yuzhou, changge = regions
    e01, e03 = current(system, "E01"), current(system, "E03")
    accept(cast, e01, city, 2021, "51")
    accept(cast, e01, yuzhou, 2021, "51")
    returned = services.report_value(
        e01,
        actor=cast.lead_officer,
        region=changge,
        year=2021,
        month=12,
        value="50",
        source_note="快报",
    )
    services.return_value(returned, actor=cast.staff, reason="数据有误")
    services.report_value(
        e03,
        actor=cast.co_officer,
        region=city,
        year=2021,
        month=6,
        value="20000",
        source_note="快报",
    )  # awaiting review is not missing
    # On 2022-03-01, 2021's annual reports (due 30 days after the year ends) are late;
    # 2021 H2 of the half-yearly one too; 2022's are not due yet.
    found = {
        (i.code, r.name, y, m)
        for i, r, y, m, _due in missing_reports(system, today=dt.date(2022, 3, 1))
    }
    assert found == {
        ("E01", "长葛市", 2021, 12),  # returned and not corrected
        ("E02", "全市", 2021, 12),
        ("E03", "全市", 2021, 12),
    }
    owed = selectors.owed_reports(cast.co_officer, today=dt.date(2022, 3, 1))
    assert [(i.code, r.name, y, m) for i, r, y, m, _due in owed] == [("E03", "全市", 2021, 12)]
    assert selectors.owed_reports(cast.staff, today=dt.date(2022, 3, 1)) == []
    # Due the day after the period's due date, not on it.
    assert not missing_reports(system, today=dt.date(2022, 1, 30))
    assert missing_reports(system, today=dt.date(2022, 1, 31))


def test_overview_trend_and_radar(cast, system, regions):
    city = regions[0]
    e01, e02 = current(system, "E01"), current(system, "E02")
    accept(cast, e01, city, 2021, "52")
    accept(cast, e01, city, 2022, "55")
    accept(cast, e02, city, 2022, "9.9")
    _table, dims = selectors.system_overview(system)
    by_name = {d.dimension.name: d for d in dims}
    assert by_name["经济高质量发展"].counts[Status.ON_TRACK] == 1
    assert by_name["经济高质量发展"].on_track_share == 1.0
    assert by_name["生态文明"].counts[Status.SERIOUSLY_LAGGING] == 1
    assert by_name["收入分配"].counts[Status.NO_DATA] == 1
    assert by_name["收入分配"].on_track_share is None
    trend = selectors.indicator_trend(e01)
    assert [(r.period, r.value) for r in trend.readings] == [("2021年", 52.0), ("2022年", 55.0)]
    assert trend.baseline == (2020, 50.0)
    assert trend.targets == [(2025, 60.0)]
    assert trend.path == [
        (2020, 50.0),
        (2021, 52.0),
        (2022, 54.0),
        (2023, 56.0),
        (2024, 58.0),
        (2025, 60.0),
    ]
    radar = {a.dimension.name: a for a in selectors.dimension_radar(system)}
    assert radar["经济高质量发展"].score == pytest.approx(0.5)
    assert radar["生态文明"].score == pytest.approx(0.025)
    assert radar["收入分配"].score is None


def test_a_redefined_indicator_shows_its_predecessors_series(cast, system, regions):
    old = current(system, "E01")
    accept(cast, old, regions[0], 2021, "52")
    new = services.redefine_indicator(
        old,
        actor=cast.staff,
        reason="口径调整",
        spec=spec(cast.lead_unit, "E01", definition="新口径"),
    )
    accept(cast, new, regions[0], 2022, "55")
    trend = selectors.indicator_trend(new)
    assert [r.value for r in trend.readings] == [55.0]
    assert [r.value for r in trend.predecessors[0].readings] == [52.0]


def test_alerts_are_raised_once(cast, system, regions):
    city = regions[0]
    accept(cast, current(system, "E02"), city, 2021, "10.5")
    fresh = alerts.raise_alerts(today=dt.date(2022, 3, 1))
    kinds = sorted((str(a.kind), a.indicator.code, a.region.name, a.month) for a in fresh)
    assert kinds == [
        ("lagging", "E02", "全市", 12),
        ("missing", "E01", "全市", 12),
        ("missing", "E01", "禹州市", 12),
        ("missing", "E01", "长葛市", 12),
        ("missing", "E03", "全市", 6),
        ("missing", "E03", "全市", 12),
    ]
    assert alerts.raise_alerts(today=dt.date(2022, 3, 1)) == []
    assert IndicatorAlert.objects.filter(notified_at__isnull=True).count() == 6


class TestLinks:
    @pytest.fixture
    def motion(self, cast):
        return proposal_services.create_draft(
            actor=cast.proposer,
            kind=Kind.MOTION,
            title="关于加快推进共同富裕先行试验区建设的议案",
            reasons="案据",
            plan="方案",
        )

    def test_a_motion_shows_its_indicators_progress(self, cast, system, regions, motion):
        e01, e02 = current(system, "E01"), current(system, "E02")
        services.link_indicators(motion, actor=cast.staff, indicators=[e01, e02], note="试验区")
        services.link_indicators(motion, actor=cast.staff, indicators=[e01])  # no duplicate
        accept(cast, e01, regions[1], 2023, "45")
        linked = selectors.linked_indicators(motion)
        assert [(x.indicator.code, x.note) for x in linked] == [
            ("E01", "试验区"),
            ("E02", "试验区"),
        ]
        assert linked[0].city.status == Status.NO_DATA
        assert linked[0].county_counts[Status.SERIOUSLY_LAGGING] == 1
        assert linked[1].counties == []

    def test_who_may_link_and_what(self, cast, system, motion):
        e01 = current(system, "E01")
        with pytest.raises(NotPermitted):
            services.link_indicators(motion, actor=cast.lead_officer, indicators=[e01])
        with pytest.raises(RuleViolation):
            services.link_indicators(cast.lead_unit, actor=cast.staff, indicators=[e01])
        services.link_indicators(motion, actor=cast.staff, indicators=[e01])
        services.unlink_indicator(motion, actor=cast.staff, indicator=e01)
        assert selectors.linked_indicators(motion) == []


def test_a_scheduler_raises_alerts_through_the_task_or_the_command(cast, system, regions):
    import io

    import time_machine
    from django.core.management import call_command

    from renda.indicators.tasks import raise_indicator_alerts

    with time_machine.travel(dt.datetime(2022, 3, 1, 9, tzinfo=dt.UTC)):
        result = raise_indicator_alerts.enqueue()
        out = io.StringIO()
        call_command("indicator_alerts", stdout=out)
    # Nothing reported: 2021 is missing for E01 in three regions, E02, and E03's two halves.
    assert result.return_value == 6
    assert out.getvalue().strip() == "0 new indicator alerts."
    assert IndicatorAlert.objects.filter(kind="missing").count() == 6
