"""A lost database answers 503 with Retry-After in Chinese; a form sent again after an
outage (or twice) takes effect once."""

import re
from unittest import mock

import pytest
from django.db import OperationalError
from django.test import RequestFactory

from renda.proposals import services
from renda.proposals.models import Proposal, ProposalEvent
from renda.reliability.models import IdempotencyKey
from renda.reliability.outage import server_error

pytestmark = pytest.mark.django_db
NEW = "/items/new/suggestion/"
DRAFT = {"title": "关于增设路灯的建议", "body": "初稿"}


@pytest.fixture
def deputy(client, cast):
    client.force_login(cast.proposer)
    return cast.proposer


def _lost_connection(*args, **kwargs):
    raise OperationalError("server closed the connection unexpectedly")


def test_a_lost_database_in_a_view_answers_503_in_chinese(client, deputy):
    with mock.patch.object(services, "create_draft", _lost_connection):
        response = client.post(NEW, DRAFT)
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert "数据库" in response.content.decode()
    assert not Proposal.objects.exists()


def test_a_lost_database_outside_the_views_also_answers_503():
    request = RequestFactory().get("/")
    try:
        raise OperationalError("terminating connection due to administrator command")
    except OperationalError:
        response = server_error(request)
    assert response.status_code == 503 and response["Retry-After"] == "5"
    try:
        raise ValueError("a bug")
    except ValueError:
        assert server_error(request).status_code == 500


def test_a_session_that_cannot_be_saved_for_the_outage_answers_503(client, deputy):
    from django.contrib.sessions.backends.base import UpdateError
    from django.contrib.sessions.backends.db import SessionStore

    def lost_while_saving(self, must_create=False):
        try:
            raise OperationalError("the database system is shutting down")
        except OperationalError:
            raise UpdateError from None  # Django raises it bare; the database error is its context

    with mock.patch.object(SessionStore, "save", lost_while_saving):
        response = client.get("/")
    assert response.status_code == 503 and response["Retry-After"] == "5"


def test_the_new_draft_form_carries_a_fresh_key(client, deputy):
    keys = [_key(client.get(NEW)) for _ in range(2)]
    assert all(keys) and keys[0] != keys[1]


def test_a_draft_sent_twice_with_its_key_is_created_once(client, deputy):
    key = _key(client.get(NEW))
    first = client.post(NEW, {**DRAFT, "idempotency_key": key})
    again = client.post(NEW, {**DRAFT, "idempotency_key": key})
    assert first.status_code == again.status_code == 302
    assert again["Location"] == first["Location"] and again["Idempotent-Replay"] == "true"
    assert Proposal.objects.filter(created_by=deputy).count() == 1
    # without a key (an old page, a script) each POST is its own request, as before
    client.post(NEW, DRAFT)
    assert Proposal.objects.filter(created_by=deputy).count() == 2


def test_a_retry_after_a_503_does_the_work_once(client, deputy):
    with mock.patch.object(services, "create_draft", _lost_connection):
        assert client.post(NEW, {**DRAFT, "idempotency_key": "k" * 32}).status_code == 503
    assert not IdempotencyKey.objects.exists()  # the failed attempt left nothing
    for _ in range(2):
        assert client.post(NEW, {**DRAFT, "idempotency_key": "k" * 32}).status_code == 302
    assert Proposal.objects.filter(created_by=deputy).count() == 1


def test_a_submission_retried_with_its_key_is_recorded_once(client, deputy):
    item = services.create_draft(actor=deputy, kind="suggestion", title="建议", body="内容")
    url = f"/items/{item.pk}/submit/"
    key = _key(client.get(f"/items/{item.pk}/edit/"))
    headers = {"HTTP_IDEMPOTENCY_KEY": key}  # the header works as well as the form field
    assert client.post(url, **headers).status_code == 302
    retried = client.post(url, **headers)
    assert retried.status_code == 302 and retried["Location"] == f"/items/{item.pk}/"
    assert ProposalEvent.objects.filter(proposal=item, action="suggestion.submit").count() == 1
    item.refresh_from_db()
    assert item.state == "submitted"


def test_a_key_is_per_user_and_per_form(client, deputy, cast):
    key = "shared-key-123"
    client.post(NEW, {**DRAFT, "idempotency_key": key})
    assert client.post("/items/new/motion/", {**DRAFT, "idempotency_key": key}).status_code == 409
    client.force_login(cast.invitee)
    assert client.post(NEW, {**DRAFT, "idempotency_key": key}).status_code == 302
    assert Proposal.objects.count() == 2


def test_a_malformed_key_is_ignored(client, deputy):
    for bad in ["", "short", "x" * 65, "不是键不是键不是键", "a b c d e f g h"]:
        assert client.post(NEW, {**DRAFT, "idempotency_key": bad}).status_code == 302
    assert Proposal.objects.count() == 5 and not IdempotencyKey.objects.exists()


def _key(response) -> str:
    found = re.search(r'name="idempotency_key" value="([0-9a-f]{32})"', response.content.decode())
    return found.group(1) if found else ""
