"""Full-text search (全文检索) over titles, contents, replies and deputies' names.

The query is segmented with the same dictionary as the index. Each query word matches either
itself or all of its shorter parts ("交通运输" also matches a text indexed as 交通 + 运输), and
every query word must match. Ranking and matching run in the database (PostgreSQL: tsvector,
GIN index, ts_rank; SQLite: FTS5, bm25); the caller's queryset keeps the scoping, so search
never shows an item its user may not see.
"""

from dataclasses import dataclass

from django.db import connection
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL
from django.utils.safestring import SafeString

from renda.proposals.models import Proposal
from renda.textmining import segmenter
from renda.textmining.highlight import highlight, hit_spans

SNIPPET_WIDTH = 120


@dataclass(frozen=True)
class ParsedQuery:
    groups: tuple[tuple[str, tuple[str, ...]], ...]  # (word, its parts) — each must match
    pieces: tuple[str, ...] = ()  # the query as typed, split at spaces (highlighted whole)

    @property
    def terms(self) -> set[str]:
        return {t for word, parts in self.groups for t in (word, *parts)} | set(self.pieces)

    def __bool__(self) -> bool:
        return bool(self.groups)


@dataclass
class SearchHit:
    proposal: Proposal
    rank: float
    title_html: SafeString
    snippet: SafeString


def parse_query(query: str) -> ParsedQuery:
    """Segment the query; single characters are dropped when longer words are present."""
    words = list(dict.fromkeys(segmenter.words(query[:200])))
    longer = [w for w in words if len(w) > 1]
    words = longer or words
    pieces = tuple(p for p in query[:200].split() if len(p) > 1)
    return ParsedQuery(tuple((w, tuple(segmenter.parts(w))) for w in words), pieces)


def _tsquery(q: ParsedQuery) -> str:
    def lex(t: str) -> str:
        return "'" + t.replace("'", "''") + "'"

    groups = []
    for word, parts in q.groups:
        alt = lex(word)
        if parts:
            alt = f"({alt} | ({' & '.join(lex(p) for p in parts)}))"
        groups.append(alt)
    return " & ".join(groups)


def _fts5_query(q: ParsedQuery) -> str:
    def lex(t: str) -> str:
        return '"' + t.replace('"', '""') + '"'

    groups = []
    for word, parts in q.groups:
        alt = lex(word)
        if parts:
            alt = f"({alt} OR ({' AND '.join(lex(p) for p in parts)}))"
        groups.append(alt)
    return " AND ".join(groups)


def _ranked(items: QuerySet[Proposal], q: ParsedQuery) -> QuerySet[Proposal]:
    table = Proposal._meta.db_table
    if connection.vendor == "postgresql":
        expr = _tsquery(q)
        match = RawSQL(
            "SELECT proposal_id FROM textmining_searchentry "
            "WHERE vector @@ to_tsquery('simple', %s)",
            [expr],
        )
        rank = RawSQL(
            "(SELECT ts_rank(vector, to_tsquery('simple', %s)) FROM textmining_searchentry "
            f'WHERE proposal_id = "{table}"."id")',
            [expr],
        )
    else:
        expr = _fts5_query(q)
        match = RawSQL("SELECT rowid FROM textmining_fts WHERE textmining_fts MATCH %s", [expr])
        rank = RawSQL(
            "(SELECT -bm25(textmining_fts, 4.0, 1.0) FROM textmining_fts "
            f'WHERE textmining_fts MATCH %s AND rowid = "{table}"."id")',
            [expr],
        )
    return items.filter(pk__in=match).annotate(search_rank=rank).order_by("-search_rank", "-pk")


def search_proposals(items: QuerySet[Proposal], query: str, *, limit: int = 50) -> list[SearchHit]:
    """The items of `items` (already scoped by `visible_proposals` and any list filters) that
    match `query`, best first, at most `limit`, each with a highlighted title and snippet."""
    q = parse_query(query)
    if not q:
        return []
    page = list(_ranked(items, q).prefetch_related("replies")[:limit])
    terms = q.terms
    return [
        SearchHit(p, float(p.search_rank), highlight(p.title, terms), _snippet(p, terms))
        for p in page
    ]


def _snippet(p: Proposal, terms: set[str]) -> SafeString:
    own = "\n".join(x for x in (p.body, p.reasons, p.plan) if x)
    texts = [own, *[r.body for r in p.replies.all()]]
    best = max(texts, key=lambda t: len(hit_spans(t, terms)))
    return highlight(best, terms, SNIPPET_WIDTH)
