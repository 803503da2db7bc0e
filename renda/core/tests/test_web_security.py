"""The web layer: a strict Content-Security-Policy that the templates honour, and uploaded
files never reachable at a public address."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = sorted(ROOT.glob("**/templates/**/*.html"))
INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
HANDLER = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"\sstyle\s*=", re.IGNORECASE)


def test_templates_are_found():
    assert len(TEMPLATES) > 20


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_inline_script_handler_or_style_in_templates(path):
    text = path.read_text(encoding="utf-8")
    assert INLINE_SCRIPT.findall(text) == [], "move the script to a static .js file"
    assert HANDLER.findall(text) == [], "bind the handler in a static .js file"
    assert STYLE_ATTRIBUTE.findall(text) == [], "use a class from app.css"


@pytest.mark.django_db
def test_pages_carry_a_strict_policy(client, cast):
    client.force_login(cast.staff)
    for url in (reverse("accounts:login"), reverse("proposals:home"), reverse("public:list")):
        policy = client.get(url)["Content-Security-Policy"]
        directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
        assert directives["default-src"] == "'self'"
        assert directives["script-src"] == "'self'"
        assert directives["style-src"] == "'self'"
        assert directives["frame-ancestors"] == "'none'"
        assert "unsafe" not in policy


def test_uploads_are_outside_the_web_root():
    media, static = Path(settings.MEDIA_ROOT).resolve(), Path(settings.STATIC_ROOT).resolve()
    assert not media.is_relative_to(static) and not static.is_relative_to(media)
    for folder in settings.STATICFILES_DIRS:
        assert not media.is_relative_to(Path(folder).resolve())


@pytest.mark.django_db
def test_no_address_serves_uploaded_files(client, cast, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "replies").mkdir()
    (tmp_path / "replies" / "letter.pdf").write_bytes(b"%PDF-1.4")
    client.force_login(cast.staff)
    for prefix in (settings.MEDIA_URL, "/media/", "/uploads/"):
        assert client.get(prefix.rstrip("/") + "/replies/letter.pdf").status_code == 404
