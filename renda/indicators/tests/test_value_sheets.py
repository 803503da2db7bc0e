"""Bulk reporting by Excel: the template lists what a unit owes; its import reports through
the same path as the form, all or nothing, each refusal at its row."""

import io
from decimal import Decimal

import pytest
from django.utils import translation
from openpyxl import load_workbook

from renda.indicators import services
from renda.indicators.models import Frequency, IndicatorValue
from renda.indicators.sheets import SheetRejected
from renda.indicators.tests.builders import current, spec, system_with
from renda.indicators.tests.snapshot import snapshot

pytestmark = pytest.mark.django_db


@pytest.fixture
def system(cast, regions):
    return system_with(
        cast.staff,
        spec(cast.lead_unit, "E01", name="城镇化率", per_region=True),
        spec(
            cast.lead_unit, "E02", name="城镇新增就业", unit="人", frequency=Frequency.HALF_YEARLY
        ),
        spec(cast.co_unit, "S01", name="森林覆盖率"),
    )


def rows_of(data: bytes) -> list[list]:
    sheet = load_workbook(io.BytesIO(data))["报送"]
    return [list(r) for r in sheet.iter_rows(values_only=True)]


def refill(data: bytes, values: dict[int, tuple]) -> bytes:
    book = load_workbook(io.BytesIO(data))
    sheet = book["报送"]
    for row, (value, note) in values.items():
        sheet.cell(row, 7, value)
        sheet.cell(row, 8, note)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_the_template_lists_the_units_own_rows_for_the_period(cast, system):
    rows = rows_of(services.value_template(system, actor=cast.lead_officer, year=2023, month=6))
    assert rows[0] == ["编号", "指标名称", "单位", "地区", "年份", "截至月份", "数值", "来源说明"]
    assert [r[:6] for r in rows[1:]] == [["E02", "城镇新增就业", "人", "全市", 2023, 6]]
    rows = rows_of(services.value_template(system, actor=cast.lead_officer, year=2023, month=12))
    assert [(r[0], r[3]) for r in rows[1:]] == [
        ("E01", "全市"),
        ("E01", "禹州市"),
        ("E01", "长葛市"),
        ("E02", "全市"),
    ]


def test_a_filled_template_is_reported_and_awaits_review(cast, system):
    template = services.value_template(system, actor=cast.lead_officer, year=2023, month=12)
    data = refill(
        template, {2: (55.2, "2023年统计公报"), 3: ("48.1", "禹州市统计局"), 5: (41728, "人社快报")}
    )
    values = services.import_values(system, data, actor=cast.lead_officer)
    assert sorted((v.indicator.code, v.region.name, v.value) for v in values) == [
        ("E01", "全市", Decimal("55.2")),
        ("E01", "禹州市", Decimal("48.1")),
        ("E02", "全市", Decimal("41728")),
    ]
    assert all(v.state == "submitted" and v.events.count() == 1 for v in values)
    again = rows_of(services.value_template(system, actor=cast.lead_officer, year=2023, month=12))
    assert again[1][6:] == [55.2, "2023年统计公报"]


def test_a_bad_row_refuses_the_whole_sheet_with_each_reason(cast, system):
    template = services.value_template(system, actor=cast.staff, year=2023, month=12)
    # Staff's template has every unit's rows: E01 ×3, E02, S01. The unit fills them all in.
    data = refill(
        template, {2: ("55.2", "公报"), 3: ("约48", "公报"), 4: (47, None), 6: (30, "公报")}
    )
    before = snapshot()
    with translation.override("zh-hans"), pytest.raises(SheetRejected) as refused:
        services.import_values(system, data, actor=cast.lead_officer)
    with translation.override("zh-hans"):
        assert [str(e) for e in refused.value.errors] == [
            "“报送”工作表第3行“数值”列：“约48”不是数字。",
            "“报送”工作表第4行“来源说明”列：此单元格为空。",
        ]
    data = refill(template, {2: ("55.2", "公报"), 6: (30, "公报")})
    with translation.override("zh-hans"), pytest.raises(SheetRejected) as refused:
        services.import_values(system, data, actor=cast.lead_officer)
    with translation.override("zh-hans"):
        assert [str(e) for e in refused.value.errors] == [
            f"“报送”工作表第6行：“森林覆盖率”只能由{cast.co_unit.name}报送。"
        ]
    assert snapshot() == before
    assert not IndicatorValue.objects.exists()
    assert current(system, "S01").values.count() == 0
