"""/audit/ and its export: for the audit administrator only; filters; constant queries."""

import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from renda.accounts.models import Role
from renda.audit.models import AuditRecord, Category, Result
from renda.audit.services import record
from renda.core.clock import travel
from renda.testing.factories import (
    CommitteeFactory,
    UnitFactory,
    UserFactory,
    deputy_user,
)

pytestmark = pytest.mark.django_db
LIST, EXPORT = reverse("audit:list"), reverse("audit:export")


@pytest.fixture
def auditor():
    return UserFactory(role=Role.AUDIT_ADMIN, username="auditor")


def everyone_else():
    """One account of every other role, plus a Django superuser and an admin-site user."""
    users = [
        deputy_user(),
        UserFactory(role=Role.UNIT_OFFICER, organization=UnitFactory()),
        UserFactory(role=Role.COMMITTEE_MEMBER, organization=CommitteeFactory()),
        UserFactory(
            role=Role.COORDINATOR,
            organization=UnitFactory(kind="government_office", unit_type=""),
        ),
        UserFactory(role=Role.STAFF),
        UserFactory(role=Role.PRESIDIUM_SECRETARY),
        UserFactory(role=Role.SYSTEM_ADMIN, is_staff=True),
        UserFactory(role=Role.SECURITY_ADMIN, is_staff=True),
        UserFactory(role=Role.STAFF, is_staff=True, is_superuser=True),
    ]
    assert {u.role for u in users} | {Role.AUDIT_ADMIN} == set(Role.values)
    return users


def test_only_the_audit_administrator_opens_the_log_and_its_export(client, auditor):
    for user in everyone_else():
        client.force_login(user)
        assert client.get(LIST).status_code == 403, user.role
        assert client.get(EXPORT).status_code == 403, user.role
        refused = AuditRecord.objects.filter(category=Category.ACCESS, actor=user)
        assert refused.filter(result=Result.REFUSED).count() == 2
    client.logout()
    assert client.get(LIST).status_code == 302  # to the login page
    client.force_login(auditor)
    assert client.get(LIST).status_code == 200
    assert client.get(EXPORT).status_code == 200


def test_the_nav_link_shows_for_the_audit_administrator_only(client, auditor):
    client.force_login(auditor)
    assert f'href="{LIST}"' in client.get(LIST).content.decode()
    client.force_login(UserFactory(role=Role.STAFF))
    assert f'href="{LIST}"' not in client.get(reverse("proposals:home")).content.decode()


@pytest.fixture
def log(auditor):
    zhang, li = UserFactory(username="zhang"), UserFactory(username="li")
    old = timezone.make_aware(dt.datetime(2026, 3, 1, 9))
    with travel(old):
        record(Category.LOGIN, "auth.login", actor=zhang, address="10.0.0.1")
    record(Category.EXPORT, "export.item_list", actor=li, address="10.0.0.2")
    record(
        Category.LOGIN_FAILED,
        "auth.login_failed",
        username="zhang",
        address="192.168.1.9",
        result=Result.FAILURE,
    )
    record(Category.STATE_CHANGE, "suggestion.accept", actor=li, label="第0012号 关于公交的建议")
    return zhang, li


@pytest.mark.parametrize(
    ("query", "actions"),
    [
        ("actor=zhang", {"auth.login", "auth.login_failed"}),
        ("category=export", {"export.item_list"}),
        ("result=failure", {"auth.login_failed"}),
        ("address=192.168", {"auth.login_failed"}),
        ("object=0012", {"suggestion.accept"}),
        ("action=accept", {"suggestion.accept"}),
        ("since=2026-02-01&until=2026-03-01", {"auth.login"}),
        ("until=2026-02-28", set()),
    ],
)
def test_filters(client, auditor, log, query, actions):
    client.force_login(auditor)
    page = client.get(f"{LIST}?{query}").context["page"]
    # (The auditor's own login, from force_login, matches none of these filters.)
    assert {r.action for r in page} == actions


def test_bad_filters_are_reported_and_nothing_breaks(client, auditor, log):
    client.force_login(auditor)
    response = client.get(f"{LIST}?since=2026-05-01&until=2026-04-01&result=bogus")
    assert response.status_code == 200
    assert "起始日期晚于截止日期。" in response.content.decode()
    # An invalid form filters nothing: every record is listed.
    assert response.context["page"].paginator.count == AuditRecord.objects.count()


def test_the_export_holds_the_filtered_rows_and_is_itself_audited(client, auditor, log):
    client.force_login(auditor)
    response = client.get(f"{EXPORT}?actor=zhang", REMOTE_ADDR="10.9.9.9")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))[1:]
    assert sorted(r[5] for r in rows) == ["auth.login", "auth.login_failed"]
    export = AuditRecord.objects.filter(category=Category.EXPORT, actor=auditor).get()
    assert export.detail == {"rows": 2, "filters": {"actor": "zhang"}}
    assert export.address == "10.9.9.9"


def test_too_large_an_export_is_refused_with_advice(client, auditor, log, settings):
    settings.AUDIT_EXPORT_MAX_ROWS = 2
    client.force_login(auditor)
    response = client.get(EXPORT, follow=True)
    assert response.redirect_chain[-1][0].startswith(LIST)
    assert not AuditRecord.objects.filter(category=Category.EXPORT, actor=auditor).exists()


def test_queries_per_page_stay_constant(client, auditor):
    user = UserFactory()
    client.force_login(auditor)

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(f"{LIST}?page=1").status_code == 200
        return len(ctx)

    for n in range(3):
        record(Category.LOGIN, "auth.login", actor=user, detail={"n": n})
    queries()  # the first request fills per-process caches
    few = queries()
    for n in range(120):
        record(Category.EXPORT, "export.x", actor=user, label=f"对象{n}", detail={"n": n})
    assert queries() == few
