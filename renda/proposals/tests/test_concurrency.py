"""Numbering and transitions under concurrent requests, on PostgreSQL (row locks are what is
tested; SQLite serialises all writers anyway). Runs in the PostgreSQL pass of .ci/run."""

import threading

import pytest
from django.db import connection

from renda.core.errors import DomainError
from renda.proposals import services
from renda.proposals.models import Kind, Proposal
from renda.testing.factories import CategoryFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locking is tested on PostgreSQL"
    ),
]


def submitted(cast, n):
    items = []
    for i in range(n):
        s = services.create_draft(
            actor=cast.proposer, kind=Kind.SUGGESTION, title=f"建议{i}", body="内容"
        )
        items.append(services.submit(s, actor=cast.proposer))
    return items


def run_in_threads(target, args_list):
    barrier = threading.Barrier(len(args_list))
    errors = []

    def run(*args):
        try:
            barrier.wait()
            target(*args)
        except Exception as exc:  # collected and asserted on by the test
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=a) for a in args_list]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return errors


def test_numbers_stay_unique_and_gap_free_under_concurrent_acceptance(cast):
    items = submitted(cast, 24)
    category = CategoryFactory()
    chunks = [items[i::6] for i in range(6)]

    def accept(chunk):
        for s in chunk:
            services.accept_suggestion(s, actor=cast.staff, category=category)

    assert run_in_threads(accept, [(c,) for c in chunks]) == []
    numbers = sorted(Proposal.objects.filter(kind=Kind.SUGGESTION).values_list("number", flat=True))
    assert numbers == list(range(1, 25))


def test_the_same_transition_requested_twice_at_once_happens_once(cast):
    (s,) = submitted(cast, 1)

    def accept():
        services.accept_suggestion(Proposal.objects.get(pk=s.pk), actor=cast.staff)

    errors = run_in_threads(accept, [()] * 4)
    assert len(errors) == 3 and all(isinstance(e, DomainError) for e in errors)
    s.refresh_from_db()
    assert s.state == "accepted" and s.number == 1
    assert s.events.filter(action="suggestion.accept").count() == 1
