from pypinyin import Style, lazy_pinyin


def initials_of(name: str) -> str:
    """张建国 → zjg (first letters of the pinyin of each character; other text kept as is)."""
    return "".join(p[:1] for p in lazy_pinyin(name, style=Style.FIRST_LETTER)).lower()
