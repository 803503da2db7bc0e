"""Failed logins lock the (account, address) pair after 5 failures for 30 minutes; the same
account from another address still logs in; an address is throttled after 20 failures; the
message never tells whether the account exists."""

import datetime as dt

import pytest
import time_machine

from renda.accounts.models import LoginLock, Role
from renda.accounts.tests.helpers import log_in, logged_in
from renda.testing.factories import UserFactory

pytestmark = pytest.mark.django_db
WRONG = "not-the-password-1A"
START = dt.datetime(2026, 3, 5, 9, tzinfo=dt.UTC)


def fail(client, username, times, address="10.0.0.1"):
    for _ in range(times):
        response = log_in(client, username, WRONG, address)
    return response.content.decode()


@pytest.fixture
def zhou(db):
    return UserFactory(username="zhou", mobile="13800000001")


def test_one_message_for_wrong_user_and_wrong_password(client, zhou):
    wrong_password = log_in(client, "zhou", WRONG).content.decode()
    no_such_user = log_in(client, "nobody", WRONG).content.decode()
    assert "用户名/手机号或密码不正确" in wrong_password
    assert "用户名/手机号或密码不正确" in no_such_user


def test_five_failures_lock_the_pair_even_with_the_right_password(client, zhou):
    page = fail(client, "zhou", 5)
    assert "尝试次数过多" in page
    response = log_in(client, "zhou")
    assert not logged_in(client)
    assert "尝试次数过多" in response.content.decode() and "30" in response.content.decode()


def test_four_failures_then_success_resets_the_count(client, zhou):
    fail(client, "zhou", 4)
    log_in(client, "zhou")
    assert logged_in(client)
    client.logout()
    fail(client, "zhou", 4)
    log_in(client, "zhou")
    assert logged_in(client)


def test_a_locked_unknown_account_reads_like_a_locked_real_one(client, zhou):
    fail(client, "zhou", 5)
    fail(client, "nobody", 5)
    real = log_in(client, "zhou", WRONG).content.decode()
    unknown = log_in(client, "nobody", WRONG).content.decode()
    assert "尝试次数过多，请 30 分钟后再试" in real
    assert "尝试次数过多，请 30 分钟后再试" in unknown


def test_the_same_account_from_another_address_still_logs_in(client, zhou):
    fail(client, "zhou", 5, address="10.9.9.9")
    log_in(client, "zhou", address="10.0.0.2")
    assert logged_in(client)


def test_the_identifier_is_normalised(client, zhou):
    fail(client, " ZHOU ", 3)
    fail(client, "zhou", 2)
    log_in(client, "zhou")
    assert not logged_in(client)


def test_the_lock_ends_after_thirty_minutes(client, zhou):
    with time_machine.travel(START, tick=False) as traveller:
        fail(client, "zhou", 5)
        traveller.shift(dt.timedelta(minutes=29))
        log_in(client, "zhou")
        assert not logged_in(client)
        traveller.shift(dt.timedelta(minutes=1, seconds=1))
        log_in(client, "zhou")
        assert logged_in(client)


def test_failures_spread_over_more_than_thirty_minutes_do_not_lock(client, zhou):
    with time_machine.travel(START, tick=False) as traveller:
        for _ in range(5):
            fail(client, "zhou", 1)
            traveller.shift(dt.timedelta(minutes=8))
        log_in(client, "zhou")
        assert logged_in(client)


def test_an_address_is_throttled_after_twenty_failures(client, zhou):
    with time_machine.travel(START, tick=False) as traveller:
        for n in range(20):
            fail(client, f"guess{n}", 1, address="10.6.6.6")  # never 5 for one account
        response = log_in(client, "zhou", address="10.6.6.6")
        assert not logged_in(client)
        assert "尝试次数过多" in response.content.decode()
        log_in(client, "zhou", address="10.0.0.7")  # other addresses are not affected
        assert logged_in(client)
        client.logout()
        traveller.shift(dt.timedelta(minutes=15, seconds=1))
        log_in(client, "zhou", address="10.6.6.6")
        assert logged_in(client)


def test_the_security_administrator_unlocks(client, zhou):
    security = UserFactory(role=Role.SECURITY_ADMIN)
    fail(client, "zhou", 5)
    lock = LoginLock.objects.get(account="zhou", address="10.0.0.1")
    admin = client.__class__()
    admin.force_login(security)
    page = admin.get("/accounts/security/").content.decode()
    assert 'data-lock="zhou"' in page
    assert admin.post(f"/accounts/security/locks/{lock.pk}/unlock/").status_code == 302
    log_in(client, "zhou")
    assert logged_in(client)


def test_nobody_else_unlocks(client, zhou, cast):
    fail(client, "zhou", 5)
    lock = LoginLock.objects.get(account="zhou")
    for user in (cast.system_admin, cast.staff, UserFactory(role=Role.AUDIT_ADMIN)):
        other = client.__class__()
        other.force_login(user)
        assert other.post(f"/accounts/security/locks/{lock.pk}/unlock/").status_code == 403
    log_in(client, "zhou")
    assert not logged_in(client)


def test_a_refused_locked_login_is_audited(client, zhou, recorded):
    fail(client, "zhou", 5)
    log_in(client, "zhou")
    locked = [row for category, action, row in recorded if action == "auth.login_locked"]
    assert [(r.category, r.actor_username, r.result) for r in locked] == [
        ("login_failed", "zhou", "refused")
    ]
