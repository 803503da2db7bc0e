"""The shared upload checks: content, not the name, decides the type."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document
from openpyxl import Workbook

from renda.core.errors import RuleViolation
from renda.core.uploads import RandomName, check_upload, content_matches


def xlsx() -> bytes:
    out = io.BytesIO()
    Workbook().save(out)
    return out.getvalue()


def docx() -> bytes:
    out = io.BytesIO()
    Document().save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "ok"),
    [
        ("a.xlsx", xlsx(), True),
        ("a.docx", docx(), True),
        ("a.xlsx", docx(), False),  # a Word file renamed to .xlsx
        ("a.pdf", b"%PDF-1.7\n", True),
        ("a.pdf", b"MZ\x90\x00", False),
        ("a.png", b"\x89PNG\r\n\x1a\n....", True),
        ("a.jpg", b"\x89PNG\r\n\x1a\n....", False),
        ("a.docx", b"PK\x03\x04 not really a zip", False),
    ],
)
def test_content_decides(name, content, ok):
    upload = SimpleUploadedFile(name, content)
    assert content_matches(upload, name[name.rindex(".") :]) is ok
    assert upload.tell() == 0  # left ready to be saved


def test_check_upload_says_what_is_wrong():
    with pytest.raises(RuleViolation, match="文件类型须为"):
        check_upload(SimpleUploadedFile("a.exe", b"MZ"), allowed=[".pdf"], max_bytes=100)
    with pytest.raises(RuleViolation, match="文件大于"):
        check_upload(SimpleUploadedFile("a.pdf", b"%PDF-" * 30), allowed=[".pdf"], max_bytes=100)
    with pytest.raises(RuleViolation, match="是否改过扩展名"):
        check_upload(SimpleUploadedFile("a.pdf", b""), allowed=[".pdf"], max_bytes=100)
    check_upload(SimpleUploadedFile("A.PDF", b"%PDF-1.4"), allowed=[".pdf"], max_bytes=100)


def test_stored_names_are_random_and_keep_only_the_suffix():
    first = RandomName("replies")(None, "../../关于 答复.PDF")
    second = RandomName("replies")(None, "../../关于 答复.PDF")
    assert re.fullmatch(r"replies/\d{4}/[0-9a-f]{32}\.pdf", first)
    assert first != second
