"""指标体系导入导出: a system as an .xlsx workbook of three sheets.

- 指标体系: rows of (item, value): 名称, 目标年份, 说明.
- 指标: one row per indicator — see COLUMNS; 目标值 is the whole city's target for the target
  year (a band indicator's band is its target, so it may stay empty).
- 分年度目标: further targets — 编号, 地区 (empty or 全市: the whole city), 年份, 目标值.

Importing checks every cell and writes nothing if any is wrong (`SheetRejected` lists each
error's sheet, row, column and reason). Into an existing system the workbook is a new version:
see `systems.apply_specs`.
"""

from collections.abc import Iterable
from decimal import Decimal
from typing import BinaryIO

from django.db import transaction
from django.utils.translation import gettext as _

from renda.accounts.models import User
from renda.congress.models import Organization, Region
from renda.indicators.models import (
    Accumulation,
    Direction,
    Frequency,
    Indicator,
    IndicatorSystem,
)
from renda.indicators.regions import CITY_NAME, county_regions
from renda.indicators.services import systems
from renda.indicators.services.cells import YEARS, RowReader
from renda.indicators.services.common import decimal_text, require_manager
from renda.indicators.services.systems import Changes, IndicatorSpec
from renda.indicators.sheets import (
    Rows,
    SheetError,
    SheetRejected,
    new_workbook,
    open_workbook,
    to_bytes,
    write_sheet,
)

SYSTEM_SHEET, INDICATOR_SHEET, TARGET_SHEET = "指标体系", "指标", "分年度目标"
COLUMNS = [
    "维度",
    "编号",
    "指标名称",
    "别名",
    "单位",
    "方向",
    "区间下限",
    "区间上限",
    "年内数值",
    "基期年份",
    "基期值",
    "目标值",
    "责任单位",
    "报送频次",
    "分县报送",
    "指标口径",
]
REQUIRED = ["维度", "编号", "指标名称", "单位", "方向", "基期年份", "基期值", "目标值", "责任单位"]
REQUIRED += ["报送频次"]
TARGET_COLUMNS = ["编号", "地区", "年份", "目标值"]

DIRECTIONS = {
    "正向": Direction.HIGHER,
    "越大越好": Direction.HIGHER,
    "逆向": Direction.LOWER,
    "越小越好": Direction.LOWER,
    "区间": Direction.BAND,
}
FREQUENCIES = {
    "年度": Frequency.ANNUAL,
    "半年": Frequency.HALF_YEARLY,
    "半年度": Frequency.HALF_YEARLY,
    "季度": Frequency.QUARTERLY,
    "月度": Frequency.MONTHLY,
}
ACCUMULATIONS = {"期末水平": Accumulation.LEVEL, "年内累计": Accumulation.YEAR_TO_DATE}
YES_NO = {"是": True, "否": False}


def _label(mapping: dict, value) -> str:
    return next(k for k, v in mapping.items() if v == value)


# -- export ---------------------------------------------------------------------------------


def export_system(system: IndicatorSystem) -> bytes:
    """The system's current indicators as a workbook `import_system` reads back."""
    workbook = new_workbook()
    write_sheet(
        workbook,
        SYSTEM_SHEET,
        ["项目", "内容"],
        [["名称", system.name], ["目标年份", system.target_year], ["说明", system.description]],
        widths={"内容": 60},
    )
    indicators = list(
        system.indicators.filter(retired_in_version__isnull=True)
        .select_related("dimension", "responsible_unit")
        .prefetch_related("targets__region")
        .order_by("order", "pk")  # the order an import gives back
    )
    write_sheet(
        workbook,
        INDICATOR_SHEET,
        COLUMNS,
        [_indicator_row(i, system.target_year) for i in indicators],
        choices={
            "方向": ["正向", "逆向", "区间"],
            "年内数值": list(ACCUMULATIONS),
            "报送频次": ["年度", "半年", "季度", "月度"],
            "分县报送": list(YES_NO),
        },
        widths={"维度": 16, "指标名称": 30, "责任单位": 24, "指标口径": 40},
    )
    write_sheet(
        workbook,
        TARGET_SHEET,
        TARGET_COLUMNS,
        [row for i in indicators for row in _target_rows(i, system.target_year)],
    )
    return to_bytes(workbook)


def _number(value: Decimal | None):
    if value is None:
        return None
    text = decimal_text(value)
    return int(text) if "." not in text else float(text)


def _indicator_row(i: Indicator, target_year: int) -> list:
    city_final = next(
        (t.value for t in i.targets.all() if t.year == target_year and t.region.kind == "city"),
        None,
    )
    return [
        i.dimension.name,
        i.code,
        i.name,
        i.aliases,
        i.unit,
        _label(DIRECTIONS, i.direction),
        _number(i.band_low),
        _number(i.band_high),
        _label(ACCUMULATIONS, i.accumulation),
        i.baseline_year,
        _number(i.baseline_value),
        _number(city_final),
        i.responsible_unit.name,
        _label(FREQUENCIES, i.frequency),
        _label(YES_NO, i.per_region),
        i.definition,
    ]


def _target_rows(i: Indicator, target_year: int) -> Iterable[list]:
    for t in i.targets.all():
        is_city = t.region.kind == "city"
        if is_city and t.year == target_year:
            continue  # in the 指标 sheet's 目标值
        yield [i.code, CITY_NAME if is_city else t.region.name, t.year, _number(t.value)]


# -- import ---------------------------------------------------------------------------------


def import_system(
    file: BinaryIO | bytes, *, actor: User, system: IndicatorSystem | None = None
) -> tuple[IndicatorSystem, Changes]:
    """导入: a new system from the workbook, or — given `system` — its next version (codes not
    in the workbook are retired). All or nothing."""
    require_manager(actor)
    workbook = open_workbook(file)
    header, specs, errors = _read(workbook, system)
    if errors:
        raise SheetRejected(errors)
    with transaction.atomic():
        if system is None:
            system = systems.create_system(actor=actor, **header)
        else:
            system = systems.update_system(
                system,
                actor=actor,
                target_year=header["target_year"],
                description=header["description"],
            )
        changes = systems.apply_specs(system, specs, actor=actor, retire_missing=True)
    system.refresh_from_db()
    return system, changes


def _read(workbook, system: IndicatorSystem | None):
    header, header_errors = _read_header(workbook, system)
    rows = Rows(workbook, INDICATOR_SHEET, COLUMNS, REQUIRED)
    target_rows = Rows(workbook, TARGET_SHEET, TARGET_COLUMNS, TARGET_COLUMNS)
    specs: list[IndicatorSpec] = []
    if not rows.errors:
        specs, codes = _read_indicators(rows, header.get("target_year"))
        if not target_rows.errors and header.get("target_year"):
            _read_targets(target_rows, {s.code: s for s in specs}, codes, header["target_year"])
    if not rows.errors and not rows.rows:
        rows.error(2, "", _("The sheet lists no indicator."))
    return header, specs, header_errors + rows.errors + target_rows.errors


def _read_header(workbook, system):
    errors: list[SheetError] = []
    if SYSTEM_SHEET not in workbook.sheetnames:
        return {}, [SheetError(SYSTEM_SHEET, 1, "", _("The sheet is missing."))]
    items = {}
    for number, cells in enumerate(workbook[SYSTEM_SHEET].iter_rows(values_only=True), start=1):
        if cells and cells[0] is not None:
            items[str(cells[0]).strip()] = (number, cells[1] if len(cells) > 1 else None)
    name = str(items.get("名称", (0, ""))[1] or "").strip()
    row_of = {k: v[0] for k, v in items.items()}
    if not name:
        errors.append(SheetError(SYSTEM_SHEET, row_of.get("名称", 1), "内容", _("Name missing.")))
    elif system is None and IndicatorSystem.objects.filter(name=name).exists():
        errors.append(
            SheetError(
                SYSTEM_SHEET,
                row_of["名称"],
                "内容",
                _("A system named “%(name)s” already exists; import into it as a new version.")
                % {"name": name},
            )
        )
    elif system is not None and name != system.name:
        errors.append(
            SheetError(
                SYSTEM_SHEET,
                row_of["名称"],
                "内容",
                _("This workbook is for “%(name)s”, not for this system.") % {"name": name},
            )
        )
    year = items.get("目标年份", (0, None))[1]
    if not (isinstance(year, int) or str(year or "").strip().isdigit()) or int(year) not in YEARS:
        errors.append(
            SheetError(SYSTEM_SHEET, row_of.get("目标年份", 2), "内容", _("Target year missing."))
        )
        year = None
    description = str(items.get("说明", (0, ""))[1] or "").strip()
    return {"name": name, "target_year": year and int(year), "description": description}, errors


def _units() -> dict[str, Organization]:
    found = {}
    for unit in Organization.objects.filter(kind=Organization.Kind.HANDLING_UNIT, active=True):
        found[unit.name] = unit
        if unit.short_name:
            found.setdefault(unit.short_name, unit)
    return found


def _read_indicators(rows: Rows, target_year: int | None) -> tuple[list[IndicatorSpec], set]:
    """The valid rows as specs, and every code the sheet mentions (valid or not)."""
    units, specs, codes = _units(), [], {}
    mentioned = set()
    for number, row in rows.rows:
        r = RowReader(rows, number, row)
        mentioned.add(str(r.raw("编号") or "").strip())
        spec = _read_indicator(r, units, target_year)
        if spec is None:
            continue
        if spec.code in codes:
            r.error(
                "编号",
                _("The code %(code)s is used on row %(row)s already.")
                % {"code": spec.code, "row": codes[spec.code]},
            )
            continue
        codes[spec.code] = number
        specs.append(spec)
    return specs, mentioned


def _read_indicator(r: RowReader, units, target_year) -> IndicatorSpec | None:
    before = len(r.rows.errors)
    values = {
        "dimension": r.text("维度", max_length=50),
        "code": r.text("编号", max_length=20),
        "name": r.text("指标名称", max_length=100),
        "aliases": r.text("别名", required=False),
        "unit": r.text("单位", max_length=20),
        "direction": r.choice("方向", DIRECTIONS),
        "accumulation": r.choice("年内数值", ACCUMULATIONS, default=Accumulation.LEVEL),
        "baseline_year": r.whole("基期年份", YEARS),
        "baseline_value": r.number("基期值"),
        "responsible_unit": r.choice(
            "责任单位", units, unknown=_("No handling unit is named “%(value)s”.")
        ),
        "frequency": r.choice("报送频次", FREQUENCIES),
        "per_region": r.choice("分县报送", YES_NO, default=False),
        "definition": r.text("指标口径", required=False, max_length=2000),
    }
    band = _read_band(r, values["direction"])
    final = r.number("目标值", required=values["direction"] != Direction.BAND)
    year = values["baseline_year"]
    if year is not None and target_year is not None and year >= target_year:
        r.error(
            "基期年份",
            _("The baseline year must come before the target year %(year)s.")
            % {"year": target_year},
        )
    if len(r.rows.errors) > before:
        return None
    targets = {(None, target_year): final} if final is not None else {}
    return IndicatorSpec(targets=targets, band_low=band[0], band_high=band[1], **values)


def _read_band(r: RowReader, direction) -> tuple[Decimal | None, Decimal | None]:
    if direction != Direction.BAND:
        for column in ("区间下限", "区间上限"):
            if r.raw(column) is not None:
                r.error(column, _("Only an indicator kept within a band (区间) has bounds."))
        return None, None
    low, high = r.number("区间下限"), r.number("区间上限")
    if low is not None and high is not None and low > high:
        r.error("区间上限", _("The upper bound is below the lower bound."))
    return low, high


def _read_targets(rows: Rows, specs: dict[str, IndicatorSpec], mentioned: set, target_year):
    """Targets of valid indicators; rows of indicators whose own row is wrong are skipped (that
    row's errors are reported already)."""
    regions: dict[str, Region | str] = {r.name: r for r in county_regions()}
    regions[CITY_NAME] = CITY_NAME
    seen: dict[tuple, int] = {}
    for number, row in rows.rows:
        r = RowReader(rows, number, row)
        code = r.text("编号", max_length=20)
        spec = specs.get(code) if code else None
        if code and spec is None and code not in mentioned:
            r.error("编号", _("No indicator with code %(code)s.") % {"code": code})
        region = r.choice(
            "地区", regions, default=CITY_NAME, unknown=_("No region is named “%(value)s”.")
        )
        year, value = r.whole("年份", YEARS), r.number("目标值")
        if spec is None or region is None or year is None or value is None:
            continue
        region = None if region == CITY_NAME else region
        _add_target(r, spec, region, year, value, target_year, seen)


def _add_target(r: RowReader, spec, region, year, value, target_year, seen) -> None:
    key = (spec.code, region, year)
    if region is not None and not spec.per_region:
        r.error("地区", _("%(code)s is not reported per county.") % {"code": spec.code})
    elif not spec.baseline_year < year <= target_year:
        r.error(
            "年份",
            _("A target year must be after the baseline year %(first)s and at most %(last)s.")
            % {"first": spec.baseline_year, "last": target_year},
        )
    elif key in seen:
        r.error("年份", _("This target is given twice (row %(row)s).") % {"row": seen[key]})
    elif region is None and year == target_year:
        r.error("年份", _("The city's target for the target year is the 指标 sheet's 目标值."))
    else:
        seen[key] = r.line
        spec.targets[(region, year)] = value
