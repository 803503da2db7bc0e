"""Separation of administrators (三权分立): each administrator does their own job and no other;
everyday roles have none of these powers; the installation superuser is refused after setup;
every change is audited."""

import pytest
from django.test import Client

from renda.accounts.models import Role, User
from renda.accounts.tests.helpers import log_in
from renda.testing.factories import UnitFactory, UserFactory

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "Temp-pass-2026"


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def admins(db):
    return {
        Role.SYSTEM_ADMIN: UserFactory(role=Role.SYSTEM_ADMIN, username="sys"),
        Role.SECURITY_ADMIN: UserFactory(role=Role.SECURITY_ADMIN, username="sec"),
        Role.AUDIT_ADMIN: UserFactory(role=Role.AUDIT_ADMIN, username="aud"),
    }


def pages(target: User) -> dict[str, set[str]]:
    """Each administrator page and the one role that may open it."""
    return {
        "/accounts/users/": {Role.SYSTEM_ADMIN},
        "/accounts/users/new/": {Role.SYSTEM_ADMIN},
        f"/accounts/users/{target.pk}/": {Role.SYSTEM_ADMIN},
        f"/accounts/users/{target.pk}/password/": {Role.SYSTEM_ADMIN},
        "/accounts/security/": {Role.SECURITY_ADMIN},
        f"/accounts/security/users/{target.pk}/role/": {Role.SECURITY_ADMIN},
        "/accounts/admin/": {Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN, Role.AUDIT_ADMIN},
        "/admin/": {Role.SYSTEM_ADMIN},
        "/admin/congress/congresssettings/": {Role.SYSTEM_ADMIN},
        "/admin/accounts/user/": {Role.SYSTEM_ADMIN},
    }


def test_each_page_opens_for_its_role_only(cast, admins):
    everyday = {
        "deputy": cast.proposer,
        "staff": cast.staff,
        "presidium": cast.presidium,
        "unit": cast.lead_officer,
        "committee": cast.committee_member,
        "coordinator": cast.coordinator,
    }
    people = {**{str(role): user for role, user in admins.items()}, **everyday}
    target = cast.outsider
    wrong = []
    for url, allowed in pages(target).items():
        for name, user in people.items():
            status = client_for(user).get(url, follow=True).status_code
            expected = 200 if user.role in allowed else 403
            if status != expected:
                wrong.append((url, name, status))
    assert wrong == []


def test_the_system_administrator_creates_an_account(admins, recorded):
    unit = UnitFactory()
    sys_admin = client_for(admins[Role.SYSTEM_ADMIN])
    response = sys_admin.post(
        "/accounts/users/new/",
        {
            "username": "wangfang",
            "full_name": "王芳",
            "mobile": "13900000009",
            "organization": unit.pk,
            "role": Role.UNIT_OFFICER,
            "password": NEW_PASSWORD,
        },
    )
    assert response.status_code == 302
    user = User.objects.get(username="wangfang")
    assert user.role == Role.UNIT_OFFICER and user.password_reset_required
    assert ("permission_change", "accounts.user_created") in [r[:2] for r in recorded]
    new = Client()
    log_in(new, "wangfang", NEW_PASSWORD)
    assert new.get("/")["Location"].startswith("/accounts/password/")


def test_the_system_administrator_cannot_create_an_administrator(admins):
    sys_admin = client_for(admins[Role.SYSTEM_ADMIN])
    response = sys_admin.post(
        "/accounts/users/new/",
        {"username": "x", "full_name": "某", "role": Role.SECURITY_ADMIN, "password": NEW_PASSWORD},
    )
    assert response.status_code == 200
    assert not User.objects.filter(username="x").exists()


def test_a_weak_temporary_password_is_refused(admins):
    sys_admin = client_for(admins[Role.SYSTEM_ADMIN])
    response = sys_admin.post(
        "/accounts/users/new/",
        {"username": "x", "full_name": "某", "role": Role.STAFF, "password": "abc"},
    )
    assert "密码至少需要 8 个字符" in response.content.decode()
    assert not User.objects.filter(username="x").exists()


def test_the_system_administrator_edits_but_never_the_role(admins, cast, recorded):
    sys_admin = client_for(admins[Role.SYSTEM_ADMIN])
    staff = cast.staff
    response = sys_admin.post(
        f"/accounts/users/{staff.pk}/",
        {"full_name": "周新名", "mobile": "13700000001", "role": Role.SECURITY_ADMIN},
    )
    assert response.status_code == 302
    staff.refresh_from_db()
    assert staff.full_name == "周新名" and staff.mobile == "13700000001"
    assert staff.role == Role.STAFF
    role_page = f"/accounts/security/users/{staff.pk}/role/"
    assert sys_admin.post(role_page, {"role": Role.SECURITY_ADMIN}).status_code == 403
    staff.refresh_from_db()
    assert staff.role == Role.STAFF


def test_the_system_administrator_resets_passwords_and_disables_accounts(admins, cast):
    sys_admin = client_for(admins[Role.SYSTEM_ADMIN])
    deputy = cast.proposer
    sys_admin.post(f"/accounts/users/{deputy.pk}/password/", {"password": NEW_PASSWORD})
    deputy.refresh_from_db()
    assert deputy.check_password(NEW_PASSWORD) and deputy.password_reset_required
    sys_admin.post(f"/accounts/users/{deputy.pk}/active/", {"active": "0"})
    deputy.refresh_from_db()
    assert not deputy.is_active
    assert (
        "_auth_user_id" not in log_in(Client(), deputy.username, NEW_PASSWORD).wsgi_request.session
    )


def test_administrators_accounts_are_not_reset_by_the_system_administrator(admins):
    sys_admin = client_for(admins[Role.SYSTEM_ADMIN])
    security = admins[Role.SECURITY_ADMIN]
    url = f"/accounts/users/{security.pk}/password/"
    assert sys_admin.post(url, {"password": "Another-pass-2026"}).status_code == 403
    url = f"/accounts/users/{security.pk}/active/"
    assert sys_admin.post(url, {"active": "0"}).status_code == 403
    security.refresh_from_db()
    assert security.is_active and not security.check_password("Another-pass-2026")


def test_the_security_administrator_changes_roles_and_it_is_audited(admins, cast, recorded):
    security = client_for(admins[Role.SECURITY_ADMIN])
    staff = cast.staff
    url = f"/accounts/security/users/{staff.pk}/role/"
    assert security.post(url, {"role": Role.PRESIDIUM_SECRETARY}).status_code == 302
    staff.refresh_from_db()
    assert staff.role == Role.PRESIDIUM_SECRETARY
    category, action, row = recorded[-1]
    assert (category, action) == ("permission_change", "accounts.role_changed")
    assert row.actor == admins[Role.SECURITY_ADMIN] and row.object_id == str(staff.pk)
    assert row.detail == {"from": Role.STAFF, "to": Role.PRESIDIUM_SECRETARY}


def test_a_role_the_account_is_not_bound_for_is_refused(admins, cast):
    security = client_for(admins[Role.SECURITY_ADMIN])
    staff = cast.staff  # no organisation
    response = security.post(f"/accounts/security/users/{staff.pk}/role/", {"role": "unit_officer"})
    assert response.status_code == 200
    assert "该角色须关联相应类型的单位" in response.content.decode()
    staff.refresh_from_db()
    assert staff.role == Role.STAFF


def test_the_security_administrator_never_changes_their_own_role(admins):
    me = admins[Role.SECURITY_ADMIN]
    security = client_for(me)
    url = f"/accounts/security/users/{me.pk}/role/"
    assert security.post(url, {"role": Role.SYSTEM_ADMIN}).status_code == 403
    me.refresh_from_db()
    assert me.role == Role.SECURITY_ADMIN


def test_the_security_administrator_cannot_create_users(admins):
    security = client_for(admins[Role.SECURITY_ADMIN])
    response = security.post(
        "/accounts/users/new/",
        {"username": "x", "full_name": "某", "role": Role.STAFF, "password": NEW_PASSWORD},
    )
    assert response.status_code == 403
    assert not User.objects.filter(username="x").exists()


def test_administrators_see_no_business_data(admins, cast):
    from renda.proposals.access import visible_proposals

    for admin in admins.values():
        assert not visible_proposals(admin).exists()
        assert client_for(admin).get("/")["Location"] == "/accounts/admin/"


def test_the_superuser_works_until_installation_is_done(db):
    root = User.objects.create_superuser("root", "root@example.org", "Root-pass-2026-x", role="")
    client = client_for(root)
    assert client.get("/admin/").status_code == 200
    UserFactory(role=Role.SYSTEM_ADMIN)
    for url in ("/", "/admin/", "/accounts/users/", "/items/"):
        response = client.get(url)
        assert response.status_code == 403, url
        assert "超级用户账户仅用于安装" in response.content.decode()


def test_installation_done_by_setting(db, settings):
    settings.RENDA_INSTALLATION_DONE = True
    root = User.objects.create_superuser("root", "root@example.org", "Root-pass-2026-x", role="")
    assert client_for(root).get("/admin/").status_code == 403


def test_the_django_admin_keeps_administrators_out_of_reach(admins):
    sys_admin = client_for(admins[Role.SYSTEM_ADMIN])
    security = admins[Role.SECURITY_ADMIN]
    change = f"/admin/accounts/user/{security.pk}/change/"
    password = f"/admin/accounts/user/{security.pk}/password/"
    data = {"password1": "Another-pass-2026", "password2": "Another-pass-2026"}
    assert sys_admin.post(password, data).status_code == 403
    security.refresh_from_db()
    assert not security.check_password("Another-pass-2026")
    page = sys_admin.get(change).content.decode()  # view only
    assert 'name="is_active"' not in page and 'name="role"' not in page


def test_configuration_is_the_system_administrators(admins, cast):
    from django.contrib.auth.models import Permission

    from renda.congress.models import CongressSettings

    settings_id = CongressSettings.current().pk
    url = f"/admin/congress/congresssettings/{settings_id}/change/"
    staff = cast.staff
    staff.is_staff = True
    staff.save()
    staff.user_permissions.set(Permission.objects.filter(content_type__app_label="congress"))
    page = client_for(staff).get(url).content.decode()
    assert 'name="motion_min_signers"' not in page  # read only for staff
    page = client_for(admins[Role.SYSTEM_ADMIN]).get(url).content.decode()
    assert 'name="motion_min_signers"' in page
