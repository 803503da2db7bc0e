"""The demo's common-prosperity indicator system (共同富裕指标体系): 36 indicators in the 6
dimensions of the pilot-zone plan, targets for 2025, and the values units reported for
2021–2025 by the city and its counties — most on track, some lagging (R&D intensity, the
urban–rural income ratio, PM2.5 in 禹州市, elderly-care beds, reading), a few reports missing
or still awaiting review. Built through the indicator services, at the dates it happened,
and linked to the pilot-zone motion."""

import datetime as dt
import random
from decimal import Decimal
from typing import NamedTuple

from renda.accounts.models import Role, User
from renda.congress.models import Organization, Region
from renda.core import clock
from renda.demo.organisations import REGIONS
from renda.demo.structure import at
from renda.indicators import services
from renda.indicators.models import IndicatorSystem, IndicatorValue
from renda.indicators.regions import city_region
from renda.indicators.services import IndicatorSpec, ValueEntry
from renda.proposals.models import Proposal

SYSTEM_NAME = "颍川市城乡融合共同富裕先行试验区指标体系"
PILOT_MOTION = "关于加快推进城乡融合共同富裕先行试验区建设的议案"
YEARS = range(2021, 2026)


class Row(NamedTuple):
    code: str
    name: str
    aliases: str
    unit: str
    baseline: float  # 2020, whole city
    target: float  # 2025, whole city
    responsible: str
    per_region: bool = False
    direction: str = "higher"
    frequency: str = "annual"
    ytd: bool = False
    band: tuple[float, float] | None = None
    pace: float = 1.0  # the story: 1 on the path, below 1 behind it


DIMENSIONS = {
    "经济高质量发展": [
        Row(
            "E01",
            "人均地区生产总值",
            "人均GDP、人均生产总值",
            "元",
            67000,
            90000,
            "市发展和改革委员会",
            True,
        ),
        Row(
            "E02",
            "研究与试验发展经费投入强度",
            "研发投入强度、R&D经费投入强度",
            "%",
            1.9,
            2.5,
            "市科学技术局",
            pace=0.55,
        ),
        Row(
            "E03",
            "规上工业企业研发活动覆盖率",
            "规上工业企业研发活动全覆盖率、研发活动覆盖率",
            "%",
            50,
            75,
            "市科学技术局",
            True,
        ),
        Row("E04", "省级以上研发平台数量", "省级以上研发平台", "个", 180, 260, "市科学技术局"),
        Row("E05", "节能环保产业规模", "节能环保产业", "亿元", 800, 1200, "市工业和信息化局"),
        Row("E06", "常住人口城镇化率", "城镇化率", "%", 51.5, 60, "市发展和改革委员会", True),
    ],
    "收入分配": [
        Row(
            "I01",
            "城镇居民人均可支配收入",
            "城镇居民收入",
            "元",
            36000,
            50000,
            "市人力资源和社会保障局",
            True,
            frequency="half_yearly",
            ytd=True,
        ),
        Row(
            "I02",
            "农村居民人均可支配收入",
            "农村居民收入、农民人均可支配收入",
            "元",
            19500,
            28000,
            "市农业农村局",
            True,
            frequency="half_yearly",
            ytd=True,
        ),
        Row(
            "I03",
            "城乡居民收入倍差",
            "城乡居民收入比、城乡收入比",
            "倍",
            1.85,
            1.7,
            "市农业农村局",
            True,
            direction="lower",
            pace=0.45,
        ),
        Row(
            "I04",
            "城镇新增就业",
            "城镇新增就业人数",
            "人",
            40000,
            50000,
            "市人力资源和社会保障局",
            True,
            frequency="half_yearly",
            ytd=True,
        ),
        Row(
            "I05",
            "城镇调查失业率",
            "调查失业率",
            "%",
            4.9,
            5.0,
            "市人力资源和社会保障局",
            direction="band",
            band=(3.5, 5.5),
        ),
        Row(
            "I06",
            "新增农村劳动力转移就业",
            "农村劳动力转移就业",
            "人",
            60000,
            70000,
            "市人力资源和社会保障局",
            frequency="half_yearly",
            ytd=True,
        ),
    ],
    "公共服务": [
        Row(
            "P01",
            "每千人口执业（助理）医师数",
            "每千人口执业医师数",
            "人",
            2.6,
            3.2,
            "市卫生健康委员会",
            True,
        ),
        Row("P02", "每千名老年人养老床位数", "养老床位数", "张", 30, 40, "市民政局", pace=0.6),
        Row("P03", "学前教育毛入园率", "毛入园率", "%", 88, 93, "市教育局", True, pace=0.6),
        Row(
            "P04",
            "新建改扩建中小学校",
            "新建（改扩建）中小学、新建改扩建中小学",
            "所",
            25,
            30,
            "市教育局",
            ytd=True,
        ),
        Row(
            "P05",
            "城市社区养老服务设施覆盖率",
            "社区养老服务设施覆盖率",
            "%",
            80,
            100,
            "市民政局",
            True,
        ),
        Row(
            "P06",
            "快递直投行政村数量",
            "行政村实现快递直投、快递直投服务",
            "个",
            1500,
            2300,
            "市邮政管理局",
        ),
    ],
    "精神文明": [
        Row(
            "C01",
            "每万人拥有公共文化设施面积",
            "公共文化设施面积",
            "平方米",
            1800,
            2500,
            "市文化广电和旅游局",
        ),
        Row("C02", "县级以上文明村镇占比", "文明村镇占比", "%", 45, 60, "市文化广电和旅游局", True),
        Row("C03", "注册志愿者占常住人口比例", "注册志愿者比例", "%", 12, 18, "市文化广电和旅游局"),
        Row("C04", "居民综合阅读率", "综合阅读率", "%", 80, 86, "市文化广电和旅游局", pace=0.5),
        Row(
            "C05",
            "公共图书馆人均藏书量",
            "人均藏书量、人均图书藏量",
            "册",
            0.8,
            1.2,
            "市文化广电和旅游局",
        ),
        Row(
            "C06",
            "新时代文明实践站覆盖率",
            "文明实践站覆盖率",
            "%",
            85,
            100,
            "市文化广电和旅游局",
            True,
        ),
    ],
    "生态文明": [
        Row(
            "G01",
            "细颗粒物（PM2.5）平均浓度",
            "PM2.5平均浓度、PM2.5浓度",
            "微克/立方米",
            52,
            42,
            "市生态环境局",
            True,
            direction="lower",
        ),
        Row("G02", "空气质量优良天数比例", "优良天数比例", "%", 65, 75, "市生态环境局", True),
        Row(
            "G03",
            "单位地区生产总值能耗",
            "单位GDP能耗、万元GDP能耗",
            "吨标准煤/万元",
            0.52,
            0.44,
            "市发展和改革委员会",
            direction="lower",
        ),
        Row("G04", "森林覆盖率", "", "%", 25, 28, "市林业局"),
        Row(
            "G05",
            "地表水达到或好于Ⅲ类水体比例",
            "Ⅲ类水体比例、优良水体比例",
            "%",
            70,
            80,
            "市生态环境局",
        ),
        Row("G06", "农村生活污水治理率", "生活污水治理率", "%", 35, 55, "市生态环境局", True),
    ],
    "社会治理": [
        Row(
            "S01",
            "亿元地区生产总值生产安全事故死亡率",
            "亿元GDP生产安全事故死亡率",
            "人/亿元",
            0.025,
            0.018,
            "市应急管理局",
            direction="lower",
        ),
        Row("S02", "群众安全感满意度", "群众安全感", "%", 96, 98, "市公安局"),
        Row(
            "S03",
            "每万人刑事案件立案数",
            "刑事案件立案数",
            "件",
            30,
            24,
            "市公安局",
            True,
            direction="lower",
        ),
        Row(
            "S04",
            "矛盾纠纷调解中心覆盖率",
            "一站式矛盾纠纷调解中心覆盖率",
            "%",
            60,
            100,
            "市司法局",
            True,
        ),
        Row(
            "S05",
            "政务服务事项“一网通办”率",
            "一网通办率、网上可办率",
            "%",
            85,
            98,
            "市大数据管理局",
            pace=0.75,
        ),
        Row(
            "S06", "城乡社区综合服务设施覆盖率", "社区综合服务设施覆盖率", "%", 90, 100, "市民政局"
        ),
    ],
}

# Each county's level against the city's, by indicator group: income and output lower in the
# counties, urbanisation much lower outside the central districts.
COUNTY_LEVEL = {
    "魏都区": 1.18,
    "建安区": 0.92,
    "禹州市": 0.95,
    "长葛市": 1.05,
    "鄢陵县": 0.85,
    "襄城县": 0.86,
    "东城区": 1.12,
    "示范区": 0.97,
    "经济技术开发区": 1.15,
}
# (code, region, year): reports that never came; (code, region, year, month): still awaiting
# review; (code, region, year): returned once before being corrected.
MISSING = {
    ("E03", "鄢陵县", 2024),
    ("E03", "鄢陵县", 2025),
    ("C02", "襄城县", 2025),
    ("G06", "东城区", 2025),
    ("S04", "经济技术开发区", 2025),
    ("C03", "全市", 2025),
    ("S05", "全市", 2025),
}
PENDING = {("E04", 2025), ("G04", 2025), ("C05", 2025)}
RETURNED = {("I03", "禹州市", 2023), ("G01", "禹州市", 2024)}


def build_indicators(rng: random.Random) -> IndicatorSystem:
    """The system, its values and its link to the pilot-zone motion."""
    staff = User.objects.get(username="staff")
    regions = _regions()
    units = {o.name: o for o in Organization.objects.filter(kind="handling_unit")}
    with clock.travel(at(dt.date(2021, 12, 10), 10)):
        system = services.create_system(
            actor=staff,
            name=SYSTEM_NAME,
            target_year=2025,
            description="围绕经济高质量发展、收入分配、公共服务、精神文明、生态文明、社会治理"
            "等6个方面梳理36项指标，提出到2025年的发展目标。",
        )
        services.apply_specs(
            system, list(_specs(units, regions)), actor=staff, retire_missing=False
        )
    indicators = {i.code: i for i in system.indicators.all()}
    officers = _officers()
    story = _Reports(rng, regions, indicators, officers, staff)
    story.report_all()
    motion = Proposal.objects.get(title=PILOT_MOTION)
    with clock.travel(at(dt.date(2026, 4, 10), 15)):
        services.link_indicators(
            motion,
            actor=staff,
            indicators=list(indicators.values()),
            note="试验区指标体系：议案办理成效以此衡量",
        )
    return system


def _regions() -> list[Region]:
    names = [r[0] for r in REGIONS]
    counties = {r.name: r for r in Region.objects.filter(name__in=names)}
    return [city_region(), *(counties[n] for n in names)]


def _officers() -> dict[int, User]:
    officers: dict[int, User] = {}
    for user in User.objects.filter(role=Role.UNIT_OFFICER).order_by("pk"):
        officers.setdefault(user.organization_id, user)
    return officers


def _all_rows():
    for dimension, rows in DIMENSIONS.items():
        for row in rows:
            yield dimension, row


def _specs(units, regions):
    for dimension, row in _all_rows():
        targets = {(None, 2025): _dec(row.target, row)}
        if row.per_region and row.direction != "band":
            for region in regions[1:]:
                level = _county_level(row, region.name)
                targets[(region, 2025)] = _dec(row.target * level, row)
        yield IndicatorSpec(
            code=row.code,
            name=row.name,
            dimension=dimension,
            unit=row.unit,
            aliases=row.aliases,
            direction=row.direction,
            band_low=_dec(row.band[0], row) if row.band else None,
            band_high=_dec(row.band[1], row) if row.band else None,
            accumulation="ytd" if row.ytd else "level",
            baseline_year=2020,
            baseline_value=_dec(row.baseline, row),
            responsible_unit=units[row.responsible],
            frequency=row.frequency,
            per_region=row.per_region,
            targets=targets if row.direction != "band" else {},
        )


def _county_level(row: Row, region: str) -> float:
    """A county's level against the city's; shares and rates near 100% stay below it."""
    level = COUNTY_LEVEL[region]
    if row.unit == "%" and row.target * level > 100:
        return 100 / row.target
    if row.ytd:  # cumulative amounts: the county's share of the city's
        return level / len(COUNTY_LEVEL)
    return level


def _dec(value: float, row: Row) -> Decimal:
    places = _PLACES.get(row.unit, 1)
    if abs(value) < 1 and places < 3:
        places = 3
    return Decimal(str(round(value, places)))


_PLACES = {"元": 0, "人": 0, "个": 0, "所": 0, "件": 1, "张": 1, "倍": 2, "微克/立方米": 0}


class _Reports:
    """Each year's reports, by unit, at the dates they came in, and staff's review."""

    def __init__(self, rng, regions, indicators, officers, staff):
        self.rng, self.regions, self.indicators = rng, regions, indicators
        self.officers, self.staff = officers, staff
        self.rows = {row.code: row for _d, row in _all_rows()}
        self.pace = {
            (row.code, r.name): self._pace(row, r.name) for _d, row in _all_rows() for r in regions
        }

    def _pace(self, row: Row, region: str) -> float:
        if row.code == "G01" and region == "禹州市":
            return 0.2  # PM2.5 in 禹州市: the ceramics kilns (神垕镇) keep it high
        return row.pace * self.rng.uniform(0.92, 1.12)

    def report_all(self) -> None:
        for year in YEARS:
            self.period(year, 6, at(dt.date(year, 7, 20), 10), at(dt.date(year, 7, 28), 15))
            self.period(year, 12, at(dt.date(year + 1, 1, 22), 10), at(dt.date(year + 1, 2, 3), 15))

    def period(self, year: int, month: int, reported: dt.datetime, reviewed: dt.datetime):
        entries = [e for e in self._entries(year, month)]
        by_unit: dict[int, list[ValueEntry]] = {}
        for entry in entries:
            by_unit.setdefault(entry.indicator.responsible_unit_id, []).append(entry)
        values: list[IndicatorValue] = []
        with clock.travel(reported):
            for unit_id, unit_entries in by_unit.items():
                values += services.report_values(unit_entries, actor=self.officers[unit_id])
        returned = [v for v in values if (v.indicator.code, v.region.name, year) in RETURNED]
        with clock.travel(reviewed):
            for v in returned:
                services.return_value(
                    v, actor=self.staff, reason="与统计公报数据不一致，请核实后重报"
                )
        self._correct(returned, reviewed + dt.timedelta(days=3))
        keep_pending = {v.pk for v in values if (v.indicator.code, year) in PENDING}
        with clock.travel(reviewed + dt.timedelta(days=7)):
            services.accept_values(
                [v for v in values if v.pk not in keep_pending and v not in returned] + returned,
                actor=self.staff,
            )

    def _correct(self, returned: list[IndicatorValue], when: dt.datetime) -> None:
        with clock.travel(when):
            for v in returned:
                row = self.rows[v.indicator.code]
                corrected = v.value * Decimal("0.97") if row.direction == "lower" else v.value
                services.report_value(
                    v.indicator,
                    actor=self.officers[v.indicator.responsible_unit_id],
                    region=v.region,
                    year=v.year,
                    month=v.month,
                    value=_dec(float(corrected) + 0.01, row),
                    source_note=f"{v.region.name}统计局核实后修订数",
                )

    def _entries(self, year: int, month: int):
        for code, indicator in self.indicators.items():
            row = self.rows[code]
            if month == 6 and row.frequency != "half_yearly":
                continue
            regions = self.regions if row.per_region else self.regions[:1]
            for region in regions:
                if (code, region.name, year) in MISSING:
                    continue
                value = self._value(row, region.name, year, month)
                yield ValueEntry(indicator, region, year, month, value, _source(region, year))
            if year == 2021 and month == 12 and row.per_region:
                for region in self.regions[1:]:  # the counties' own 2020 baselines
                    base = row.baseline * _county_level(row, region.name)
                    yield ValueEntry(indicator, region, 2020, 12, _dec(base, row), "2020年统计年鉴")

    def _value(self, row: Row, region: str, year: int, month: int) -> Decimal:
        level = 1.0 if region == "全市" else _county_level(row, region)
        if row.band:
            value = self.rng.uniform(4.4, 5.3) + (0.6 if (region, year) == ("全市", 2022) else 0)
            return _dec(value, row)
        b, t = row.baseline * level, row.target * level
        share = (year - 2020) / 5 * self.pace[(row.code, region)]
        noise = self.rng.uniform(-0.02, 0.02) * abs(t - b)
        value = b + (t - b) * share + noise
        if row.ytd and month == 6:
            value *= self.rng.uniform(0.46, 0.51)
        if row.unit == "%":
            value = min(value, 100.0)
        return _dec(value, row)


def _source(region: Region, year: int) -> str:
    if region.kind == Region.Kind.CITY:
        return f"颍川市{year}年国民经济和社会发展统计公报"
    return f"{region.name}{year}年统计年报"
