"""Chinese word segmentation (分词) with jieba and a user dictionary of the platform's own names.

The names of handling units, regions, delegations, categories and deputies come from the database,
so "市交通运输局" or "魏都区" stays one word in the index and in queries. The dictionary is built
on first use, cached, and rebuilt when those names change (`mark_stale`, called on save) or when
`rebuild_dictionary()` is called. jieba's own cache lives under settings.VAR_DIR and its log is
kept quiet; nothing is downloaded.
"""

import hashlib
import logging
import re
import threading
from pathlib import Path

import jieba
from django.conf import settings

_WORD = re.compile(r"[^\W_]+")  # runs of letters and digits: one lexeme for PostgreSQL's parser
_USER_FREQ = 200_000  # high enough that a user word wins over jieba's own split

jieba.setLogLevel(logging.WARNING)


class _Segmenter:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.tokenizer: jieba.Tokenizer | None = None
        self.user_words: set[str] = set()
        self.base_freq: dict[str, int] = {}
        self.fingerprint = ""
        self.stale = True

    def get(self) -> jieba.Tokenizer:
        if self.tokenizer is None or self.stale:
            with self.lock:
                if self.tokenizer is None:
                    self.tokenizer = _new_tokenizer()
                if self.stale:
                    self._load_user_words()
        return self.tokenizer

    def _load_user_words(self, words: set[str] | None = None) -> None:
        words = dictionary_words() if words is None else words
        for word in self.user_words - words:
            # A name that is also an ordinary word (交通运输) gets its own frequency back.
            base = self.base_freq.pop(word, 0)
            if base:
                self.tokenizer.add_word(word, base)
            else:
                self.tokenizer.del_word(word)
        for word in words - self.user_words:
            self.base_freq[word] = self.tokenizer.FREQ.get(word, 0)
            self.tokenizer.add_word(word, _USER_FREQ)
        self.user_words = words
        self.fingerprint = _fingerprint(words)
        self.stale = False


def _new_tokenizer() -> jieba.Tokenizer:
    cache_dir = Path(settings.VAR_DIR) / "jieba"
    cache_dir.mkdir(parents=True, exist_ok=True)
    tokenizer = jieba.Tokenizer()
    tokenizer.tmp_dir = str(cache_dir)
    tokenizer.initialize()
    return tokenizer


def _fingerprint(words: set[str]) -> str:
    return hashlib.sha1("\n".join(sorted(words)).encode(), usedforsecurity=False).hexdigest()[
        :16
    ]  # a cache key, not a security measure


_state = _Segmenter()


def dictionary_words() -> set[str]:
    """The platform's own names: units (full and short), regions, delegations, categories,
    deputies. Read from the database each time the dictionary is rebuilt."""
    from renda.congress.models import Delegation, Deputy, Organization, Region
    from renda.proposals.models import Category

    names: set[str] = set()
    for model, fields in [
        (Organization, ("name", "short_name")),
        (Region, ("name",)),
        (Delegation, ("name",)),
        (Category, ("name",)),
        (Deputy, ("name",)),
    ]:
        for row in model.objects.values_list(*fields):
            names.update(n.strip() for n in row if n and len(n.strip()) > 1)
    return {n for n in names if " " not in n}


def mark_stale() -> None:
    """The names changed: rebuild the dictionary before the next segmentation."""
    _state.stale = True


def rebuild_dictionary() -> str:
    """Rebuild now; return the dictionary's fingerprint."""
    _state.stale = True
    _state.get()
    return _state.fingerprint


def use_dictionary(words: set[str]) -> None:
    """Use `words` as the user dictionary instead of the database's names (benchmarks and
    tools that run without the platform's database)."""
    with _state.lock:
        if _state.tokenizer is None:
            _state.tokenizer = _new_tokenizer()
        _state._load_user_words(set(words))


def dictionary_fingerprint() -> str:
    _state.get()
    return _state.fingerprint


def words(text: str) -> list[str]:
    """Precise-mode words of `text`, lowercased, punctuation dropped (for queries, features)."""
    return _lexemes(_state.get().cut(text or ""))


def index_words(text: str) -> list[str]:
    """Search-engine mode: every word and the shorter dictionary words inside long ones, so a
    query for "交通" finds "市交通运输局" (for the full-text index)."""
    return _lexemes(_state.get().cut_for_search(text or ""))


def parts(word: str) -> list[str]:
    """The shorter words inside `word` (its search-engine split without the word itself)."""
    return [w for w in index_words(word) if w != word]


def _lexemes(tokens) -> list[str]:
    out = []
    for token in tokens:
        out.extend(m.lower() for m in _WORD.findall(token))
    return out
