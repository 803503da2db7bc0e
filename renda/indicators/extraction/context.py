"""What a figure's sentence says around it: the period (2024年, 1—9月, 上半年, 前三季度,
截至9月底, 今年, 去年) and the region (禹州市, 禹州, 全市)."""

import re
from dataclasses import dataclass

_CN_MONTH = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_MONTH |= {"十": 10, "十一": 11, "十二": 12}
_DASH = r"\s*[-—–－~～至到]+\s*"
_M = r"(?:1[0-2]|0?[1-9])"
_CN_M = r"(?:十[一二]?|[一二三四五六七八九])"

# Each pattern gives a year (or a shift from the default year) and an end month; earlier
# patterns win where they overlap.
PERIODS = [
    re.compile(rf"(?P<year>20\d\d)年(?:1{_DASH}(?P<month>{_M})月份?)"),
    re.compile(r"(?P<year>20\d\d)年(?:(?P<half>上半年|前三季度|一季度|第一季度|全年))"),
    re.compile(rf"(?<![\d.])1{_DASH}(?P<month>{_M})月份?"),
    re.compile(rf"一{_DASH}(?P<cn_month>{_CN_M})月份?"),
    re.compile(rf"截至(?:(?P<year>20\d\d)年)?(?P<month>{_M})月(?:底|末)?"),
    re.compile(rf"(?<![\d—\-至])(?P<month>{_M})月(?:底|末)"),
    re.compile(r"(?P<half>上半年|前三季度|第一季度|一季度|全年(?!任务|目标|计划)|年底|年末)"),
    re.compile(r"(?<![较比与于从自到至])(?P<year>20\d\d)年(?!\d)"),
    re.compile(r"(?<![较比与于从自到至])(?P<shift>今年|去年)"),
]
_HALVES = {"上半年": 6, "前三季度": 9, "一季度": 3, "第一季度": 3, "全年": 12}
_HALVES |= {"年底": 12, "年末": 12}


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    year: int | None = None  # None: keep the year in force
    month: int | None = None  # None: the year's default
    region: object = None


def period_mentions(text: str, default_year: int) -> list[Mention]:
    """Period mentions in `text`, non-overlapping, first pattern winning."""
    taken: list[tuple[int, int]] = []
    found = []
    for pattern in PERIODS:
        for m in pattern.finditer(text):
            if any(m.start() < end and start < m.end() for start, end in taken):
                continue
            taken.append(m.span())
            found.append(_mention(m, default_year))
    return sorted(found, key=lambda x: x.start)


def _mention(m: re.Match, default_year: int) -> Mention:
    groups = m.groupdict()
    year = int(groups["year"]) if groups.get("year") else None
    if groups.get("shift"):
        year = default_year - (1 if groups["shift"] == "去年" else 0)
    month = None
    if groups.get("month"):
        month = int(groups["month"])
    elif groups.get("cn_month"):
        month = _CN_MONTH[groups["cn_month"]]
    elif groups.get("half"):
        month = _HALVES[groups["half"]]
    return Mention(m.start(), m.end(), year, month)


@dataclass(frozen=True)
class RegionName:
    """A region as texts name it: its full name and, for districts and counties, the name
    without 区/县/市 (禹州). `key` is what the caller identifies it by."""

    key: object
    name: str
    kind: str

    def spellings(self) -> list[str]:
        names = [self.name]
        if self.kind in ("district", "county", "county_city") and len(self.name) >= 3:
            names.append(self.name[:-1])
        return names


CITY_WORDS = ("全市", "市本级")
HOME_WORDS = ("全区", "全县", "本区", "本县", "本市", "全市")


def region_mentions(
    text: str, regions: list[RegionName], city: object, home: object
) -> list[Mention]:
    """Region mentions in `text`, longest spelling first. 全市 names the city — unless the
    summary is a county's (`home`), whose 全区/全县/全市 (a county-level city) mean itself."""
    spellings = [(s, r.key) for r in regions for s in r.spellings()]
    if home == city:
        spellings += [(w, city) for w in CITY_WORDS]
    else:
        spellings += [(w, home) for w in HOME_WORDS]
    spellings.sort(key=lambda sk: -len(sk[0]))
    taken: list[tuple[int, int]] = []
    found = []
    for spelling, key in spellings:
        for m in re.finditer(re.escape(spelling), text):
            if any(m.start() < end and start < m.end() for start, end in taken):
                continue
            taken.append(m.span())
            found.append(Mention(m.start(), m.end(), region=key))
    return sorted(found, key=lambda x: x.start)
