"""Chinese is the default language: every message in the code has a Chinese translation, the
compiled catalogue matches its source, and domain errors reach the user in Chinese."""

import ast
from pathlib import Path

import polib
import pytest
from django.utils import translation

ROOT = Path(__file__).resolve().parents[2]
# The project catalogue and any app's own (renda/<app>/locale/…), merged by Django at run time.
CATALOGUES = sorted(ROOT.glob("**/locale/zh_Hans/LC_MESSAGES/django.po"))
GETTEXT_NAMES = {"_", "gettext", "gettext_lazy", "ngettext", "pgettext", "pgettext_lazy"}


def messages_in_code() -> set[str]:
    found = set()
    for path in ROOT.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            name = getattr(node, "func", None) and getattr(node.func, "id", None)
            if not isinstance(node, ast.Call) or name not in GETTEXT_NAMES:
                continue
            position = 1 if name.startswith("pgettext") else 0  # after the context
            if len(node.args) > position and isinstance(node.args[position], ast.Constant):
                found.add(node.args[position].value)
    return found


def test_every_message_in_the_code_is_in_the_catalogue():
    catalogue = {entry.msgid for po in CATALOGUES for entry in polib.pofile(str(po))}
    missing = messages_in_code() - catalogue
    assert missing == set(), "run `make messages` and translate: " + repr(sorted(missing)[:10])


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_the_catalogue_is_complete_and_not_fuzzy(path):
    po = polib.pofile(str(path))
    assert [e.msgid for e in po.untranslated_entries()] == []
    assert [e.msgid for e in po.fuzzy_entries()] == []


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_the_compiled_catalogue_matches_its_source(path):
    po = {e.msgid: e.msgstr for e in polib.pofile(str(path)) if not e.obsolete}
    mo = {e.msgid: e.msgstr for e in polib.mofile(str(path.with_suffix(".mo"))) if e.msgid}
    assert mo == po, "run `make messages` to recompile the .mo file"


@pytest.mark.django_db
def test_a_refusal_reads_in_chinese(cast):
    from renda.core.errors import RuleViolation
    from renda.proposals import services
    from renda.proposals.models import Kind

    with translation.override("zh-hans"):
        m = services.create_draft(
            actor=cast.proposer, kind=Kind.MOTION, title="议案", reasons="案据", plan="方案"
        )
        with pytest.raises(RuleViolation) as refused:
            services.submit(m, actor=cast.proposer)
    assert "联名" in str(refused.value) and "10" in str(refused.value)
    with translation.override("en"):
        with pytest.raises(RuleViolation) as refused:
            services.submit(m, actor=cast.proposer)
    assert "jointly" in str(refused.value)
