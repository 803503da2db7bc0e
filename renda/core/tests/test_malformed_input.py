"""Malformed input on every page that takes a POST (found from the declarations): missing
fields, wrong types, huge strings, unknown choices, impossible dates, ids that do not exist,
NUL characters, a body that is not UTF-8, files of the wrong type — posted by a user allowed to
post, as a plain form and as htmx.

No answer may be a 500; input that cannot be valid must change nothing in the database (all
or nothing: no partial write). Huge strings may be valid somewhere (a reason has no length
limit), so for them only the 500 is checked.
"""

import dataclasses
from html.parser import HTMLParser
from http.cookies import SimpleCookie

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError, transaction
from django.test import Client
from django.urls import reverse

from renda.core.tests.matrix import FILE, changed_tables, db_fingerprint
from renda.core.tests.url_table import URLS

POSTED = sorted(name for name, d in URLS.items() if d.method == "POST" or d.form)

# More forms behind the item's action pages than the one the table declares: (which of the
# cast's own items, action, the role that may post it). Actions whose form needs no input
# (a confirmation, an optional reason) are in ACTS_WITHOUT_INPUT: only "no 500" is checked.
ACTS_WITHOUT_INPUT = {"submit", "withdraw", "publish", "mark_key_supervised", "accept"}
ACTION_FORMS = [
    ("handling", "record_contact", "unit_officer"),
    ("handling", "request_extension", "unit_officer"),
    ("handling", "request_reassignment", "unit_officer"),
    ("handling", "draft_reply", "unit_officer"),
    ("handling", "record_activity", "staff"),
    ("handling", "mark_key_supervised", "staff"),
    ("handling", "approve_reassignment", "staff"),
    ("replied", "evaluate", "deputy"),
    ("replied", "withhold", "staff"),
    ("replied", "publish", "staff"),
    ("submitted", "accept", "staff"),
    ("submitted", "transfer", "staff"),
    ("submitted", "return_for_revision", "staff"),
    ("accepted", "assign", "staff"),
    ("accepted", "merge", "staff"),
    ("motion", "refer", "presidium"),
    ("motion", "list_as_motion", "presidium"),
    ("motion", "convert_to_suggestion", "presidium"),
    ("motion", "not_accept", "presidium"),
    ("draft", "invite", "deputy"),
    ("draft", "submit", "deputy"),
    ("draft", "withdraw", "deputy"),
]


class _Fields(HTMLParser):
    """The named fields of the page's forms that post to the page itself (not the search box
    or the language switch of the frame): name → (type, first option or initial value)."""

    def __init__(self, path: str):
        super().__init__()
        self.path = path
        self.fields: dict[str, tuple[str, str]] = {}
        self._select: str | None = None
        self._inside = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            action = (a.get("action") or "").split("?")[0]
            self._inside = a.get("method", "get").lower() == "post" and action in ("", self.path)
        if not self._inside:
            return
        name = a.get("name")
        # The idempotency key is not the form's data: a malformed one is ignored by design (the
        # form then acts once, like a form without a key; renda/reliability's tests).
        if tag == "input" and name and name not in ("csrfmiddlewaretoken", "idempotency_key"):
            kind = a.get("type", "text")
            if kind not in ("submit", "button", "hidden") or name not in self.fields:
                self.fields[name] = (kind, a.get("value") or "")
        elif tag == "textarea" and name:
            self.fields[name] = ("textarea", "")
        elif tag == "select" and name:
            self.fields[name] = ("select", "")
            self._select = name
        elif tag == "option" and self._select and not self.fields[self._select][1]:
            if a.get("value"):
                self.fields[self._select] = ("select", a["value"])

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "form":
            self._inside = False


# Junk that no field of its type can accept (the database must not change) ...
INVALID = {
    "date": ["2026-02-30", "明天", "99999-01-01"],
    "number": ["abc", "1e999", "99999999999999999999999"],
    "select": ["999999999", "-1", "<script>"],
    "radio": ["Z", "<script>"],
    "checkbox": ["999999999", "abc"],
    "text": ["坏\x00数据"],
    "textarea": ["坏\x00数据"],
    "email": ["not-an-address", "坏\x00数据"],
    "file": [],
}
# ... and junk that might be valid for a free-text field (only "no 500" is asserted).
ODD = ["x" * 100_000, "' OR 1=1 --", "<script>alert(1)</script>", "\u202e\ufeff\U0001f600"]
WRONG_FILES = [
    ("表.xlsx", b"MZ\x90\x00 this is an executable, not a workbook"),
    ("答复.pdf", b"<html>not a pdf</html>"),
    ("模板.docx", b"\x00" * 64),
    ("空.xlsx", b""),
]


def _fields(client, path: str, declared, side) -> dict[str, tuple[str, str]]:
    if declared.method == "POST":
        return {
            name: ("file", "") if value is FILE else ("text", str(value))
            for name, value in declared.valid(side).items()
        }
    parser = _Fields(path)
    parser.feed(client.get(path).content.decode())
    return parser.fields


# Plausible values for empty fields, so that one corrupted field is the only thing wrong.
PLAUSIBLE = {"date": "2026-11-20", "number": "1", "email": "a@example.com", "password": "x"}


def _baseline(fields) -> dict:
    return {
        name: value or PLAUSIBLE.get(kind, "测试内容")
        for name, (kind, value) in fields.items()
        if kind != "file"
    }


def _payloads(fields):
    """(label, body, must_not_change) for every field and every kind of junk."""
    yield "empty body", {}, True
    yield "every field blank", dict.fromkeys(fields, ""), True
    base = _baseline(fields)
    for name, (kind, _value) in fields.items():
        if kind == "file":
            for filename, content in WRONG_FILES:
                yield f"{name}: wrong file {filename}", base | {name: (filename, content)}, True
            continue
        for junk in INVALID.get(kind, INVALID["text"]):
            yield f"{name}: {junk[:20]!r}", base | {name: junk}, True
        for junk in ODD:
            yield f"{name}: {junk[:20]!r}", base | {name: junk}, False


def _attempt(send, before) -> tuple[int, list[str]]:
    """Send one request and report (status, tables it changed); then roll it back."""
    with transaction.atomic():
        response = send()
        try:
            changed = changed_tables(before, db_fingerprint())
        except DatabaseError as broken:  # the view left the transaction broken
            changed = [f"broken transaction: {broken}"]
        transaction.set_rollback(True)
    return response.status_code, changed


def _post(client, path, body, **headers):
    files = {k: SimpleUploadedFile(v[0], v[1]) for k, v in body.items() if isinstance(v, tuple)}
    data = {k: v for k, v in body.items() if not isinstance(v, tuple)} | files
    return lambda: client.post(path, data, **headers)


def _raw(client, path, raw: bytes, content_type: str):
    return lambda: client.generic("POST", path, raw, content_type=content_type)


@pytest.mark.django_db
@pytest.mark.parametrize("name", POSTED)
def test_malformed_posts_answer_no_500_and_write_nothing(name, world, clients):
    declared = URLS[name]
    assert declared.poster, f"{name}: declare `poster`, the role that may post to it"
    _fuzz_form(declared, declared.path(name, world.own), declared.poster, world, clients)


@pytest.mark.django_db
@pytest.mark.parametrize(("item", "action", "poster"), ACTION_FORMS)
def test_malformed_action_forms(item, action, poster, world, clients):
    path = reverse("proposals:action", args=[getattr(world.own, item).pk, action])
    declared = URLS["proposals:action"]
    if action in ACTS_WITHOUT_INPUT:
        declared = dataclasses.replace(declared, acts_without_input=True)
    _fuzz_form(declared, path, poster, world, clients)


def _fuzz_form(declared, path, poster, world, clients):
    client = Client(raise_request_exception=False)
    client.cookies = SimpleCookie(clients[poster].cookies)
    page = client.get(path) if declared.method == "GET" else None
    assert page is None or page.status_code == 200, f"{poster} cannot open {path}"
    fields = _fields(client, path, declared, world.own)
    before = db_fingerprint()
    problems = []

    def check(label, send, must_not_change):
        status, changed = _attempt(send, before)
        if status >= 500:
            problems.append(f"{label}: answered {status}")
        elif changed and must_not_change and not declared.acts_without_input:
            problems.append(f"{label}: answered {status} and changed {changed}")

    for label, body, must_not_change in _payloads(fields):
        check(label, _post(client, path, body), must_not_change)
        check(f"htmx {label}", _post(client, path, body, HTTP_HX_REQUEST="true"), must_not_change)
    check("non-UTF-8 body", _raw(client, path, b"\xff\xfe=\xc3\x28&a=\xa0\xa1", FORM), True)
    check("JSON body", _raw(client, path, b'{"title": [1, {"$gt": ""}]}', "application/json"), True)
    check("broken multipart", _raw(client, path, b"--x\r\njunk", "multipart/form-data"), True)
    assert not problems, "\n".join(problems)
    assert not changed_tables(before, db_fingerprint())


FORM = "application/x-www-form-urlencoded"
