"""Password rules: 8 characters from 3 classes, 12 for administrators, no reuse of the last 5,
expiry after 90 days forces the password-change page; the ASVS profile drops composition and
rotation."""

import datetime as dt

import pytest
import time_machine
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from renda.accounts.models import PasswordHistory, Role, User
from renda.accounts.passwords import password_expired
from renda.accounts.tests.helpers import log_in
from renda.testing.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def errors(password, user=None) -> list[str]:
    try:
        validate_password(password, user)
    except ValidationError as error:
        return [e.code for e in error.error_list]
    return []


def test_eight_characters_from_three_classes():
    deputy = UserFactory(role=Role.STAFF)
    assert errors("Ab3$xyz", deputy) == ["password_too_short"]
    assert errors("qingshuihe7", deputy) == ["password_too_simple"]
    assert errors("Qingshui2026", deputy) == []
    assert errors("qingshui-2026", deputy) == []


@pytest.mark.parametrize("role", [Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN, Role.AUDIT_ADMIN])
def test_administrators_need_twelve(role):
    admin = UserFactory(role=role)
    assert errors("Qingshui2026", admin) == []  # 12 characters
    assert errors("Qingshui206", admin) == ["password_too_short"]
    superuser = UserFactory(role=Role.STAFF, is_superuser=True)
    assert errors("Qingshui206", superuser) == ["password_too_short"]


def test_the_asvs_profile_drops_composition_rules(settings):
    settings.RENDA_PASSWORD_MIN_CLASSES = 0
    assert errors("correct horse battery", UserFactory()) == []


def test_the_last_five_passwords_are_refused():
    user = UserFactory()
    for n in range(1, 6):
        user.set_password(f"Password-{n}x")
        user.save()
    assert PasswordHistory.objects.filter(user=user).count() == 5
    assert errors("Password-5x", user) == ["password_reused"]  # the current one
    assert errors("Password-1x", user) == ["password_reused"]
    assert errors(PASSWORD, user) == []  # the factory's, six passwords ago
    assert errors("Password-6x", user) == []


def test_changing_to_a_recent_password_on_the_page_is_refused(client):
    user = UserFactory(username="zhou")
    log_in(client, "zhou")
    response = client.post(
        "/accounts/password/",
        {"old_password": PASSWORD, "new_password1": PASSWORD, "new_password2": PASSWORD},
    )
    assert response.status_code == 200
    assert "不能重复使用" in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_an_expired_password_forces_the_change_page(client):
    user = UserFactory(username="zhou")
    with time_machine.travel(dt.datetime(2026, 1, 1, 9, tzinfo=dt.UTC), tick=False):
        user.set_password("Old-pass-2026")
        user.save()
    with time_machine.travel(dt.datetime(2026, 4, 2, 9, tzinfo=dt.UTC), tick=False):
        assert password_expired(user)  # 91 days
        log_in(client, "zhou", "Old-pass-2026")
        response = client.get("/")
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/password/")
        assert client.get("/items/").status_code == 302
        page = client.get("/accounts/password/").content.decode()
        assert "修改密码" in page
        client.post(
            "/accounts/password/",
            {
                "old_password": "Old-pass-2026",
                "new_password1": "New-pass-2026",
                "new_password2": "New-pass-2026",
            },
        )
        assert client.get("/").status_code == 200
        assert not password_expired(User.objects.get(pk=user.pk))


def test_a_password_eighty_nine_days_old_is_fine():
    with time_machine.travel(dt.datetime(2026, 1, 1, 9, tzinfo=dt.UTC), tick=False):
        user = UserFactory()
    with time_machine.travel(dt.datetime(2026, 3, 31, 9, tzinfo=dt.UTC), tick=False):
        assert not password_expired(user)


def test_no_expiry_under_the_asvs_profile(settings):
    settings.RENDA_PASSWORD_MAX_AGE_DAYS = 0
    with time_machine.travel(dt.datetime(2020, 1, 1, tzinfo=dt.UTC), tick=False):
        user = UserFactory()
    assert not password_expired(user)
