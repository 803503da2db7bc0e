"""Importing and exporting a system as .xlsx: a round trip changes nothing; a workbook with
mistakes is refused whole, each error at its sheet, row and column, in Chinese."""

import io
from decimal import Decimal

import pytest
from django.utils import translation
from openpyxl import Workbook, load_workbook

from renda.core.errors import NotPermitted
from renda.indicators import services
from renda.indicators.models import Direction, Frequency, IndicatorSystem
from renda.indicators.services.system_sheets import COLUMNS, TARGET_COLUMNS
from renda.indicators.sheets import SheetRejected
from renda.indicators.tests.builders import current, spec, system_with
from renda.indicators.tests.snapshot import snapshot
from renda.testing.factories import UnitFactory

pytestmark = pytest.mark.django_db


def workbook(indicators, targets=(), *, name="共同富裕指标体系", year=2025) -> bytes:
    book = Workbook()
    head = book.active
    head.title = "指标体系"
    for row in (["项目", "内容"], ["名称", name], ["目标年份", year], ["说明", "试验区"]):
        head.append(row)
    sheet = book.create_sheet("指标")
    sheet.append(COLUMNS)
    for row in indicators:
        sheet.append([row.get(c) for c in COLUMNS])
    target_sheet = book.create_sheet("分年度目标")
    target_sheet.append(TARGET_COLUMNS)
    for row in targets:
        target_sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def row(**cells):
    good = {
        "维度": "经济高质量发展",
        "编号": "E01",
        "指标名称": "常住人口城镇化率",
        "别名": "城镇化率",
        "单位": "%",
        "方向": "正向",
        "年内数值": "期末水平",
        "基期年份": 2020,
        "基期值": 51.5,
        "目标值": 60,
        "责任单位": "市发展和改革委员会",
        "报送频次": "年度",
        "分县报送": "是",
        "指标口径": "常住人口中城镇人口的比重",
    }
    good.update(cells)
    return good


@pytest.fixture
def units(db):
    return {
        "发改": UnitFactory(name="市发展和改革委员会", short_name="市发改委"),
        "人社": UnitFactory(name="市人力资源和社会保障局", short_name="市人社局"),
    }


def test_importing_a_new_system(cast, regions, units):
    _city, _yuzhou, _c = regions
    data = workbook(
        [
            row(),
            row(
                编号="E02",
                指标名称="城镇新增就业",
                单位="人",
                年内数值="年内累计",
                基期值=40000,
                目标值=50000,
                责任单位="市人社局",
                报送频次="半年",
                分县报送="否",
                维度="收入分配",
            ),
            row(
                编号="E03",
                指标名称="居民消费价格涨幅",
                方向="区间",
                区间下限=2,
                区间上限=3.5,
                目标值=None,
                分县报送=None,
            ),
        ],
        [("E01", "禹州市", 2025, 58), ("E01", None, 2023, 56), ("E02", "全市", 2023, 46000)],
    )
    system, changes = services.import_system(data, actor=cast.staff)
    assert (system.name, system.target_year, system.version) == ("共同富裕指标体系", 2025, 1)
    assert changes.added == ["E01", "E02", "E03"]
    assert list(system.dimensions.values_list("name", flat=True)) == ["经济高质量发展", "收入分配"]
    e01, e02, e03 = (current(system, c) for c in ("E01", "E02", "E03"))
    assert (e01.per_region, e01.alias_list(), e01.baseline_value) == (
        True,
        ["城镇化率"],
        Decimal("51.5"),
    )
    assert sorted(e01.targets.values_list("region__name", "year", "value")) == [
        ("全市", 2023, Decimal("56")),
        ("全市", 2025, Decimal("60")),
        ("禹州市", 2025, Decimal("58")),
    ]
    assert (e02.responsible_unit, e02.frequency, e02.accumulation) == (
        units["人社"],
        Frequency.HALF_YEARLY,
        "ytd",
    )
    assert (e03.direction, e03.band_low, e03.band_high, e03.targets.count()) == (
        Direction.BAND,
        Decimal("2"),
        Decimal("3.5"),
        0,
    )


def test_export_then_import_round_trip_changes_nothing(cast, regions, units):
    _city, yuzhou, _c = regions
    system = system_with(
        cast.staff,
        spec(
            units["发改"],
            "E01",
            name="城镇化率",
            per_region=True,
            definition="常住人口口径",
            aliases="城镇化率、城镇化水平",
            targets={
                (None, 2025): Decimal("60"),
                (None, 2023): Decimal("56.5"),
                (yuzhou, 2025): Decimal("58"),
            },
        ),
        spec(
            units["人社"],
            "E02",
            name="城镇新增就业",
            unit="人",
            accumulation="ytd",
            frequency=Frequency.HALF_YEARLY,
            baseline_value=Decimal("40000"),
            targets={(None, 2025): Decimal("50000")},
            dimension="收入分配",
        ),
        spec(
            units["发改"],
            "E03",
            name="居民消费价格涨幅",
            direction=Direction.BAND,
            band_low=Decimal("2"),
            band_high=Decimal("3.5"),
            targets={},
        ),
    )
    exported = services.export_system(system)
    sheet = load_workbook(io.BytesIO(exported))["指标"]
    assert [c.value for c in sheet[1]] == COLUMNS
    assert [c.value for c in sheet[2]][:6] == [
        "经济高质量发展",
        "E01",
        "城镇化率",
        "城镇化率、城镇化水平",
        "%",
        "正向",
    ]
    before = snapshot()
    again, changes = services.import_system(exported, actor=cast.staff, system=system)
    assert not changes and again.version == 1
    assert snapshot() == before
    # …and into a new system under another name, the same indicators.
    book = load_workbook(io.BytesIO(exported))
    book["指标体系"]["B2"] = "副本"
    buffer = io.BytesIO()
    book.save(buffer)
    copy, _changes = services.import_system(buffer.getvalue(), actor=cast.staff)
    assert services.export_system(copy) != exported  # the name differs…
    fields = (
        "code",
        "name",
        "unit",
        "direction",
        "band_low",
        "band_high",
        "accumulation",
        "baseline_year",
        "baseline_value",
        "frequency",
        "per_region",
        "definition",
        "aliases",
    )
    assert list(copy.indicators.values_list(*fields)) == list(
        system.indicators.values_list(*fields)
    )
    targets = ("code", "targets__region__name", "targets__year", "targets__value")
    assert sorted(copy.indicators.values_list(*targets), key=str) == sorted(
        system.indicators.values_list(*targets), key=str
    )


def test_a_new_version_by_import_retires_and_redefines(cast, regions, units):
    system, _ = services.import_system(
        workbook([row(), row(编号="E02", 指标名称="研发投入强度")]), actor=cast.staff
    )
    data = workbook([row(单位="‰"), row(编号="E03", 指标名称="高新技术企业数", 单位="家")])
    system, changes = services.import_system(data, actor=cast.staff, system=system)
    assert (changes.added, changes.redefined, changes.retired) == (["E03"], ["E01"], ["E02"])
    assert system.version == 2
    data = workbook(
        [row(单位="‰"), row(编号="E03", 指标名称="高新技术企业数", 单位="家")], year=2026
    )
    system, changes = services.import_system(data, actor=cast.staff, system=system)
    # The 目标值 column now gives the targets for 2026: updated in place, one new version.
    assert (system.target_year, system.version, changes.updated) == (2026, 3, ["E01", "E03"])
    assert system.events.filter(action="system.update").get().data == {"target_year": [2025, 2026]}
    assert IndicatorSystem.objects.count() == 1


MISTAKES = [
    row(),
    row(指标名称="城镇化率（重复）"),
    row(编号="E02", 方向="越高越好"),
    row(编号="E03", 目标值="约65%"),
    row(编号="E04", 基期年份=2025),
    row(编号="E05", 责任单位="市统计局"),
    row(编号="E06", 报送频次="每季度"),
    row(编号="E07", 方向="区间", 区间下限=4, 区间上限=2),
    row(编号="E08", 区间下限=50),
    row(编号="E09", 指标名称=None),
    row(编号="E10", 基期年份="2020年"),
    row(编号="E11", 分县报送="Y"),
]
TARGET_MISTAKES = [
    ("E99", "禹州市", 2025, 60),
    ("E01", "许昌县", 2025, 60),
    ("E01", "禹州市", 2019, 48),
    ("E01", "禹州市", 2024, 57),
    ("E01", "禹州市", 2024, 57.5),
    ("E01", "全市", 2025, 61),
    ("E01", "长葛市", 2023, "五十六"),
    ("E03", "禹州市", 2024, 60),  # E03's own row is wrong: not reported again here
]


def test_a_workbook_full_of_mistakes_is_refused_whole_with_every_error_in_chinese(
    cast, regions, units
):
    before = snapshot()
    with translation.override("zh-hans"), pytest.raises(SheetRejected) as refused:
        services.import_system(workbook(MISTAKES, TARGET_MISTAKES), actor=cast.staff)
    with translation.override("zh-hans"):
        errors = [str(e) for e in refused.value.errors]
        summary = str(refused.value)
    assert errors == [
        "“指标”工作表第3行“编号”列：编号E01已在第2行使用。",
        "“指标”工作表第4行“方向”列：“越高越好”不在可选范围内（正向、逆向、区间）。",
        "“指标”工作表第5行“目标值”列：“约65%”不是数字。",
        "“指标”工作表第6行“基期年份”列：基期年份应早于目标年份2025年。",
        "“指标”工作表第7行“责任单位”列：没有名为“市统计局”的承办单位。",
        "“指标”工作表第8行“报送频次”列：“每季度”不在可选范围内（年度、半年、季度、月度）。",
        "“指标”工作表第9行“区间上限”列：区间上限小于下限。",
        "“指标”工作表第10行“区间下限”列：只有方向为“区间”的指标才填写区间上下限。",
        "“指标”工作表第11行“指标名称”列：此单元格为空。",
        "“指标”工作表第12行“基期年份”列：“2020年”不是2000至2100之间的整数。",
        "“指标”工作表第13行“分县报送”列：“Y”不在可选范围内（是、否）。",
        "“分年度目标”工作表第2行“编号”列：没有编号为E99的指标。",
        "“分年度目标”工作表第3行“地区”列：没有名为“许昌县”的地区。",
        "“分年度目标”工作表第4行“年份”列：目标年份应晚于基期年份2020年，且不晚于2025年。",
        "“分年度目标”工作表第6行“年份”列：此目标值重复（见第5行）。",
        "“分年度目标”工作表第7行“年份”列：全市目标年份的目标值请填在“指标”工作表的“目标值”列。",
        "“分年度目标”工作表第8行“目标值”列：“五十六”不是数字。",
    ]
    assert summary == "文件中有17处错误，全部未导入。"
    assert snapshot() == before


def test_missing_sheets_columns_and_names_are_reported(cast, regions, units):
    book = Workbook()
    book.active.title = "指标"
    book.active.append(["维度", "编号", "指标名称"])
    buffer = io.BytesIO()
    book.save(buffer)
    with translation.override("zh-hans"), pytest.raises(SheetRejected) as refused:
        services.import_system(buffer.getvalue(), actor=cast.staff)
    with translation.override("zh-hans"):
        errors = [str(e) for e in refused.value.errors]
    assert errors[0] == "“指标体系”工作表第1行：缺少此工作表。"
    assert "“指标”工作表第1行“单位”列：缺少此列。" in errors
    assert errors[-1] == "“分年度目标”工作表第1行：缺少此工作表。"


def test_a_file_that_is_not_a_workbook_and_a_duplicate_name(cast, regions, units):
    with translation.override("zh-hans"):
        with pytest.raises(SheetRejected) as refused:
            services.import_system(b"%PDF-1.7", actor=cast.staff)
        assert refused.value.errors[0].message == "此文件不是.xlsx工作簿。"
        services.import_system(workbook([row()]), actor=cast.staff)
        with pytest.raises(SheetRejected) as refused:
            services.import_system(workbook([row()]), actor=cast.staff)
        assert str(refused.value.errors[0]) == (
            "“指标体系”工作表第2行“内容”列：已有名为“共同富裕指标体系”的指标体系，请作为其新版本导入。"
        )


def test_only_staff_import(cast, regions, units):
    with pytest.raises(NotPermitted):
        services.import_system(workbook([row()]), actor=cast.lead_officer)
    assert not IndicatorSystem.objects.exists()
