"""Versioned systems: retiring and redefining an indicator keeps its values and history;
updates in place keep the old values in the history row."""

from decimal import Decimal

import pytest

from renda.core.errors import NotPermitted, RuleViolation
from renda.indicators import services
from renda.indicators.models import Direction, SystemEvent
from renda.indicators.services.systems import indicators_as_of
from renda.indicators.tests.builders import current, spec, system_with
from renda.indicators.tests.snapshot import snapshot

pytestmark = pytest.mark.django_db


@pytest.fixture
def system(cast, regions):
    return system_with(
        cast.staff,
        spec(cast.lead_unit, "E01", name="城镇化率"),
        spec(
            cast.lead_unit,
            "E02",
            name="单位GDP能耗",
            direction=Direction.LOWER,
            unit="吨标准煤/万元",
            baseline_value=Decimal("0.5"),
            targets={(None, 2025): Decimal("0.4")},
        ),
    )


def accepted(cast, indicator, region, year, value):
    v = services.report_value(
        indicator,
        actor=cast.lead_officer,
        region=region,
        year=year,
        month=12,
        value=value,
        source_note="统计公报",
    )
    return services.accept_value(v, actor=cast.staff)


def test_a_new_system_starts_at_version_one_with_its_indicators(system):
    assert system.version == 1
    assert list(system.indicators.values_list("code", "since_version")) == [("E01", 1), ("E02", 1)]
    assert SystemEvent.objects.filter(system=system, action="indicator.add").count() == 2


def test_retiring_keeps_the_indicator_and_its_values(cast, system, regions):
    e01 = current(system, "E01")
    value = accepted(cast, e01, regions[0], 2021, "52")
    services.retire_indicator(e01, actor=cast.staff, reason="统计口径取消")
    system.refresh_from_db()
    e01.refresh_from_db()
    assert (system.version, e01.retired_in_version, e01.retire_reason) == (2, 2, "统计口径取消")
    assert e01.values.get() == value
    assert list(indicators_as_of(system, 1).values_list("code", flat=True)) == ["E01", "E02"]
    assert list(indicators_as_of(system, 2).values_list("code", flat=True)) == ["E02"]
    with pytest.raises(RuleViolation, match="retired"):
        services.report_value(
            e01,
            actor=cast.lead_officer,
            region=regions[0],
            year=2022,
            month=12,
            value="53",
            source_note="公报",
        )


def test_redefining_starts_a_new_series_under_the_same_code(cast, system, regions):
    old = current(system, "E01")
    accepted(cast, old, regions[0], 2021, "52")
    new = services.redefine_indicator(
        old,
        actor=cast.staff,
        reason="改按常住人口口径",
        spec=spec(
            cast.lead_unit,
            "E01",
            name="常住人口城镇化率",
            definition="常住人口口径",
            baseline_value=Decimal("48"),
        ),
    )
    old.refresh_from_db()
    assert new.replaces == old and old.replaced_by == new
    assert (old.retired_in_version, new.since_version, new.code) == (2, 2, "E01")
    assert old.values.count() == 1 and new.values.count() == 0
    assert current(system, "E01") == new
    assert list(SystemEvent.objects.filter(indicator=old).values_list("action", flat=True)) == [
        "indicator.add",
        "indicator.retire",
    ]


def test_apply_specs_updates_in_place_or_redefines_by_what_changed(cast, system):
    e01, e02 = current(system, "E01"), current(system, "E02")
    changes = services.apply_specs(
        system,
        [
            spec(cast.co_unit, "E01", name="城镇化率", targets={(None, 2025): Decimal("62")}),
            spec(
                cast.lead_unit,
                "E02",
                name="单位GDP能耗",
                direction=Direction.LOWER,
                unit="吨标准煤",
                baseline_value=Decimal("0.5"),
                targets={(None, 2025): Decimal("0.4")},
            ),
            spec(cast.lead_unit, "E03", name="研发投入强度"),
        ],
        actor=cast.staff,
        retire_missing=True,
    )
    assert (changes.added, changes.updated, changes.redefined, changes.retired) == (
        ["E03"],
        ["E01"],
        ["E02"],
        [],
    )
    e01.refresh_from_db()
    assert e01.is_current and e01.responsible_unit == cast.co_unit
    update = SystemEvent.objects.get(indicator=e01, action="indicator.update")
    assert update.data["responsible_unit"] == [cast.lead_unit.name, cast.co_unit.name]
    assert update.data["targets"] == [{"全市:2025": "60"}, {"全市:2025": "62"}]
    e02.refresh_from_db()
    assert not e02.is_current and current(system, "E02").unit == "吨标准煤"
    system.refresh_from_db()
    assert system.version == 2


def test_applying_the_same_specs_again_changes_nothing(cast, system):
    before = snapshot()
    changes = services.apply_specs(
        system,
        [
            spec(cast.lead_unit, "E01", name="城镇化率"),
            spec(
                cast.lead_unit,
                "E02",
                name="单位GDP能耗",
                direction=Direction.LOWER,
                unit="吨标准煤/万元",
                baseline_value=Decimal("0.5000"),
                targets={(None, 2025): Decimal("0.4")},
            ),
        ],
        actor=cast.staff,
        retire_missing=True,
    )
    assert not changes
    assert snapshot() == before


def test_only_staff_change_systems(cast, system):
    before = snapshot()
    with pytest.raises(NotPermitted):
        services.retire_indicator(current(system, "E01"), actor=cast.lead_officer, reason="不需要")
    with pytest.raises(NotPermitted):
        services.create_system(actor=cast.committee_member, name="另一体系", target_year=2025)
    assert snapshot() == before


def test_every_history_row_reads_as_a_sentence(cast, system, regions):
    from django.utils import translation

    from renda.indicators.history import SENTENCES, describe
    from renda.indicators.models import ValueEvent
    from renda.proposals import services as proposal_services
    from renda.proposals.models import Kind

    e01 = current(system, "E01")
    v = services.report_value(
        e01,
        actor=cast.staff,
        region=regions[0],
        year=2021,
        month=12,
        value="52",
        source_note="公报",
    )
    services.return_value(v, actor=cast.staff, reason="请核实")
    accepted(cast, e01, regions[0], 2021, "52.5")
    services.apply_specs(
        system, [spec(cast.co_unit, "E01", name="城镇化率")], actor=cast.staff, retire_missing=True
    )
    services.redefine_indicator(
        current(system, "E01"),
        actor=cast.staff,
        reason="口径调整",
        spec=spec(cast.co_unit, "E01", name="常住人口城镇化率", unit="‰"),
    )
    motion = proposal_services.create_draft(
        actor=cast.proposer, kind=Kind.MOTION, title="议案", reasons="案据", plan="方案"
    )
    services.link_indicators(motion, actor=cast.staff, indicators=[current(system, "E01")])
    services.unlink_indicator(motion, actor=cast.staff, indicator=current(system, "E01"))
    services.update_system(system, actor=cast.staff, target_year=2026, description="")
    events = [
        *ValueEvent.objects.select_related("actor"),
        *SystemEvent.objects.select_related("actor", "indicator"),
    ]
    assert {e.action for e in events} == set(SENTENCES)
    with translation.override("zh-hans"):
        sentences = [describe(e) for e in events]
    assert all(s and "%(" not in s for s in sentences)
    assert "工作人员甲报送2021年数值52。（由工作人员代为录入）" in sentences
    assert "工作人员甲退回：请核实" in sentences
    assert "工作人员甲修改了E01：责任单位。" in sentences
    assert "工作人员甲采纳数值52.5。" in sentences
