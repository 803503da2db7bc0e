"""Figures from text: candidates (indicator, period, region, value) in a unit's written
summary, each with the sentence it came from, for staff to confirm.

How a figure becomes a candidate:

1. The text is cut into sentences (。！？ and line breaks) and clauses (，；：).
2. Periods and regions are read left to right through a sentence; a figure takes the ones in
   force — at the sentence's start, the summary's period and region (the city, or the county
   whose summary it is; then its 全区/全县/全市 mean the county). A year after 较/比/与/到
   (较2020年, 到2025年) is a comparison or a plan, not the period.
3. A figure's indicator is named in the words between the previous figure of its clause (or
   the clause's start) and the figure; failing that, since the previous figure of the
   sentence; for a counted figure (2145个行政村…), just after it. An exact name or alias wins;
   otherwise the share of the name's character pairs found there must reach MATCH_THRESHOLD.
   Named nowhere, a figure takes the previous figure's indicator when only a few characters
   or a region stand between them (其中魏都区为31.2件; 同比下降3.2%，降至0.46).
4. The figure's unit must fit the indicator's (万人 for 人, 亿元 for 元, % for %); a bare
   number fits a ratio (倍), or any unit but % when the indicator is named exactly.
5. Skipped: changes (增长7.5%, 新增18个, 提高1.2个百分点 — unless the indicator measures growth
   or new additions, or the figure follows 到/至/为: 提高到65%), the starting value of a
   change (由2.05缩小至1.98), plans and targets (目标, 力争, 预计, 计划, 确保, 争取), and a
   county's figure for an indicator reported city-wide only.
6. 分别: regions (or indicators: 城镇和农村居民人均可支配收入) listed before it pair with the
   figures after it, in order; a bare number in the list takes the list's unit.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from decimal import Decimal

from renda.indicators.extraction.context import (
    Mention,
    RegionName,
    period_mentions,
    region_mentions,
)
from renda.indicators.extraction.numbers import COUNTERS, Figure, figures, unit_parts

MATCH_THRESHOLD = 0.75
CARRY_DISTANCE = 6  # characters between two figures that may share the first's indicator
_SENTENCE = re.compile(r"[^。！？!?\n]+[。！？!?]?")
_CLAUSE_BREAK = re.compile(r"[，,；;：:]")
_CHANGE = re.compile(
    r"(增长|增加|新增|提高|提升|下降|降低|减少|上升|缩小|扩大|增幅|增速|回落|改善)了?$"
)
_FROM = re.compile(r"^(?:缩小|下降|降低|提高|提升|增加|增长|上升|扩大|降|升)(?:到|至)")
_GROWTH_WORDS = ("增长", "增速", "增幅", "涨幅", "下降率", "增长率")
_PLAN = re.compile(r"目标|力争|预计|计划|确保|争取|规划|预期")
_APPROXIMATE = re.compile(r"(约|近|超过|超|逾|突破)$")
_SEPARATORS = re.compile(r"[、和及与]")


@dataclass(frozen=True)
class IndicatorRef:
    """What the extractor needs of an indicator."""

    key: object
    code: str
    name: str
    aliases: tuple[str, ...]
    unit: str
    per_region: bool

    def terms(self) -> list[str]:
        return [self.name, *self.aliases]


@dataclass(frozen=True)
class Candidate:
    indicator: IndicatorRef
    year: int
    month: int
    region: object  # a RegionName.key, or the city's key
    value: Decimal  # in the indicator's unit
    text: str  # the figure as written (4.17万人)
    sentence: str
    start: int  # the figure's place in the whole text
    end: int
    approximate: bool
    score: float


def extract(
    text: str,
    indicators: Iterable[IndicatorRef],
    regions: Iterable[RegionName],
    *,
    city: object,
    year: int,
    month: int = 12,
    region: object = None,
) -> list[Candidate]:
    """Candidates in `text`: (`year`, `month`) is the summary's period and `region` its
    region (default the city), used where a sentence names none. One candidate per
    (indicator, period, region): the first mention."""
    reader = _Reader(list(indicators), list(regions), city, region or city, year, month)
    found, seen = [], set()
    for m in _SENTENCE.finditer(text):
        for c in reader.sentence(m.group(), m.start()):
            key = (c.indicator.key, c.year, c.month, c.region)
            if key not in seen:
                seen.add(key)
                found.append(c)
    return found


@dataclass
class _State:
    """What is in force while a sentence is read."""

    region: object
    year: int
    month: int
    default_year: int
    default_month: int
    last: IndicatorRef | None = None  # the previous figure's indicator
    last_end: int = 0
    paired: dict = field(default_factory=dict)  # figure start → (region, context) for 分别

    def apply(self, mention: Mention) -> None:
        if mention.region is not None:
            self.region = mention.region
            return
        if mention.year is not None:
            self.year = mention.year
            self.month = self.default_month if mention.year == self.default_year else 12
        if mention.month is not None:
            self.month = mention.month


@dataclass
class _Reader:
    indicators: list[IndicatorRef]
    regions: list[RegionName]
    city: object
    home: object
    year: int
    month: int

    def sentence(self, sentence: str, offset: int) -> list[Candidate]:
        state = _State(self.home, self.year, self.month, self.year, self.month)
        mentions = period_mentions(sentence, self.year)
        mentions += region_mentions(sentence, self.regions, self.city, self.home)
        taken = [(m.start, m.end) for m in mentions]
        numbers = [
            f for f in figures(sentence) if not any(f.start < e and s < f.end for s, e in taken)
        ]
        numbers = _share_units(sentence, numbers)
        state.paired = _paired(sentence, numbers, mentions)
        events = sorted([(m.start, 0, m) for m in mentions] + [(f.start, 1, f) for f in numbers])
        found = []
        for _start, kind, item in events:
            if kind == 0:
                state.apply(item)
                continue
            candidate = self._figure(sentence, item, state)
            state.last_end = item.end
            if candidate is not None:
                found.append(replace(candidate, start=item.start + offset, end=item.end + offset))
        return found

    def _figure(self, sentence: str, figure: Figure, state: _State) -> Candidate | None:
        region, context = state.paired.get(figure.start, (None, None))
        region = state.region if region is None else region
        match = self._match(sentence, figure, state, context)
        if match is None:
            named = _best(sentence[state.last_end : figure.start], None, self.indicators)
            state.last = named[0] if named else state.last  # 同比下降3.2%，降至0.46吨…
            return None
        indicator, score, value = match
        state.last = indicator
        before = sentence[max(state.last_end, _clause_start(sentence, figure.start)) : figure.start]
        if _skipped(sentence, figure, before, indicator):
            return None
        if region != self.city and not indicator.per_region:
            return None
        approximate = figure.approximate or bool(_APPROXIMATE.search(before))
        return Candidate(
            indicator,
            state.year,
            state.month,
            region,
            value,
            figure.text,
            sentence.strip(),
            figure.start,
            figure.end,
            approximate,
            score,
        )

    def _match(self, sentence, figure, state, context):
        """(indicator, score, value) for the figure, looking where the module note says."""
        clause_start = _clause_start(sentence, figure.start)
        places = [context] if context else []
        places += [
            sentence[max(state.last_end, clause_start) : figure.start],
            sentence[state.last_end : figure.start],
        ]
        if figure.base in COUNTERS:
            places.append(sentence[figure.end : _clause_end(sentence, figure.end)])
        for place in places:
            match = _best(place, figure, self.indicators)
            if match is not None:
                return match
        gap = sentence[state.last_end : figure.start]
        near = len(re.sub(r"[，,；;、\s]", "", gap)) <= CARRY_DISTANCE
        if state.last is not None and (near or _names_region(gap, self.regions)):
            value = convert(figure, state.last.unit, exact=True)
            if value is not None:
                return state.last, 1.0, value
        return None


def _names_region(text: str, regions: list[RegionName]) -> bool:
    return any(s in text for r in regions for s in r.spellings())


def _skipped(sentence: str, figure: Figure, before: str, indicator: IndicatorRef) -> bool:
    clause = sentence[_clause_start(sentence, figure.start) : _clause_end(sentence, figure.end)]
    if _PLAN.search(clause):
        return True
    if _FROM.match(sentence[figure.end :]):
        return True  # 由2.05缩小至1.98: the starting value
    change = _CHANGE.search(before.rstrip())
    if change is None or any(w in indicator.name for w in _GROWTH_WORDS):
        return False
    return not (change.group(1) == "新增" and "新增" in indicator.name)  # 新增就业4.98万人


def _clause_start(sentence: str, position: int) -> int:
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(sentence, 0, position)]
    return breaks[-1] if breaks else 0


def _clause_end(sentence: str, position: int) -> int:
    m = _CLAUSE_BREAK.search(sentence, position)
    return m.start() if m else len(sentence)


def _after_paired_word(sentence: str, numbers: list[Figure]):
    """For each 分别 in the sentence: the text before it in its clause, and the figures after
    it in its clause (which may run on past commas while it lists figures: 分别为58.2%、57.5%)."""
    for m in re.finditer("分别", sentence):
        start = _clause_start(sentence, m.start())
        after = [f for f in numbers if f.start >= m.end()]
        listed = []
        for f in after:
            between = sentence[listed[-1].end if listed else m.end() : f.start]
            if listed and not re.fullmatch(r"\s*[、，,和及与]\s*", between):
                break
            listed.append(f)
        yield sentence[start : m.start()], listed


def _share_units(sentence: str, numbers: list[Figure]) -> list[Figure]:
    """分别为44、47和53微克/立方米: the bare numbers of a list take the list's unit."""
    replaced = {}
    for _subject, listed in _after_paired_word(sentence, numbers):
        unit = listed[-1].base if listed else ""
        for f in listed:
            if not f.base and unit and not f.magnitude:
                replaced[f.start] = replace(f, base=unit)
    return [replaced.get(f.start, f) for f in numbers]


def _paired(sentence: str, numbers: list[Figure], mentions: list[Mention]) -> dict:
    """分别 pairs: figure start → (region, the text to find its indicator in)."""
    paired = {}
    for subject, listed in _after_paired_word(sentence, numbers):
        start = sentence.index(subject) if subject else 0
        named = [
            x.region
            for x in mentions
            if x.region is not None and start <= x.start < start + len(subject)
        ]
        if len(named) >= 2 and len(named) == len(listed):
            paired.update({f.start: (r, subject) for f, r in zip(listed, named, strict=True)})
            continue
        parts = [p for p in _SEPARATORS.split(subject) if p]
        if len(parts) >= 2 and len(parts) == len(listed):
            tail = parts[-1]
            for f, part in zip(listed, parts, strict=True):
                paired[f.start] = (None, part + tail[len(part) :])  # None: the region in force
    return paired


def _best(context: str, figure: Figure | None, indicators: list[IndicatorRef]):
    """The best-named indicator whose unit fits the figure (any unit when no figure)."""
    best = None
    for indicator in indicators:
        score = name_score(context, indicator)
        if score < MATCH_THRESHOLD or (best is not None and score <= best[1]):
            continue
        if figure is None:
            best = (indicator, score, None)
            continue
        value = convert(figure, indicator.unit, exact=score >= 2)
        if value is not None:
            best = (indicator, score, value)
    return best


def name_score(context: str, indicator: IndicatorRef) -> float:
    """2 + a little for an exact name or alias in the context (longer wins); else the share
    of the name's (or an alias's) character pairs found in the context."""
    best = 0.0
    for term in indicator.terms():
        if term and term in context:
            best = max(best, 2 + len(term) / 100)
        elif len(term) >= 2:
            pairs = {term[i : i + 2] for i in range(len(term) - 1)}
            best = max(best, sum(p in context for p in pairs) / len(pairs))
    return best


def convert(figure: Figure, unit: str, *, exact: bool = False) -> Decimal | None:
    """The figure in `unit`, or None when the units do not fit (see the module note)."""
    factor, base = unit_parts(unit)
    fits = figure.base == base
    if figure.base == "" and base != "%":
        fits = base == "倍" or figure.magnitude or exact
    if not fits:
        return None
    value = figure.value / factor
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()
