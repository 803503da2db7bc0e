"""A person's own data comes out whole and only theirs; pseudonymisation removes who they
are and keeps every record they took part in."""

import io
import json

import pytest
from django.apps import apps
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from renda.accounts.models import User
from renda.congress.models import Deputy
from renda.core import crypto
from renda.core.errors import RuleViolation
from renda.privacy.models import Pseudonymisation
from renda.privacy.services import pseudonymise_deputy, pseudonymise_user
from renda.proposals.models import Kind, ProposalEvent
from renda.proposals.tests.builders import build_item
from renda.testing.factories import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def items(cast):
    mine = build_item(cast, Kind.SUGGESTION, "rehandling")  # with my evaluation
    mine.title = "关于修缮东城小学操场的建议"
    mine.save(update_fields=["title"])
    signed = build_item(cast, Kind.SUGGESTION, "in_handling")
    signed.lead_deputy = cast.outsider.deputy
    signed.title = "关于增设北区公交线路的建议"
    signed.save(update_fields=["lead_deputy", "title"])
    return mine, signed


def download(client, user, fmt):
    client.force_login(user)
    response = client.get(reverse("privacy:my_data_download", args=[fmt]))
    assert response.status_code == 200
    return response.content


def test_a_deputy_downloads_their_own_data_as_json(client, cast, items):
    me = cast.proposer
    me.deputy.id_number = "41100219800101123X"
    me.deputy.save(update_fields=["id_number"])
    data = json.loads(download(client, me, "json"))
    assert data["account"][0]["username"] == me.username
    assert data["deputy"][0]["id_number"] == "41100219800101123X"  # their own, in full
    titles = [row["title"] for row in data["items"]]
    assert "关于修缮东城小学操场的建议" in titles
    assert "关于增设北区公交线路的建议" not in titles  # led by someone else
    assert [e["comment"] for e in data["evaluations"]] == ["不满意"]
    assert len(data["signatures"]) == Deputy.objects.get(pk=me.deputy_id).signatures.count()


def test_the_export_names_no_one_else(client, cast, items):
    body = download(client, cast.proposer, "json").decode()
    others = [cast.outsider, cast.cosigner, cast.staff, cast.lead_officer]
    for other in others:
        assert other.full_name not in body
        if other.deputy_id:
            assert other.deputy.mobile not in body


def test_the_workbook_has_a_sheet_per_section(client, cast, items):
    book = load_workbook(io.BytesIO(download(client, cast.proposer, "xlsx")))
    assert book.sheetnames == ["账号", "代表信息", "我的议案建议", "联名", "满意度测评"]
    rows = list(book["我的议案建议"].values)
    assert "关于修缮东城小学操场的建议" in [r[3] for r in rows[1:]]


def test_a_unit_officer_gets_their_account_only(client, cast):
    data = json.loads(download(client, cast.lead_officer, "json"))
    assert list(data) == ["account"]


def test_the_page_needs_a_login_and_refuses_other_formats(client, cast):
    assert client.get(reverse("privacy:my_data")).status_code == 302
    client.force_login(cast.proposer)
    assert client.get(reverse("privacy:my_data")).status_code == 200
    assert client.get(reverse("privacy:my_data_download", args=["csv"])).status_code == 403


def row_counts():
    return {m._meta.label: m._base_manager.count() for m in apps.get_models()}


def test_pseudonymising_a_deputy_keeps_every_record(cast, items):
    me = cast.proposer
    deputy = me.deputy
    history = list(ProposalEvent.objects.filter(actor=me).values_list("pk", "proposal_id"))
    before = row_counts()

    row = pseudonymise_deputy(deputy, actor=cast.system_admin, reason="本人书面申请")

    after = row_counts()
    assert after.pop("privacy.Pseudonymisation") == before.pop("privacy.Pseudonymisation") + 1
    assert after.pop("audit.AuditRecord") == before.pop("audit.AuditRecord") + 1  # audited
    assert after == before
    deputy.refresh_from_db()
    assert deputy.name == row.pseudonym == f"代表#{deputy.pk:06d}"
    assert (deputy.mobile, deputy.id_number, deputy.email, deputy.address) == ("", "", "", "")
    assert deputy.mobile_hash is None
    user = User.objects.get(pk=me.pk)
    assert user.full_name == row.pseudonym and user.mobile is None and not user.is_active
    assert not user.has_usable_password()
    assert list(ProposalEvent.objects.filter(actor=me).values_list("pk", "proposal_id")) == history
    assert items[0].lead_deputy_id == deputy.pk and deputy.signatures.exists()
    assert row.done_by == cast.system_admin and row.reason == "本人书面申请"


def test_a_pseudonymised_person_cannot_log_in_by_name_or_mobile(client, cast):
    me = cast.proposer
    me.mobile = "13912345678"
    me.save(update_fields=["mobile"])
    pseudonymise_deputy(me.deputy, actor=None, reason="申请")
    for login in (me.username, "13912345678"):
        response = client.post(reverse("accounts:login"), {"username": login, "password": PASSWORD})
        assert response.status_code == 200
    assert not User.objects.filter(mobile_hash=crypto.blind_index("13912345678")).exists()


def test_twice_or_without_a_reason_is_refused(cast):
    with pytest.raises(RuleViolation):
        pseudonymise_user(cast.lead_officer, actor=None, reason="  ")
    pseudonymise_user(cast.lead_officer, actor=None, reason="申请")
    with pytest.raises(RuleViolation):
        pseudonymise_user(cast.lead_officer, actor=None, reason="申请")
    assert Pseudonymisation.objects.count() == 1


def test_the_command_pseudonymises_an_account(cast):
    call_command(
        "pseudonymise",
        "--user",
        cast.lead_officer.username,
        "--reason",
        "离职后申请",
        stdout=io.StringIO(),
    )
    officer = User.objects.get(pk=cast.lead_officer.pk)
    assert officer.full_name == f"用户#{officer.pk:06d}"


def test_only_the_system_administrator_opens_the_page(client, cast):
    url = reverse("privacy:pseudonymise")
    for user in (cast.staff, cast.proposer, cast.lead_officer):
        client.force_login(user)
        assert client.get(url).status_code == 403
    client.force_login(cast.system_admin)
    response = client.post(
        url,
        {"deputy": cast.outsider.deputy_id, "reason": "本人申请", "confirm": "on"},
    )
    assert response.status_code == 302
    assert Deputy.objects.get(pk=cast.outsider.deputy_id).name.startswith("代表#")


def test_the_page_refuses_an_unknown_deputy_in_chinese(client, cast):
    client.force_login(cast.system_admin)
    client.get(reverse("privacy:pseudonymise"))  # the settings row pages create on first use
    before = row_counts()
    response = client.post(
        reverse("privacy:pseudonymise"), {"deputy": 999999, "reason": "申请", "confirm": "on"}
    )
    assert "没有该编号的代表" in response.content.decode()
    assert row_counts() == before
