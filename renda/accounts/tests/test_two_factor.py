"""TOTP second factor: required for staff and administrators when enforced (production),
optional for deputies; nothing opens before it is verified; the security administrator resets a
lost device."""

import time

import pytest
import time_machine
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from renda.accounts.models import Role
from renda.accounts.tests.helpers import log_in
from renda.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def enforced(settings):
    settings.RENDA_2FA_ENFORCED = True


def code(device: TOTPDevice) -> str:
    token = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token()
    return f"{token:06d}"


def verified_client(user) -> Client:
    """Signed in with both factors."""
    device = TOTPDevice.objects.create(user=user, name="TOTP", confirmed=True)
    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def enrol(client) -> TOTPDevice:
    page = client.get("/accounts/2fa/setup/").content.decode()
    assert "<svg" in page and "otpauth://totp/" in page  # QR drawn here, no network
    device = TOTPDevice.objects.get(confirmed=False)
    response = client.post("/accounts/2fa/setup/", {"token": code(device)})
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    return device


def test_staff_must_enrol_before_any_page(client, cast, enforced):
    cast.staff.username = "staff"
    cast.staff.save()
    log_in(client, "staff")
    response = client.get("/items/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/2fa/setup/")
    assert "必须使用第二因素" in client.get("/accounts/2fa/setup/").content.decode()
    enrol(client)
    assert client.get("/items/").status_code == 200


def test_an_enrolled_user_verifies_after_the_password(client, enforced):
    UserFactory(username="zhou", role=Role.STAFF)
    log_in(client, "zhou")
    device = enrol(client)
    client.logout()
    log_in(client, "zhou")
    response = client.get("/items/")
    assert response["Location"].startswith("/accounts/2fa/verify/")
    assert client.get("/accounts/password/").status_code == 302  # not even that
    wrong = client.post("/accounts/2fa/verify/", {"token": "000000"})
    assert "验证码不正确" in wrong.content.decode()
    assert client.get("/items/").status_code == 302
    device.refresh_from_db()
    device.throttling_failure_count = 0  # the wrong code above started django-otp's throttle
    device.throttling_failure_timestamp = None
    device.save()
    # the next 30-second step: the code used at enrolment may not be replayed
    with time_machine.travel(time.time() + 31, tick=False):
        client.post("/accounts/2fa/verify/", {"token": code(device)})
        assert client.get("/items/").status_code == 200


@pytest.mark.parametrize("role", [Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN, Role.AUDIT_ADMIN])
def test_administrators_must_enrol(client, enforced, role):
    UserFactory(username="admin", role=role)
    log_in(client, "admin")
    assert client.get("/accounts/admin/")["Location"].startswith("/accounts/2fa/setup/")


def test_optional_for_a_deputy(client, cast, enforced):
    log_in(client, cast.proposer.username)
    assert client.get("/items/").status_code == 200
    enrol(client)  # a deputy may enrol, and is then asked at every login
    client.logout()
    log_in(client, cast.proposer.username)
    assert client.get("/items/")["Location"].startswith("/accounts/2fa/verify/")


def test_not_enforced_in_development(client, cast, settings):
    assert settings.RENDA_2FA_ENFORCED is False  # the demo and e2e log staff in with a password
    log_in(client, cast.staff.username)
    assert client.get("/items/").status_code == 200


def test_the_security_administrator_resets_a_lost_device(client, enforced):
    zhou = UserFactory(username="zhou", role=Role.STAFF)
    log_in(client, "zhou")
    enrol(client)
    security = verified_client(UserFactory(role=Role.SECURITY_ADMIN))
    assert security.post(f"/accounts/security/users/{zhou.pk}/2fa-reset/").status_code == 302
    assert not TOTPDevice.objects.filter(user=zhou).exists()


def test_only_the_security_administrator_resets_devices(client, cast):
    zhou = UserFactory(username="zhou")
    TOTPDevice.objects.create(user=zhou, name="TOTP", confirmed=True)
    for user in (cast.system_admin, cast.staff, UserFactory(role=Role.AUDIT_ADMIN)):
        other = Client()
        other.force_login(user)
        assert other.post(f"/accounts/security/users/{zhou.pk}/2fa-reset/").status_code == 403
    assert TOTPDevice.objects.filter(user=zhou).exists()
