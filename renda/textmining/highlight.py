"""Highlighted snippets: escape the text, then mark the hits (safe HTML)."""

import re
from collections.abc import Iterable

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


def hit_spans(text: str, terms: Iterable[str]) -> list[tuple[int, int]]:
    """Where any of `terms` occurs in `text` (case-insensitive), overlapping hits joined."""
    terms = sorted({t for t in terms if t}, key=len, reverse=True)
    if not terms or not text:
        return []
    pattern = re.compile("|".join(re.escape(t) for t in terms), re.IGNORECASE)
    spans: list[tuple[int, int]] = []
    for m in pattern.finditer(text):
        if spans and m.start() <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(spans[-1][1], m.end()))
        else:
            spans.append((m.start(), m.end()))
    return spans


def highlight(text: str, terms: Iterable[str], width: int | None = None) -> SafeString:
    """`text` (cut to about `width` characters around the first hit, when given) as HTML with
    every hit in <mark>; everything else escaped."""
    text = " ".join((text or "").split())
    spans = hit_spans(text, terms)
    start, end = 0, len(text)
    if width is not None and len(text) > width:
        first = spans[0][0] if spans else 0
        start = max(0, min(first - width // 4, len(text) - width))
        end = start + width
    out, pos = [], start
    for a, b in spans:
        if b <= start or a >= end:
            continue
        a, b = max(a, start), min(b, end)
        out.append(escape(text[pos:a]))
        out.append(f"<mark>{escape(text[a:b])}</mark>")
        pos = b
    out.append(escape(text[pos:end]))
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    # every piece of the text went through escape(); only our <mark> tags are raw
    return mark_safe(prefix + "".join(out) + suffix)  # nosec B308 B703
