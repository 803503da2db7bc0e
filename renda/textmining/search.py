"""Full-text search (全文检索) over titles, contents, replies and deputies' names.

The query is segmented with the same dictionary as the index. Each query word matches either
itself or all of its shorter parts ("交通运输" also matches a text indexed as 交通 + 运输), and
every query word must match. Ranking and matching run in the database (PostgreSQL: tsvector,
GIN index, ts_rank; SQLite: FTS5, bm25); the caller's queryset keeps the scoping, so search
never shows an item its user may not see.

At 100,000 items some words are in half of them. So that such words cannot make a search
slow: at most the newest RANKED_MATCHES matches are ranked; on PostgreSQL a word found in more
than COMMON_SHARE of the items (from the column's statistics) only narrows a search that has
rarer words, and a search made only of such words ranks a sample of its matches.
"""

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db import connection, transaction
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL
from django.utils.safestring import SafeString

from renda.proposals.models import Proposal
from renda.textmining import segmenter
from renda.textmining.highlight import highlight, hit_spans

SNIPPET_WIDTH = 120
RANKED_MATCHES = 1000
COMMON_SHARE = 0.05  # a word in more than 5% of the items
COMMON_SAMPLE = 2000


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


def _common_words() -> frozenset[str]:
    """Words in more than COMMON_SHARE of the entries, from PostgreSQL's own statistics of the
    index column (kept by ANALYZE / autovacuum), re-read every few minutes."""
    now = time.monotonic()
    if now - _common["at"] > 300:
        with connection.cursor() as c:
            c.execute(
                "SELECT most_common_elems::text::text[], most_common_elem_freqs FROM pg_stats "
                "WHERE tablename = 'textmining_searchentry' AND attname = 'vector'"
            )
            row = c.fetchone()
        words, freqs = row if row and row[0] else ([], [])
        _common["words"] = frozenset(
            w for w, f in zip(words, freqs, strict=False) if f > COMMON_SHARE
        )
        _common["at"] = now
    return _common["words"]


_common: dict = {"at": float("-inf"), "words": frozenset()}


def _narrowed(q: ParsedQuery) -> tuple[ParsedQuery, bool]:
    """Drop words found in most items when rarer words remain (they would only make the
    index read long lists); say whether only such words are left."""
    common = _common_words()
    groups = [(word, () if all(p in common for p in parts) else parts) for word, parts in q.groups]
    rare = tuple(g for g in groups if g[0] not in common or g[1])
    return (ParsedQuery(rare, q.pieces), False) if rare else (ParsedQuery(tuple(groups)), True)


def _match(q: ParsedQuery) -> RawSQL:
    """The ids of the indexed items matching every word of `q` (uses the index)."""
    if connection.vendor == "postgresql":
        # OFFSET 0 keeps the planner from merging this into the outer query, where it would
        # walk the items newest first testing each vector instead of using the GIN index.
        return RawSQL(  # nosec B611 - a constant query with the search as a parameter
            "SELECT proposal_id FROM textmining_searchentry "
            "WHERE vector @@ to_tsquery('simple', %s) OFFSET 0",
            [_tsquery(q)],
        )
    return RawSQL(  # nosec B611 - a constant query with the search as a parameter
        "SELECT rowid FROM textmining_fts WHERE textmining_fts MATCH %s", [_fts5_query(q)]
    )


def _ranked(items: QuerySet[Proposal], q: ParsedQuery) -> QuerySet[Proposal]:
    table = Proposal._meta.db_table
    if connection.vendor == "postgresql":
        rank = RawSQL(  # nosec B611 - parameters only; the table name is a constant
            "(SELECT ts_rank(vector, to_tsquery('simple', %s)) FROM textmining_searchentry "  # nosec B608
            f'WHERE proposal_id = "{table}"."id")',
            [_tsquery(q)],
        )
    else:
        rank = RawSQL(  # nosec B611 - parameters only; the table name is a constant
            "(SELECT -bm25(textmining_fts, 4.0, 1.0) FROM textmining_fts "  # nosec B608
            f'WHERE textmining_fts MATCH %s AND rowid = "{table}"."id")',
            [_fts5_query(q)],
        )
    # Ranking reads every matching entry's vector; for a word found in tens of thousands of
    # items only the newest RANKED_MATCHES are ranked (matching itself uses the index).
    newest = items.filter(pk__in=_match(q)).order_by("-pk").values("pk")[:RANKED_MATCHES]
    return items.filter(pk__in=newest).annotate(search_rank=rank).order_by("-search_rank", "-pk")


def matching(items: QuerySet[Proposal], query: str) -> QuerySet[Proposal]:
    """The items of `items` matching every word of `query`, unranked (list filters and
    exports); none when the query has no words."""
    q = parse_query(query)
    return items.filter(pk__in=_match(q)) if q else items.none()


def search_proposals(items: QuerySet[Proposal], query: str, *, limit: int = 50) -> list[SearchHit]:
    """The items of `items` (already scoped by `visible_proposals` and any list filters) that
    match `query`, best first, at most `limit`, each with a highlighted title and snippet."""
    q = parse_query(query)
    if not q:
        return []
    with _planned(q) as planned:
        page = list(_ranked(items, planned).prefetch_related("replies")[:limit])
    return _hits(page, q.terms)


def search_page(
    items: QuerySet[Proposal], query: str, *, page: object, per_page: int
) -> tuple[Page, list[SearchHit]]:
    """One page of `search_proposals` (best first) for a paged list: the paginator's page,
    whose items also carry `title_html` and `snippet`, and its hits."""
    q = parse_query(query)
    if not q:
        return Paginator(items.none(), per_page).get_page(1), []
    with _planned(q) as planned:
        ranked = _ranked(items, planned).prefetch_related("replies")
        found = Paginator(ranked, per_page).get_page(page)
        found.object_list = list(found.object_list)
    hits = _hits(found.object_list, q.terms)
    for hit in hits:
        hit.proposal.title_html, hit.proposal.snippet = hit.title_html, hit.snippet
    return found, hits


def _hits(page: list[Proposal], terms: set[str]) -> list[SearchHit]:
    return [
        SearchHit(p, float(p.search_rank), highlight(p.title, terms), _snippet(p, terms))
        for p in page
    ]


@contextmanager
def _planned(q: ParsedQuery) -> Iterator[ParsedQuery]:
    """The query to run, inside the planner settings it needs (PostgreSQL)."""
    if connection.vendor != "postgresql":
        yield q
        return
    narrowed, only_common = _narrowed(q)
    with transaction.atomic(), connection.cursor() as c:
        # The GIN index is always the way in: a sequential scan would unpack every vector.
        c.execute("SET LOCAL enable_seqscan = off")
        if only_common:
            # Every word is in most items: read a sample of the matches, not all of them.
            c.execute(f"SET LOCAL gin_fuzzy_search_limit = {COMMON_SAMPLE}")
        yield narrowed


def without_names(query: str) -> str:
    """`query` without deputies' names (the public pages: the index also holds signers'
    names, which must not find anyone's items)."""
    from renda.congress.models import Deputy

    found = set(segmenter.words(query[:200]))
    for name in Deputy.objects.filter(name__in=found).values_list("name", flat=True):
        query = query.replace(name, " ")
    return query


def _snippet(p: Proposal, terms: set[str]) -> SafeString:
    own = "\n".join(x for x in (p.body, p.reasons, p.plan) if x)
    texts = [own, *[r.body for r in p.replies.all()]]
    best = max(texts, key=lambda t: len(hit_spans(t, terms)))
    return highlight(best, terms, SNIPPET_WIDTH)
