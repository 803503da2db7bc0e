"""Staff keep reference data in the Django admin, in Chinese; items are read-only there."""

import pytest
from django.contrib.auth.models import Group, Permission

from renda.accounts.models import Role
from renda.proposals.models import Kind
from renda.proposals.tests.builders import build_item
from renda.testing.factories import SessionFactory, TermFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(db):
    user = UserFactory(username="staff", role=Role.STAFF, is_staff=True, full_name="周文静")
    group = Group.objects.create(name="人大工作人员")
    group.permissions.set(
        Permission.objects.filter(content_type__app_label__in=["congress", "proposals"])
    )
    user.groups.add(group)
    return user


def test_staff_log_in_and_see_the_session_in_chinese(client, staff):
    SessionFactory(term=TermFactory(number=7), number=9)
    response = client.post(
        "/accounts/login/?next=/admin/", {"username": "staff", "password": "Renda-pass-2026"}
    )
    assert response.status_code == 302
    index = client.get("/admin/").content.decode()
    assert "数据管理" in index and "代表" in index and "建议" in index
    sessions = client.get("/admin/congress/session/").content.decode()
    assert "第七届第九次会议" in sessions


def test_every_model_has_an_admin_page(admin_client):
    from django.apps import apps
    from django.contrib import admin

    ours = [
        m for m in apps.get_models() if m._meta.app_label in ("accounts", "congress", "proposals")
    ]
    missing = [m.__name__ for m in ours if m not in admin.site._registry]
    # these are edited through their parents' pages or by the services only
    assert set(missing) <= {
        "Proposal",
        "NumberSequence",
        "Signature",
        "Assignment",
        "Reply",
        "Evaluation",
        "ReassignmentRequest",
        "HandlingRecord",
        "CommitteeActivity",
        "ReplyDraft",
        "Countersignature",
        "FollowUp",
        "ExtensionRequest",
        # the security administrator's page shows and lifts lockouts; history is internal
        "LoginFailure",
        "LoginLock",
        "PasswordHistory",
    }
    for model in ours:
        if model in admin.site._registry:
            url = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
            assert admin_client.get(url).status_code == 200, url


def test_items_are_read_only_in_the_admin(client, staff, cast):
    item = build_item(cast, Kind.SUGGESTION, "in_handling")
    client.force_login(staff)
    page = client.get(f"/admin/proposals/suggestion/{item.pk}/change/")
    assert page.status_code == 200
    assert "办理历史" in page.content.decode() or item.title in page.content.decode()
    response = client.post(f"/admin/proposals/suggestion/{item.pk}/change/", {"state": "closed"})
    assert response.status_code == 403
    item.refresh_from_db()
    assert item.state == "in_handling"
