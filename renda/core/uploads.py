"""Uploaded files: checked by content and size, stored under random names outside the web
root, and handed out only by views that checked the reader's permission (see
`renda.core.downloads`). One place for every upload in renda."""

from __future__ import annotations

import uuid
import zipfile
from collections.abc import Iterable
from pathlib import Path

from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _

from renda.core.errors import RuleViolation

# What the content of each type must look like; the name alone proves nothing (a renamed .exe).
_SIGNATURES = {
    ".pdf": b"%PDF-",
    ".png": b"\x89PNG\r\n\x1a\n",
    ".jpg": b"\xff\xd8\xff",
    ".jpeg": b"\xff\xd8\xff",
}
# Office Open XML files are zip archives with a content-types part and their own folder.
_OOXML_FOLDERS = {".docx": "word/", ".xlsx": "xl/", ".pptx": "ppt/"}


def content_matches(upload: UploadedFile, suffix: str) -> bool:
    """Whether the file's bytes are what its suffix claims."""
    upload.seek(0)
    try:
        if suffix in _OOXML_FOLDERS:
            return _is_ooxml(upload, _OOXML_FOLDERS[suffix])
        signature = _SIGNATURES.get(suffix)
        return signature is not None and upload.read(len(signature)) == signature
    finally:
        upload.seek(0)


def _is_ooxml(upload: UploadedFile, folder: str) -> bool:
    try:
        with zipfile.ZipFile(upload) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    return "[Content_Types].xml" in names and any(n.startswith(folder) for n in names)


def check_upload(upload: UploadedFile, *, allowed: Iterable[str], max_bytes: int) -> None:
    """Refuse a file of another type, larger than `max_bytes`, or whose content does not
    match its name, with a message saying which."""
    allowed = [s.lower() for s in allowed]
    suffix = Path(upload.name or "").suffix.lower()
    if suffix not in allowed:
        raise RuleViolation(
            _("The file must be one of these types: %(types)s.") % {"types": " ".join(allowed)}
        )
    if upload.size is None or upload.size > max_bytes:
        raise RuleViolation(
            _("The file is larger than %(size)s MB.") % {"size": max_bytes // (1024 * 1024)}
        )
    if upload.size == 0 or not content_matches(upload, suffix):
        raise RuleViolation(
            _("The file's content is not a %(type)s file; was it renamed?") % {"type": suffix}
        )


@deconstructible
class RandomName:
    """`upload_to` giving `<folder>/<year>/<uuid4><suffix>`: nothing of the user's file name
    reaches the disk, and names cannot be guessed."""

    def __init__(self, folder: str) -> None:
        self.folder = folder

    def __call__(self, instance, filename: str) -> str:
        suffix = Path(filename).suffix.lower()[:10]
        return f"{self.folder}/{timezone.now():%Y}/{uuid.uuid4().hex}{suffix}"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, RandomName) and other.folder == self.folder
