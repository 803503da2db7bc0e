"""Queries per page stay the same as data grows: each page is measured with a little data and
with much more, and the counts must be equal."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from renda.proposals import services
from renda.proposals.models import Kind
from renda.proposals.tests.builders import build_item

pytestmark = pytest.mark.django_db


def queries(client, url) -> int:
    client.get(url)  # warm up: first-use rows (settings, session) are not the page's cost
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx)


def grow_items(cast, n):
    for _ in range(n):
        build_item(cast, Kind.SUGGESTION, "in_handling")
        closed = build_item(cast, Kind.SUGGESTION, "closed")
        services.publish_reply(closed, actor=cast.staff)


@pytest.mark.parametrize("persona", ["staff", "lead_officer", "proposer", "committee_member"])
@pytest.mark.parametrize("url", ["/", "/items/", "/items/?queue=__first__", "/public/"])
def test_list_pages_are_constant(client, cast, persona, url):
    user = getattr(cast, persona)
    client.force_login(user)
    if "__first__" in url:
        from renda.proposals.queues import queues_for

        url = url.replace("__first__", queues_for(user)[0].key)
    grow_items(cast, 3)
    few = queries(client, url)
    grow_items(cast, 25)
    assert queries(client, url) == few


def enrich(cast, item, n):
    """Add n of everything a detail page lists: signers, records, activities, history."""
    from renda.testing.factories import DeputyFactory

    deputies = [DeputyFactory(term=cast.session.term, delegation=cast.delegation) for _ in range(n)]
    from renda.proposals.models import Signature

    for d in deputies:
        Signature.objects.create(
            proposal=item, deputy=d, status="confirmed", invited_at=timezone.now()
        )
    for _ in range(n):
        services.record_contact(
            item,
            actor=cast.lead_officer,
            method="phone",
            occurred_on=timezone.localdate(),
            content="电话沟通",
        )
        services.record_committee_activity(
            item,
            actor=cast.committee_member,
            kind="hearing",
            occurred_on=timezone.localdate(),
            title="听取汇报",
        )


@pytest.mark.parametrize("persona", ["staff", "lead_officer", "proposer", "cosigner"])
def test_the_detail_page_is_constant(client, cast, persona):
    item = build_item(cast, Kind.SUGGESTION, "in_handling")
    client.force_login(getattr(cast, persona))
    enrich(cast, item, 2)
    few = queries(client, f"/items/{item.pk}/")
    enrich(cast, item, 12)
    assert queries(client, f"/items/{item.pk}/") == few


def test_the_public_detail_page_is_constant(client, cast):
    item = build_item(cast, Kind.SUGGESTION, "closed")
    services.publish_reply(item, actor=cast.staff)
    few = queries(client, f"/public/{item.pk}/")
    enrich(cast, item, 0)
    assert queries(client, f"/public/{item.pk}/") == few


def test_the_presidium_page_is_constant(client, cast):
    client.force_login(cast.presidium)
    build_item(cast, Kind.MOTION, "under_review")
    few = queries(client, "/presidium/")
    for _ in range(10):
        build_item(cast, Kind.MOTION, "under_review")
    assert queries(client, "/presidium/") == few


def test_the_draft_page_is_constant(client, cast):
    item = build_item(cast, Kind.MOTION, "draft")
    client.force_login(cast.proposer)
    few = queries(client, f"/items/{item.pk}/edit/")
    from renda.proposals.models import Signature
    from renda.testing.factories import DeputyFactory

    for _ in range(10):
        Signature.objects.create(
            proposal=item,
            deputy=DeputyFactory(term=cast.session.term),
            status="invited",
            invited_at=timezone.now(),
        )
    assert queries(client, f"/items/{item.pk}/edit/") == few


def grow_indexed(cast, n):
    """n more items of each kind, indexed for search, and a near-duplicate flag on each pair."""
    from renda.textmining.indexing import rebuild_index
    from renda.textmining.models import DuplicateFlag

    for _ in range(n):
        earlier = build_item(cast, Kind.SUGGESTION, "in_handling")
        later = build_item(cast, Kind.SUGGESTION, "accepted")
        DuplicateFlag.objects.create(
            proposal=later, similar=earlier, score=0.9, flagged_at=timezone.now()
        )
        closed = build_item(cast, Kind.SUGGESTION, "closed")
        services.publish_reply(closed, actor=cast.staff)
    rebuild_index()


@pytest.mark.parametrize(
    "persona,url",
    [
        ("staff", "/items/?q=交通秩序"),
        ("proposer", "/items/?q=交通秩序&state=in_handling"),
        ("lead_officer", "/items/?q=交通秩序"),
        ("proposer", "/public/?q=交通秩序"),
        ("staff", "/text/duplicates/"),
    ],
)
def test_search_and_duplicate_pages_are_constant(client, cast, persona, url):
    client.force_login(getattr(cast, persona))
    grow_indexed(cast, 2)
    few = queries(client, url)
    grow_indexed(cast, 12)
    assert queries(client, url) == few
    page = client.get(url).content.decode()
    assert "<mark>交通秩序</mark>" in page or 'class="card mb-3 duplicate-flag"' in page
