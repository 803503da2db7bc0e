"""Similar items (相似件) for a draft text or a stored item, over every item indexed.

One `SimilarityIndex` per process, built from the index's stored words and brought up to date
with the entries written since it last looked (refitted when those reach a tenth of it). The
caller's queryset decides what may be shown, as for search.
"""

import datetime as dt
import threading
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from renda.proposals.models import Proposal
from renda.textmining import segmenter
from renda.textmining.models import SearchEntry
from renda.textmining.similarity import SimilarityIndex

# Entries committed a little after another process looked are picked up on the next look.
_OVERLAP = dt.timedelta(seconds=60)


@dataclass
class Similar:
    proposal: Proposal
    score: float


class _Cache:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.reset()

    def reset(self) -> None:
        self.index: SimilarityIndex | None = None
        self.seen: dt.datetime | None = None
        self.added = 0

    def get(self) -> SimilarityIndex:
        with self.lock:
            now = timezone.now()
            if self.index is None or self.added > max(100, len(self.index) // 10):
                rows = list(SearchEntry.objects.values_list("proposal_id", "words"))
                self.index = SimilarityIndex().fit([r[0] for r in rows], [r[1] for r in rows])
                self.added = 0
            else:
                rows = list(
                    SearchEntry.objects.filter(indexed_at__gte=self.seen - _OVERLAP).values_list(
                        "proposal_id", "words"
                    )
                )
                self.index.upsert([r[0] for r in rows], [r[1] for r in rows])
                self.added += len(rows)
            self.seen = now
            return self.index


_cache = _Cache()


def reset_similarity_index() -> None:
    """Forget the process's index (it is rebuilt on the next query)."""
    _cache.reset()


def similar_items(
    items: QuerySet[Proposal],
    *,
    text: str | None = None,
    proposal: Proposal | None = None,
    limit: int = 5,
    min_score: float = 0.1,
) -> list[Similar]:
    """The items of `items` most similar to `text` (a draft being written) or to `proposal`
    (a stored item, itself and items merged with it left out), best first, with the cosine
    similarity (0–1) of their words."""
    if proposal is not None:
        doc = _words_of(proposal)
        exclude = [proposal.pk, *proposal.merged_items.values_list("pk", flat=True)]
        if proposal.merged_into_id:
            exclude.append(proposal.merged_into_id)
    else:
        doc, exclude = " ".join(segmenter.words(text or "")), []
    if not doc.strip():
        return []
    hits = [(pk, s) for pk, s in _cache.get().query(doc, k=limit * 10, exclude=exclude)]
    hits = [(pk, s) for pk, s in hits if s >= min_score]
    found = items.in_bulk([pk for pk, _ in hits])
    return [Similar(found[pk], s) for pk, s in hits if pk in found][:limit]


def _words_of(p: Proposal) -> str:
    entry = SearchEntry.objects.filter(proposal=p).values_list("words", flat=True).first()
    if entry is not None:
        return entry
    return " ".join(segmenter.words(f"{p.title}\n{p.body}\n{p.reasons}\n{p.plan}"))
