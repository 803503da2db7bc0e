"""批量报送: an Excel template of the rows a unit owes for one period, and its import.

Sheet 报送: 编号, 指标名称, 单位, 地区, 年份, 截至月份, 数值, 来源说明. Rows whose 数值 is empty
are skipped (nothing to report); every other row goes through `report_values`, so the import
is checked like the form and is all or nothing, with each refusal at its row.
"""

from typing import BinaryIO

from django.utils.translation import gettext as _

from renda.accounts.models import User
from renda.indicators.models import IndicatorSystem, IndicatorValue
from renda.indicators.periods import MONTHS
from renda.indicators.regions import CITY_NAME, city_region, county_regions
from renda.indicators.selectors import reportable_indicators
from renda.indicators.services.cells import YEARS, RowReader
from renda.indicators.services.reporting import EntriesRejected, ValueEntry, report_values
from renda.indicators.sheets import (
    Rows,
    SheetError,
    SheetRejected,
    new_workbook,
    open_workbook,
    to_bytes,
    write_sheet,
)

SHEET = "报送"
COLUMNS = ["编号", "指标名称", "单位", "地区", "年份", "截至月份", "数值", "来源说明"]
REQUIRED = ["编号", "地区", "年份", "截至月份", "数值", "来源说明"]


def value_template(system: IndicatorSystem, *, actor: User, year: int, month: int) -> bytes:
    """The rows `actor`'s unit owes for (year, month): its indicators reported in that month,
    for the whole city and, when reported per county, each county. Values already entered are
    filled in, so the template also serves to correct them."""
    indicators = [
        i
        for i in reportable_indicators(actor).filter(system=system)
        if month in MONTHS[i.frequency]
    ]
    city, counties = city_region(), list(county_regions())
    entered = {
        (v.indicator_id, v.region_id): v
        for v in IndicatorValue.objects.filter(indicator__in=indicators, year=year, month=month)
    }
    rows = []
    for i in indicators:
        for region in [city, *counties] if i.per_region else [city]:
            v = entered.get((i.pk, region.pk))
            rows.append(
                [
                    i.code,
                    i.name,
                    i.unit,
                    region.name,
                    year,
                    month,
                    float(v.value) if v else None,
                    v.source_note if v else "",
                ]
            )
    workbook = new_workbook()
    write_sheet(workbook, SHEET, COLUMNS, rows, widths={"指标名称": 30, "来源说明": 40})
    return to_bytes(workbook)


def import_values(
    system: IndicatorSystem, file: BinaryIO | bytes, *, actor: User
) -> list[IndicatorValue]:
    """导入报送表: all rows with a value are reported, or none (`SheetRejected`)."""
    rows = Rows(open_workbook(file), SHEET, COLUMNS, REQUIRED)
    if rows.errors:
        raise SheetRejected(rows.errors)
    indicators = {i.code: i for i in system.indicators.filter(retired_in_version__isnull=True)}
    regions = {r.name: r for r in county_regions()}
    regions[CITY_NAME] = city_region()
    entries, numbers = [], []
    for number, row in rows.rows:
        r = RowReader(rows, number, row)
        if r.raw("数值") is None:
            continue
        entry = _entry(r, indicators, regions)
        if entry is not None:
            entries.append(entry)
            numbers.append(number)
    if rows.errors:
        raise SheetRejected(rows.errors)
    if not entries:
        raise SheetRejected([SheetError(SHEET, 2, "数值", _("No row has a value to report."))])
    try:
        return report_values(entries, actor=actor)
    except EntriesRejected as refused:
        raise SheetRejected(
            [SheetError(SHEET, numbers[index], "", message) for index, message in refused.errors]
        ) from None


def _entry(r: RowReader, indicators: dict, regions: dict) -> ValueEntry | None:
    code = r.text("编号", max_length=20)
    indicator = indicators.get(code) if code else None
    if code and indicator is None:
        r.error("编号", _("No current indicator with code %(code)s.") % {"code": code})
    region = r.choice("地区", regions, unknown=_("No region is named “%(value)s”."))
    year = r.whole("年份", YEARS)
    month = r.whole("截至月份", range(1, 13))
    value = r.number("数值")
    note = r.text("来源说明", max_length=2000)
    if None in (indicator, region, year, month, value, note):
        return None
    return ValueEntry(indicator, region, year, month, value, note)
