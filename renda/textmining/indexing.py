"""Keeping the full-text index in step with the items (全文索引).

`reindex(proposal)` is called by the proposal services inside the transaction that changes the
item (create, edit, submit, reply, merge, unmerge), so the index can never drift from the data;
deleting an item deletes its entry by cascade. `rebuild_index()` redoes every entry (after a
dictionary change, or by `manage.py rebuild_search_index`).
"""

from collections.abc import Iterable

from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone

from renda.proposals.models import Proposal, Signature
from renda.textmining import segmenter
from renda.textmining.models import SearchEntry

_NAMED = (Signature.Status.CONFIRMED, Signature.Status.INVITED)


def reindex(proposal: Proposal, *, check_duplicates: bool = False) -> None:
    """Write the item's index entry from its current values (the caller's instance for the
    item's own fields, the database for replies and signers). With `check_duplicates`, the
    near-duplicate check runs in the background once the transaction commits."""
    SearchEntry.objects.update_or_create(proposal_id=proposal.pk, defaults=_entry(proposal))
    if check_duplicates:
        from renda.textmining.tasks import flag_near_duplicates

        pk = proposal.pk
        transaction.on_commit(lambda: flag_near_duplicates.enqueue(pk))


def _entry(proposal: Proposal, replies: Iterable[str] | None = None, names=None) -> dict:
    if replies is None:
        replies = proposal.replies.order_by("round").values_list("body", flat=True)
    if names is None:
        names = _signer_names(proposal)
    own = "\n".join(p for p in (proposal.body, proposal.reasons, proposal.plan) if p)
    content = [*segmenter.index_words(own), *segmenter.index_words("\n".join(replies))]
    for name in names:  # a name is one word, and its parts (a surname) too
        content.extend({*segmenter.index_words(name), *segmenter.words(name)})
    return {
        "title": " ".join(segmenter.index_words(proposal.title)),
        "content": " ".join(content),
        "words": " ".join(segmenter.words(f"{proposal.title}\n{own}")),
        "indexed_at": timezone.now(),  # technical time, not the (replayable) domain clock
    }


def _signer_names(proposal: Proposal) -> list[str]:
    return list(
        proposal.signatures.filter(status__in=_NAMED).values_list("deputy__name", flat=True)
    )


def rebuild_index(batch: int = 500) -> int:
    """Rebuild every entry with the current dictionary; return the number of items."""
    segmenter.rebuild_dictionary()
    items = Proposal.objects.order_by("pk").prefetch_related(
        "replies",
        Prefetch(
            "signatures",
            queryset=Signature.objects.filter(status__in=_NAMED).select_related("deputy"),
        ),
    )
    count = 0
    with transaction.atomic():
        SearchEntry.objects.all().delete()
        rows = []
        for p in items.iterator(chunk_size=batch):
            replies = [r.body for r in p.replies.all()]
            names = [s.deputy.name for s in p.signatures.all()]
            rows.append(SearchEntry(proposal_id=p.pk, **_entry(p, replies, names)))
            if len(rows) >= batch:
                count += len(SearchEntry.objects.bulk_create(rows))
                rows = []
        count += len(SearchEntry.objects.bulk_create(rows))
    return count
