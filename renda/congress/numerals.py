"""Chinese numerals as used in congress names (第七届, 第九次, 第五十一次)."""

_DIGITS = "零一二三四五六七八九"


def chinese_numeral(n: int) -> str:
    """1–999 in Chinese numerals; 10–19 without the leading 一 (十一, not 一十一)."""
    if not 0 < n < 1000:
        return str(n)
    hundreds, rest = divmod(n, 100)
    tens, ones = divmod(rest, 10)
    out = ""
    if hundreds:
        out += _DIGITS[hundreds] + "百"
        if tens == 0 and ones:
            return out + "零" + _DIGITS[ones]
    if tens:
        out += ("" if tens == 1 and not hundreds else _DIGITS[tens]) + "十"
    if ones:
        out += _DIGITS[ones]
    return out
