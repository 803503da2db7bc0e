"""Every login, logout, failed login, state change, export, download and permission change
lands in the audit log with who, from where, on what, and the result."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse

from renda.accounts.models import Role, User
from renda.audit.context import AuditContextMiddleware
from renda.audit.maintenance import verify
from renda.audit.models import AuditRecord, Category, Result
from renda.audit.services import record
from renda.proposals import services
from renda.proposals.models import Kind, ProposalEvent
from renda.testing.factories import PASSWORD, CategoryFactory, UnitFactory, UserFactory
from renda.testing.workflow import reply_through_path

pytestmark = pytest.mark.django_db
ADDRESS = "10.20.30.40"


def last(category: str) -> AuditRecord:
    return AuditRecord.objects.filter(category=category).latest("pk")


class TestAuthentication:
    def test_a_login_and_a_logout_are_recorded_with_the_address(self, client):
        user = UserFactory(username="zhang")
        client.post(
            reverse("accounts:login"),
            {"username": "zhang", "password": PASSWORD},
            REMOTE_ADDR=ADDRESS,
        )
        login = last(Category.LOGIN)
        assert (login.actor, login.actor_username, login.actor_role) == (user, "zhang", "staff")
        assert (login.address, login.result) == (ADDRESS, Result.SUCCESS)
        client.post(reverse("accounts:logout"), REMOTE_ADDR=ADDRESS)
        logout = last(Category.LOGOUT)
        assert (logout.actor, logout.address) == (user, ADDRESS)
        assert verify() is None

    def test_a_failed_login_is_recorded_with_the_name_tried_and_no_password(self, client):
        UserFactory(username="zhang")
        client.post(
            reverse("accounts:login"),
            {"username": "zhang", "password": "wrong-password"},
            REMOTE_ADDR=ADDRESS,
        )
        failed = last(Category.LOGIN_FAILED)
        assert failed.actor is None
        assert (failed.actor_username, failed.address) == ("zhang", ADDRESS)
        assert failed.result == Result.FAILURE
        assert "wrong-password" not in str(failed.detail)
        assert not AuditRecord.objects.filter(category=Category.LOGIN).exists()

    def test_behind_a_trusted_proxy_the_forwarded_address_is_recorded(self, client, settings):
        settings.AUDIT_TRUSTED_PROXIES = 1
        client.post(
            reverse("accounts:login"),
            {"username": "nobody", "password": "x"},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR="1.2.3.4, " + ADDRESS,
        )
        assert last(Category.LOGIN_FAILED).address == ADDRESS


class TestStateChanges:
    def test_every_history_row_has_its_audit_row(self, cast):
        s = services.create_draft(
            actor=cast.proposer, kind=Kind.SUGGESTION, title="关于增设公交站点的建议", body="正文"
        )
        services.submit(s, actor=cast.proposer)
        services.accept_suggestion(s, actor=cast.staff, category=CategoryFactory())
        events = ProposalEvent.objects.filter(proposal=s).order_by("pk")
        audited = AuditRecord.objects.filter(
            category=Category.STATE_CHANGE, object_type="proposals.proposal", object_id=str(s.pk)
        ).order_by("pk")
        assert [e.action for e in events] == [a.action for a in audited]
        accept = audited.last()
        assert accept.actor == cast.staff
        assert (accept.detail["from"], accept.detail["to"]) == ("submitted", "accepted")
        assert s.display_number in accept.object_label
        assert verify() is None

    def test_a_rolled_back_change_leaves_no_audit_row(self, cast):
        s = services.create_draft(
            actor=cast.proposer, kind=Kind.SUGGESTION, title="建议", body="正文"
        )
        before = AuditRecord.objects.count()
        with pytest.raises(RuntimeError), transaction.atomic():
            services.submit(s, actor=cast.proposer)
            assert AuditRecord.objects.count() == before + 1
            raise RuntimeError("the caller gives up")
        assert AuditRecord.objects.count() == before
        s.refresh_from_db()
        assert s.state == "draft"
        # The chain goes on from the last committed row.
        services.submit(s, actor=cast.proposer)
        assert verify() is None

    def test_a_refused_transition_writes_nothing(self, cast):
        s = services.create_draft(
            actor=cast.proposer, kind=Kind.SUGGESTION, title="建议", body="正文"
        )
        before = AuditRecord.objects.count()
        with pytest.raises(Exception):  # noqa: B017 — any refusal
            services.accept_suggestion(s, actor=cast.staff, category=CategoryFactory())
        assert AuditRecord.objects.count() == before


class TestExportsAndDownloads:
    def test_a_list_export_is_recorded(self, client, cast):
        client.force_login(cast.staff)
        response = client.get("/reports/export/list/?kind=suggestion", REMOTE_ADDR=ADDRESS)
        assert response.status_code == 200
        export = last(Category.EXPORT)
        assert (export.actor, export.action, export.address) == (
            cast.staff,
            "export.item_list",
            ADDRESS,
        )
        assert export.detail["query"] == "kind=suggestion"

    def test_a_reply_document_download_is_recorded(self, client, cast, settings, tmp_path):
        settings.MEDIA_ROOT = tmp_path
        s = services.create_draft(
            actor=cast.proposer, kind=Kind.SUGGESTION, title="建议", body="正文"
        )
        services.submit(s, actor=cast.proposer)
        services.accept_suggestion(s, actor=cast.staff, category=CategoryFactory())
        services.assign_suggestion(s, actor=cast.staff, lead_unit=cast.lead_unit, co_units=())
        services.sign_for(s, actor=cast.lead_officer)
        reply = reply_through_path(
            s,
            officer=cast.lead_officer,
            reviewer=cast.staff,
            document=SimpleUploadedFile("答复函.pdf", b"%PDF-1.4 test"),
        )
        client.force_login(cast.proposer)
        url = reverse("proposals:reply_document", args=[s.pk, reply.pk])
        response = client.get(url, REMOTE_ADDR=ADDRESS)
        assert response.status_code == 200
        download = last(Category.DOWNLOAD)
        assert download.actor == cast.proposer
        assert (download.object_type, download.object_id) == ("proposals.reply", str(reply.pk))
        assert download.detail["filename"] == "答复函.pdf"  # the name the unit uploaded
        assert download.address == ADDRESS


class TestPermissionChanges:
    def test_an_admin_role_change_is_recorded(self, client):
        # The installation superuser, before any system administrator exists (afterwards the
        # pages refuse it and roles are the security administrator's).
        admin = UserFactory(role=Role.STAFF, is_staff=True, is_superuser=True)
        target = UserFactory(role=Role.STAFF, username="wang")
        client.force_login(admin)
        url = reverse("admin:accounts_user_change", args=[target.pk])
        form = client.get(url).context["adminform"].form
        data = {k: v for k, v in form.initial.items() if v is not None}
        data.update(
            {
                "username": "wang",
                "role": Role.SECURITY_ADMIN,
                "full_name": target.full_name,
                "is_active": "on",
                "date_joined_0": "2026-01-01",
                "date_joined_1": "00:00:00",
                "groups": [],
                "user_permissions": [],
            }
        )
        data.pop("last_login", None)
        data.pop("password", None)
        data.pop("organization", None)
        data.pop("deputy", None)
        data.pop("date_joined", None)
        response = client.post(url, data, REMOTE_ADDR=ADDRESS)
        assert response.status_code == 302, response.context["adminform"].form.errors
        change = last(Category.PERMISSION_CHANGE)
        assert change.actor == admin
        assert change.object_id == str(target.pk)
        assert change.detail["changes"]["role"] == ["staff", "security_admin"]
        assert change.address == ADDRESS

    def test_a_change_that_grants_nothing_is_not_recorded(self):
        from renda.audit.services import audit_user_change, user_snapshot

        user = UserFactory(role=Role.UNIT_OFFICER, organization=UnitFactory())
        before = user_snapshot(user)
        user.full_name = "新名字"
        assert audit_user_change(None, user, before, user_snapshot(user)) is None
        user.is_active = False
        change = audit_user_change(None, user, before, user_snapshot(User.objects.get(pk=user.pk)))
        assert change is None  # not saved yet: the database still says active
        user.save(update_fields=["is_active", "full_name"])
        change = audit_user_change(None, user, before, user_snapshot(user))
        assert change.detail["changes"] == {"is_active": [True, False]}


def test_a_service_called_during_a_request_records_the_clients_address(rf):
    def view(request):
        record(Category.STATE_CHANGE, "suggestion.accept")  # deep in a service: no request
        return None

    AuditContextMiddleware(view)(rf.get("/", REMOTE_ADDR=ADDRESS))
    assert last(Category.STATE_CHANGE).address == ADDRESS
    assert record(Category.STATE_CHANGE, "x").address == ""  # after the request: none
