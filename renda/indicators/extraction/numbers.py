"""Figures as Chinese government texts write them: 41728人, 41,728人, 4.17万人, 1300亿元,
突破千亿, 两千余户, 64.5%, 百分之六十四点五, 1.2个百分点 — a number, an optional magnitude
(万, 亿), an optional 余/多, and a unit of measure."""

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4}
_DIGITS |= {"五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_SMALL = {"十": 10, "百": 100, "千": 1000}
_BIG = {"万": 10**4, "亿": 10**8}
_MAGNITUDES = {"万亿": 10**12, "千万": 10**7, "百万": 10**6, "万": 10**4, "亿": 10**8}

# Longest first, so 个百分点 wins over 个 and 人次 over 人.
UNITS = sorted(
    [
        "个百分点",
        "%",
        "％",
        "人次",
        "人/亿元",
        "人",
        "元/人",
        "元",
        "个",
        "家",
        "所",
        "项",
        "亩",
        "公里",
        "千米",
        "户",
        "套",
        "张",
        "件",
        "名",
        "座",
        "吨标准煤/万元",
        "吨",
        "平方米",
        "立方米",
        "微克/立方米",
        "辆",
        "床",
        "处",
        "条",
        "台",
        "株",
        "公顷",
        "册",
        "倍",
        "千瓦时",
        "千瓦",
        "天",
        "篇",
    ],
    key=len,
    reverse=True,
)
# Units that count things: a figure with one may name what it counts after it (2145个行政村).
COUNTERS = {"个", "家", "所", "项", "户", "套", "张", "件", "名", "座", "辆", "处", "条", "台"}

_ARABIC = r"\d+(?:[,，]\d{3})*(?:\.\d+)?"
_CHINESE = r"[零〇一二两三四五六七八九十百千]+"
_MAGNITUDE = "|".join(sorted(_MAGNITUDES, key=len, reverse=True))
_UNIT = "|".join(re.escape(u) for u in UNITS)
TOKEN = re.compile(
    rf"(?<![\d.A-Za-z每第周+＋])(?P<number>{_ARABIC}|{_CHINESE})"
    rf"(?P<magnitude>{_MAGNITUDE})?(?P<approx>余|多)?(?P<unit>{_UNIT})?(?![\dA-Za-z+＋])"
)
_NOT_AMOUNTS = set("年月日号时届期版级类季")
PERCENT_WORDS = re.compile(
    r"百分之(?P<number>[零〇一二两三四五六七八九十百]+(?:点[零〇一二两三四五六七八九]+)?)"
)


@dataclass(frozen=True)
class Figure:
    """A figure found in text: `value` in `base` units (magnitude applied: 4.17万人 → 41700,
    "人"); `base` is empty when the text gives none (突破千亿)."""

    start: int
    end: int
    text: str
    value: Decimal
    base: str
    magnitude: bool
    approximate: bool


def chinese_number(text: str) -> int | None:
    """两千 → 2000, 一千三百 → 1300, 十二 → 12, 千 → 1000; None if it is not a number."""
    total, section, digit = 0, 0, None
    for ch in text:
        if ch in _DIGITS:
            if digit is not None:
                return None  # 二〇二五 and the like are not amounts
            digit = _DIGITS[ch]
        elif ch in _SMALL:
            section += (1 if digit is None else digit) * _SMALL[ch]
            digit = None
        elif ch in _BIG:
            section += digit or 0
            total = (total + (section or 1)) * _BIG[ch]
            section, digit = 0, None
        else:
            return None
    return total + section + (digit or 0)


def _number(text: str) -> Decimal | None:
    if text[0].isdigit():
        try:
            return Decimal(text.replace(",", "").replace("，", ""))
        except InvalidOperation:
            return None
    value = chinese_number(text)
    return None if value is None else Decimal(value)


def figures(text: str) -> list[Figure]:
    """Every figure in `text`, in order. A Chinese numeral counts only with a magnitude or a
    unit after it (一是, 十分, 千方百计 are words); 百分之… reads as a percentage."""
    found = []
    for m in TOKEN.finditer(text):
        raw, magnitude, unit = m["number"], m["magnitude"], m["unit"] or ""
        if not raw[0].isdigit() and not (magnitude or unit):
            continue
        if not (magnitude or unit) and text[m.end() : m.end() + 1] in _NOT_AMOUNTS:
            continue  # 2024年, 9月, 3日, 第5届 …
        value = _number(raw)
        if value is None:
            continue
        if magnitude:
            value *= _MAGNITUDES[magnitude]
        base = "%" if unit == "％" else unit
        found.append(
            Figure(m.start(), m.end(), m[0], value, base, bool(magnitude), bool(m["approx"]))
        )
    for m in PERCENT_WORDS.finditer(text):
        whole, _dot, fraction = m["number"].partition("点")
        value = chinese_number(whole)
        if value is None:
            continue
        digits = "".join(str(_DIGITS[c]) for c in fraction)
        number = Decimal(f"{value}.{digits}") if digits else Decimal(value)
        found.append(Figure(m.start(), m.end(), m[0], number, "%", False, False))
    return sorted(found, key=lambda f: f.start)


def unit_parts(unit: str) -> tuple[Decimal, str]:
    """An indicator's unit as (multiplier, base): 亿元 → (10⁸, 元), 万人 → (10⁴, 人)."""
    for prefix, factor in sorted(_MAGNITUDES.items(), key=lambda kv: -len(kv[0])):
        rest = unit.removeprefix(prefix)
        if rest != unit and rest in UNITS:
            return Decimal(factor), rest
    return Decimal(1), "%" if unit == "％" else unit
