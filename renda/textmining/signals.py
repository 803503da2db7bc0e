"""Keep derived text data in step with the names it is built from.

These receivers only invalidate caches and schedule a rebuild (no business rule lives here): when
a unit, region, delegation, category or deputy is saved or deleted, the user dictionary is marked
stale and, after commit, the search index is rebuilt in the background so items indexed with the
old dictionary match queries segmented with the new one.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save


def _names_changed(sender, **kwargs) -> None:
    from renda.textmining import segmenter

    segmenter.mark_stale()
    if kwargs.get("raw"):
        return
    # One rebuild per transaction, however many names it changes (the demo saves hundreds).
    pending = transaction.get_connection().run_on_commit
    if not any(entry[1] is _schedule_rebuild for entry in pending):
        transaction.on_commit(_schedule_rebuild)


def _schedule_rebuild() -> None:
    from renda.textmining.tasks import rebuild_search_index

    rebuild_search_index.enqueue()


def connect() -> None:
    from renda.congress.models import Delegation, Deputy, Organization, Region
    from renda.proposals.models import Category

    for model in (Organization, Region, Delegation, Category, Deputy):
        post_save.connect(_names_changed, sender=model, dispatch_uid=f"textmining-{model.__name__}")
        post_delete.connect(
            _names_changed, sender=model, dispatch_uid=f"textmining-del-{model.__name__}"
        )
