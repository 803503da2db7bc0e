"""Reply documents: checked by their content and size, stored under a random name, and
downloaded only by those who may see the item, under the name the unit uploaded."""

import io
import urllib.parse

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document

from renda.core.downloads import safe_filename
from renda.proposals.models import Kind
from renda.proposals.tests.builders import build_item
from renda.proposals.tests.snapshot import snapshot

pytestmark = pytest.mark.django_db


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    document = Document()
    document.add_paragraph("关于加快老旧小区改造的答复")
    document.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def item(cast, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    item = build_item(cast, Kind.SUGGESTION, "in_handling")
    item.assignments.filter(role="co").update(active=False)
    return item


def draft_with(client, cast, item, upload):
    client.force_login(cast.lead_officer)
    return client.post(
        f"/items/{item.pk}/draft_reply/",
        {
            "draft_reply-result_class": "A",
            "draft_reply-body": "已经解决。",
            "draft_reply-document": upload,
        },
    )


def release(client, cast, item):
    draft = item.reply_drafts.get()
    for action, user, data in [
        ("submit_for_check", cast.lead_officer, {}),
        ("check", cast.lead_officer, {}),
        ("sign_off", cast.lead_officer, {"reply-sign_off-signed_by_name": "王局长"}),
        ("release", cast.staff, {}),
    ]:
        client.force_login(user)
        assert client.post(f"/items/{item.pk}/reply/{draft.pk}/{action}/", data).status_code == 302
    return item.replies.get()


def files_under(path):
    return [p for p in path.rglob("*") if p.is_file()]


@pytest.mark.parametrize("name", ["答复函.pdf", "答复函.docx"])
def test_a_renamed_program_is_refused_in_chinese_and_nothing_is_saved(
    client, cast, item, tmp_path, name
):
    before = snapshot(item)
    upload = SimpleUploadedFile(name, b"MZ\x90\x00" + b"\x00" * 200)
    response = draft_with(client, cast, item, upload)
    assert "文件内容不是" in response.content.decode()
    assert snapshot(item) == before and not item.reply_drafts.exists()
    assert files_under(tmp_path) == []


def test_a_zip_that_is_not_a_word_file_is_refused(client, cast, item, tmp_path):
    buffer = io.BytesIO()
    import zipfile

    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("payload.exe", b"MZ")
    response = draft_with(client, cast, item, SimpleUploadedFile("答复.docx", buffer.getvalue()))
    assert "文件内容不是 .docx 格式" in response.content.decode()
    assert files_under(tmp_path) == []


def test_an_oversized_document_is_refused(client, cast, item, settings, tmp_path):
    settings.REPLY_DOCUMENT_MAX_BYTES = 1024 * 1024
    upload = SimpleUploadedFile("答复函.pdf", b"%PDF-1.7\n" + b"0" * (1024 * 1024))
    response = draft_with(client, cast, item, upload)
    assert "文件大于 1 MB" in response.content.decode()
    assert not item.reply_drafts.exists() and files_under(tmp_path) == []


def test_a_word_document_is_stored_under_a_random_name_and_downloaded_under_its_own(
    client, cast, item, tmp_path
):
    content = docx_bytes()
    response = draft_with(client, cast, item, SimpleUploadedFile("关于改造的答复.docx", content))
    assert response.status_code == 302
    reply = release(client, cast, item)
    stored = files_under(tmp_path)
    assert len(stored) == 1 and "答复" not in stored[0].name
    assert len(stored[0].stem) == 32 and stored[0].suffix == ".docx"  # uuid4 hex

    client.force_login(cast.proposer)
    download = client.get(f"/items/{item.pk}/replies/{reply.pk}/document/")
    assert b"".join(download.streaming_content) == content
    disposition = download["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "filename*=utf-8''" + urllib.parse.quote("关于改造的答复.docx") in disposition
    assert download["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in download["Content-Security-Policy"]


def test_a_hostile_file_name_cannot_break_the_header(client, cast, item):
    draft_with(client, cast, item, SimpleUploadedFile("a;b=c\x07evil.pdf", b"%PDF-1.4 reply"))
    reply = release(client, cast, item)
    client.force_login(cast.proposer)
    download = client.get(f"/items/{item.pk}/replies/{reply.pk}/document/")
    assert download["Content-Disposition"] == 'attachment; filename="a_b=cevil.pdf"'


def test_file_names_lose_paths_and_line_breaks():
    assert safe_filename("..\\..\\etc/passwd\r\nSet-Cookie: x") == "_.._etc_passwd__Set-Cookie_ x"
    assert safe_filename(" . ") == "download"


def test_only_those_who_may_see_the_item_download(client, cast, item):
    draft_with(client, cast, item, SimpleUploadedFile("答复函.pdf", b"%PDF-1.4 reply"))
    reply = release(client, cast, item)
    url = f"/items/{item.pk}/replies/{reply.pk}/document/"
    client.force_login(cast.outsider)
    assert client.get(url).status_code == 404
    client.force_login(cast.other_officer)
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302  # to the login page
