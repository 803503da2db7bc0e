"""The permission matrix: every URL pattern of the project × every role × the cast's own object
and a stranger's, against the declarations in `url_table.py`.

An undeclared pattern fails (Decidim's rule); each declared answer is checked by a request; a
refused POST must change nothing in the database; strangers never read another side's private
objects; the public pages show no personal data.
"""

import re
from http.cookies import SimpleCookie

import pytest
from django.db import transaction
from django.test import Client

from renda.core.tests.matrix import REFUSED, ROLES, answer, changed_tables, db_fingerprint
from renda.core.tests.url_table import URLS
from renda.core.tests.urls_walk import EXCLUDED_NAMESPACES, walk

# Roles that see every item of their remit (all items, or all of the government's units'):
# they may read a stranger's item. Everyone else must get 403/404 (or the login page).
ALL_SEEING = {"staff", "presidium", "coordinator"}


def test_every_url_is_declared():
    names = {name for name, _ in walk()}
    undeclared = sorted(names - URLS.keys())
    assert not undeclared, (
        "URL patterns with no permission declaration (add them to "
        f"renda/core/tests/url_table.py): {undeclared}"
    )
    stale = sorted(URLS.keys() - names)
    assert not stale, f"Declared URL names that no longer exist: {stale}"
    assert "admin" in EXCLUDED_NAMESPACES


def test_no_stranger_reads_another_sides_object():
    """The table itself: no private object of the other side answers 200 to a role unrelated
    to it (refused: 403/404, the login page, or back with a message). A leak would have to be
    declared to pass the matrix; this forbids declaring it."""
    leaks = [
        f"{name}: {role} gets {declared.expect[role][1]}"
        for name, declared in URLS.items()
        if "other" in declared.sides and declared.private
        for role in ROLES
        if role not in ALL_SEEING and declared.expect[role][1] == 200
    ]
    assert not leaks, leaks


def _client_as(clients, role: str) -> Client:
    """A client with the role's session (a copy, so a logout does not end the shared one)."""
    copy = Client()
    copy.cookies = SimpleCookie(clients[role].cookies)
    return copy


def _request(client, method: str, path: str, before: dict | None = None):
    """(answer, tables changed — when `before` is given); rolled back after, so that each
    request starts from the same world."""
    with transaction.atomic():
        response = client.get(path) if method == "GET" else client.post(path, {})
        changed = changed_tables(before, db_fingerprint()) if before else []
        transaction.set_rollback(True)
    return answer(response), changed


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(URLS))
def test_url_answers(name, world, clients):
    declared = URLS[name]
    wrong = []
    before = db_fingerprint()
    for role in ROLES:
        for index, whose in enumerate(declared.sides):
            path = declared.path(name, world.side(whose))
            expected = declared.expect[role][index]
            posted = declared.method == "POST"
            check = before if posted and expected in REFUSED else None
            got, changed = _request(_client_as(clients, role), declared.method, path, check)
            if got != expected or changed:
                wrong.append(
                    f"{role} {whose} {declared.method} {path}: {got} {changed or ''}"
                    f" (declared {expected})"
                )
            if declared.form and expected in REFUSED:  # a refused page refuses its form too
                got, changed = _request(_client_as(clients, role), "POST", path, before)
                if got != expected or changed:
                    wrong.append(
                        f"{role} {whose} POST {path}: {got} {changed or ''} (declared {expected})"
                    )
    assert not wrong, "\n".join(wrong)


def _personal_data(world) -> dict[str, str]:
    """Every person's name and contact detail in the world, by what it is."""
    found = {}
    for side in (world.own, world.other):
        cast = side.cast
        people = [cast.proposer, *cast.cosigners, cast.invitee, cast.outsider]
        for user in people:
            d = user.deputy
            found |= {f"name of {d.name}": d.name, f"mobile of {d.name}": d.mobile}
            found |= {f"ID number of {d.name}": d.id_number}
            if d.email:
                found[f"e-mail of {d.name}"] = d.email
        for officer in (cast.lead_officer, cast.co_officer, cast.staff):
            found[f"officer {officer.full_name}"] = officer.full_name
        found |= {
            "reply contact person": side.reply.contact_person,
            "reply contact phone": side.reply.contact_phone,
        }
    return {what: value for what, value in found.items() if value}


@pytest.mark.django_db
def test_public_pages_show_no_personal_data(world, clients):
    """README: the public reads published replies "with no personal data" — no deputy's name,
    phone, ID number or e-mail, no officer's name or contact, and nothing unpublished."""
    from django.urls import reverse

    replied = world.own.replied
    detail = reverse("public:detail", args=[replied.pk])
    pages = [reverse("public:list"), reverse("public:list") + "?q=" + replied.title[:4], detail]
    for path in pages:
        html = clients["anonymous"].get(path).content.decode()
        text = re.sub(r"<[^>]+>", "", html)  # a search highlights the words found (<mark>)
        assert replied.title in text, f"{path} does not show the published item"
        assert path != detail or world.own.reply.body in html
        shown = [what for what, value in _personal_data(world).items() if value in html]
        assert not shown, f"{path} shows {shown}"
        assert reverse("public:detail", args=[world.other.replied.pk]) not in html
