"""Idle timeout (30 minutes, enforced by the server whatever the cookie says) and one active
session per account."""

import datetime as dt

import pytest
from django.test import Client

from renda.accounts.tests.helpers import log_in, logged_in
from renda.core import clock
from renda.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def zhou(db):
    return UserFactory(username="zhou")


def test_idle_for_thirty_minutes_logs_out(client, zhou):
    log_in(client, "zhou")
    start = clock.now()
    with clock.travel(start + dt.timedelta(minutes=29)):
        assert client.get("/").status_code == 200  # activity restarts the count
    with clock.travel(start + dt.timedelta(minutes=58)):
        assert client.get("/").status_code == 200
    with clock.travel(start + dt.timedelta(minutes=88, seconds=1)):
        response = client.get("/")
    assert response.status_code == 302 and response["Location"] == "/accounts/login/"
    assert not logged_in(client)
    assert "长时间未操作" in client.get("/accounts/login/").content.decode()


def test_the_idle_limit_is_a_setting(client, zhou, settings):
    settings.SESSION_IDLE_SECONDS = 60
    log_in(client, "zhou")
    with clock.travel(clock.now() + dt.timedelta(seconds=61)):
        client.get("/")
    assert not logged_in(client)


def test_a_new_login_ends_the_other_session(zhou):
    first, second = Client(), Client()
    log_in(first, "zhou")
    assert first.get("/").status_code == 200
    log_in(second, "zhou", address="10.0.0.2")
    response = first.get("/")
    assert response.status_code == 302 and response["Location"] == "/accounts/login/"
    assert "已在别处登录" in first.get("/accounts/login/").content.decode()
    assert second.get("/").status_code == 200


def test_changing_the_password_keeps_this_session(client, zhou):
    log_in(client, "zhou")
    client.post(
        "/accounts/password/",
        {
            "old_password": "Renda-pass-2026",
            "new_password1": "Qingshui-2027",
            "new_password2": "Qingshui-2027",
        },
    )
    assert client.get("/").status_code == 200
    assert logged_in(client)


def test_several_sessions_when_the_setting_is_off(zhou, settings):
    settings.RENDA_SINGLE_SESSION = False
    first, second = Client(), Client()
    log_in(first, "zhou")
    log_in(second, "zhou")
    assert first.get("/").status_code == 200
    assert second.get("/").status_code == 200


def test_an_htmx_request_after_the_timeout_reloads_the_whole_page(client, zhou):
    log_in(client, "zhou")
    with clock.travel(clock.now() + dt.timedelta(minutes=31)):
        response = client.get("/items/", headers={"HX-Request": "true"})
    assert response.status_code == 204
    assert response["HX-Redirect"] == "/accounts/login/"


def test_pages_within_a_minute_do_not_write_the_session(client, zhou):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    log_in(client, "zhou")
    start = clock.now()
    with clock.travel(start + dt.timedelta(seconds=30)), CaptureQueriesContext(connection) as q:
        client.get("/")
    assert not [x for x in q.captured_queries if "UPDATE" in x["sql"] and "session" in x["sql"]]
    with clock.travel(start + dt.timedelta(seconds=90)), CaptureQueriesContext(connection) as q:
        client.get("/")
    assert [x for x in q.captured_queries if "UPDATE" in x["sql"] and "session" in x["sql"]]
