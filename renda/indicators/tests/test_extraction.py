"""Figures from text: specific tricky sentences, and confirming figures through the normal
reporting path. (Precision and recall over whole summaries: benchmarks/indicators_extraction.py.)"""

from decimal import Decimal

import pytest

from renda.core.errors import NotPermitted, RuleViolation
from renda.demo.indicators import DIMENSIONS
from renda.demo.organisations import REGIONS
from renda.indicators import services
from renda.indicators.extraction import IndicatorRef, RegionName, extract
from renda.indicators.extraction.numbers import chinese_number, figures
from renda.indicators.models import Frequency
from renda.indicators.tests.builders import current, spec, system_with

INDICATORS = [
    IndicatorRef(
        r.code, r.code, r.name, tuple(a for a in r.aliases.split("、") if a), r.unit, r.per_region
    )
    for rows in DIMENSIONS.values()
    for r in rows
]
REGION_NAMES = [RegionName(name, name, kind) for name, kind, *_r in REGIONS]


def found(text, year=2025, month=9, region=None):
    return [
        (c.indicator.code, c.year, c.month, c.region, c.value)
        for c in extract(
            text, INDICATORS, REGION_NAMES, city="全市", year=year, month=month, region=region
        )
    ]


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("4.17万人", Decimal("41700"), "人"),
        ("41,728人", Decimal("41728"), "人"),
        ("41728人", Decimal("41728"), "人"),
        ("1300亿元", Decimal("130000000000"), "元"),
        ("千亿", Decimal("100000000000"), ""),
        ("两千余户", Decimal("2000"), "户"),
        ("64.5%", Decimal("64.5"), "%"),
        ("百分之六十四点五", Decimal("64.5"), "%"),
        ("1.2个百分点", Decimal("1.2"), "个百分点"),
        ("1.2万亿元", Decimal("1200000000000"), "元"),
        ("三百二十个", Decimal("320"), "个"),
    ],
)
def test_numbers_as_written(text, value, unit):
    (figure,) = figures(text)
    assert (figure.value, figure.base) == (value, unit)


@pytest.mark.parametrize(
    "text",
    [
        "一是加强领导",
        "十分重要",
        "千方百计",
        "“1+1+9+N”政策体系",
        "PM2.5",
        "2024年",
        "第3位",
        "每千人口",
        "二〇二五年",
        "“十四五”规划",
    ],
)
def test_words_that_are_not_figures(text):
    assert figures(text) == []


def test_chinese_numerals():
    assert [
        chinese_number(t) for t in ("两千", "一千三百", "十二", "千", "二百四十八", "三万")
    ] == [2000, 1300, 12, 1000, 248, 30000]


class TestSentences:
    def test_the_reference_reports_sentence(self):
        text = (
            "1-9月份，全市城镇新增就业4.17万人，新增农村劳动力转移就业6.9万人，"
            "新增农民工返乡创业1万人。"
        )
        assert found(text, 2022) == [
            ("I04", 2022, 9, "全市", Decimal("41700")),
            ("I06", 2022, 9, "全市", Decimal("69000")),
        ]

    def test_a_long_dash_period_and_a_half_year_within_the_sentence(self):
        assert found("2024年1—6月，城镇新增就业2.1万人。") == [("I04", 2024, 6, "全市", 21000)]
        assert found("上半年，农村居民人均可支配收入9872元。") == [("I02", 2025, 6, "全市", 9872)]
        assert found("前三季度，城镇居民人均可支配收入30125元。", month=12) == [
            ("I01", 2025, 9, "全市", 30125)
        ]

    def test_a_billion_written_as_qian_yi_goes_into_the_indicators_unit(self):
        assert found("节能环保产业规模突破千亿，智能电力装备产业规模突破1300亿元。") == [
            ("E05", 2025, 9, "全市", 1000)
        ]

    def test_changes_are_not_levels_but_a_level_after_dao_is(self):
        assert found("森林覆盖率比上年提高0.3个百分点。") == []
        assert found("农村居民人均可支配收入同比增长7.1%。") == []
        assert found("森林覆盖率提高到27.5%。") == [("G04", 2025, 9, "全市", Decimal("27.5"))]

    def test_from_one_value_to_another_takes_the_second(self):
        assert found("城乡居民收入倍差由上年同期的2.05缩小至1.98。") == [
            ("I03", 2025, 9, "全市", Decimal("1.98"))
        ]

    def test_plans_and_targets_are_not_reported_values(self):
        assert found("力争全年城镇新增就业5万人以上。") == []
        assert found("距2025年2.5%的目标仍有差距。") == []

    def test_regions_listed_before_fenbie_pair_in_order_with_a_shared_unit(self):
        assert found("魏都区、建安区、禹州市PM2.5浓度分别为44、47和53微克/立方米。") == [
            ("G01", 2025, 9, "魏都区", 44),
            ("G01", 2025, 9, "建安区", 47),
            ("G01", 2025, 9, "禹州市", 53),
        ]

    def test_indicators_listed_before_fenbie(self):
        assert found("城镇和农村居民人均可支配收入分别为41728元和22000元。") == [
            ("I01", 2025, 9, "全市", 41728),
            ("I02", 2025, 9, "全市", 22000),
        ]

    def test_a_region_in_between_carries_the_indicator(self):
        assert found("每万人刑事案件立案数为25.8件；其中魏都区为31.2件，东城区为22.4件。") == [
            ("S03", 2025, 9, "全市", Decimal("25.8")),
            ("S03", 2025, 9, "魏都区", Decimal("31.2")),
            ("S03", 2025, 9, "东城区", Decimal("22.4")),
        ]

    def test_a_counted_figure_names_its_indicator_after_it(self):
        assert found("全市2145个行政村实现快递直投服务全覆盖。") == [("P06", 2025, 9, "全市", 2145)]

    def test_a_county_summary_reads_quan_qu_as_the_county(self):
        assert found("全区常住人口城镇化率为50.3%。", region="建安区") == [
            ("E06", 2025, 9, "建安区", Decimal("50.3"))
        ]

    def test_a_year_after_jiao_is_a_comparison_not_the_period(self):
        assert found(
            "优良天数比例为70.1%，较2020年提高5.1个百分点；PM2.5平均浓度为45微克/立方米。", 2024, 12
        ) == [
            ("G02", 2024, 12, "全市", Decimal("70.1")),
            ("G01", 2024, 12, "全市", 45),
        ]

    def test_a_county_figure_of_a_city_wide_indicator_is_not_proposed(self):
        assert found("禹州市森林覆盖率达到31.2%。") == []

    def test_a_bare_number_needs_the_exact_name(self):
        assert found("亿元地区生产总值生产安全事故死亡率为0.019。") == [
            ("S01", 2025, 9, "全市", Decimal("0.019"))
        ]
        assert found("全市地区生产总值完成1826.4亿元。") == []


@pytest.mark.django_db
class TestConfirming:
    @pytest.fixture
    def system(self, cast, regions):
        return system_with(
            cast.staff,
            spec(
                cast.lead_unit,
                "I04",
                name="城镇新增就业",
                unit="人",
                per_region=True,
                frequency=Frequency.QUARTERLY,
                accumulation="ytd",
            ),
            spec(cast.co_unit, "G04", name="森林覆盖率"),
        )

    def test_staff_confirm_figures_which_are_reported_for_review(self, cast, system, regions):
        text = "1-9月，全市城镇新增就业4.17万人，禹州市城镇新增就业6120人。森林覆盖率达到27.1%。"
        proposals = services.propose_figures(system, text, actor=cast.staff, year=2025, month=9)
        assert [(p.indicator.code, p.region.name, p.candidate.value) for p in proposals] == [
            ("I04", "全市", 41700),
            ("I04", "禹州市", 6120),
            ("G04", "全市", Decimal("27.1")),
        ]
        values = services.confirm_figures(
            proposals[:2], actor=cast.staff, source="人社局三季度总结"
        )
        assert [(v.state, v.on_behalf, v.reported_by) for v in values] == [
            ("submitted", True, cast.staff)
        ] * 2
        assert values[0].source_note == (
            "人社局三季度总结：1-9月，全市城镇新增就业4.17万人，禹州市城镇新增就业6120人。"
        )
        assert values[0].events.get().relation == "staff"

    def test_a_figure_for_a_period_the_indicator_does_not_report_is_refused(self, cast, system):
        proposals = services.propose_figures(
            system, "森林覆盖率达到27.1%。", actor=cast.staff, year=2025, month=9
        )
        with pytest.raises(services.EntriesRejected) as refused:
            services.confirm_figures(proposals, actor=cast.staff, source="林业局总结")
        assert "month 9" in refused.value.errors[0][1]
        assert not current(system, "G04").values.exists()

    def test_only_staff_take_figures_from_text(self, cast, system):
        with pytest.raises(NotPermitted):
            services.propose_figures(system, "森林覆盖率27%", actor=cast.lead_officer, year=2025)
        with pytest.raises(RuleViolation):
            services.propose_figures(system, "   ", actor=cast.staff, year=2025)
