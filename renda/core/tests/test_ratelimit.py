"""Login and search are rate-limited: 429 with a Chinese page, and back after the window."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

pytestmark = pytest.mark.django_db

START = dt.datetime(2026, 3, 5, 9, 0, 0, tzinfo=dt.UTC)


def attempt(client, n=1, address="10.0.0.1"):
    return [
        client.post(
            reverse("accounts:login"),
            {"username": "nobody", "password": "wrong-password"},
            REMOTE_ADDR=address,
        ).status_code
        for _ in range(n)
    ]


def test_login_is_limited_per_address_and_recovers_after_the_window(client, settings):
    settings.RATELIMIT_LOGIN = (3, 60)
    with time_machine.travel(START, tick=False) as traveller:
        assert attempt(client, 3) == [200, 200, 200]
        response = client.post(
            reverse("accounts:login"), {"username": "a", "password": "b"}, REMOTE_ADDR="10.0.0.1"
        )
        assert response.status_code == 429
        assert "请求过于频繁" in response.content.decode()
        assert int(response["Retry-After"]) == 60
        assert attempt(client, 1, address="10.0.0.2") == [200]  # another address is not limited
        assert client.get(reverse("accounts:login"), REMOTE_ADDR="10.0.0.1").status_code == 200
        traveller.shift(dt.timedelta(seconds=61))
        assert attempt(client, 1) == [200]


def test_a_refused_login_does_not_log_in_even_with_the_right_password(client, cast, settings):
    settings.RATELIMIT_LOGIN = (1, 60)
    from renda.testing.factories import PASSWORD

    with time_machine.travel(START, tick=False):
        attempt(client, 1)
        response = client.post(
            reverse("accounts:login"),
            {"username": cast.proposer.username, "password": PASSWORD},
            REMOTE_ADDR="10.0.0.1",
        )
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_search_is_limited_per_user_and_plain_lists_are_not_counted(client, cast, settings):
    settings.RATELIMIT_SEARCH = (2, 60)
    client.force_login(cast.staff)
    url = reverse("proposals:list")
    with time_machine.travel(START, tick=False) as traveller:
        assert [client.get(url, {"q": "道路"}).status_code for _ in range(2)] == [200, 200]
        assert client.get(url, {"q": "道路"}).status_code == 429
        assert client.get(url).status_code == 200  # the list itself is not a search
        traveller.shift(dt.timedelta(minutes=1))
        assert client.get(url, {"q": "道路"}).status_code == 200


def test_the_public_search_is_limited_per_address(client, settings):
    settings.RATELIMIT_SEARCH = (1, 60)
    url = reverse("public:list")
    with time_machine.travel(START, tick=False):
        assert client.get(url, {"q": "路"}, REMOTE_ADDR="10.0.0.9").status_code == 200
        assert client.get(url, {"q": "路"}, REMOTE_ADDR="10.0.0.9").status_code == 429
        assert client.get(url, {"q": "路"}, REMOTE_ADDR="10.0.0.8").status_code == 200
