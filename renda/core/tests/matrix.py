"""The machinery of the permission matrix: how a declared URL is requested as each role, and
how "nothing changed" is checked.

A declaration (`Url`) says how to build the URL's arguments for the cast's own objects and a
stranger's (`args(side)`), which method the page answers (GET pages, POST-only endpoints),
and the expected status per role as (own, other). `LOGIN` means a redirect to the login page.
"""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.db import connection
from django.urls import reverse

from renda.core.tests.world import Side

LOGIN = "login"  # 302 to the login page
FILE = object()  # in `Url.valid`: a file field
ROLES = (
    "anonymous",
    "deputy",
    "cosigner",
    "other_deputy",
    "staff",
    "unit_officer",
    "other_unit_officer",
    "committee_member",
    "presidium",
    "coordinator",
    "system_admin",
    "security_admin",
    "audit_admin",
)
REFUSED = {LOGIN, 403, 404, 405}

Status = int | str
Expect = dict[str, tuple[Status, Status]]


def expect(default: Status | tuple[Status, Status], **roles) -> Expect:
    """Every role's (own, other) answer: `default` unless named; a single status means the
    same for own and other objects."""
    unknown = roles.keys() - set(ROLES)
    if unknown:
        raise ValueError(f"unknown roles {sorted(unknown)}")

    def pair(value):
        return value if isinstance(value, tuple) else (value, value)

    return {role: pair(roles.get(role, default)) for role in ROLES}


def admins(status: Status | tuple[Status, Status]) -> dict:
    """The three administrators (三权分立) alike: `expect(..., **admins(403))`."""
    return {role: status for role in ("system_admin", "security_admin", "audit_admin")}


@dataclass(frozen=True)
class Url:
    """One URL pattern's declaration.

    args: the reverse() kwargs for a side's objects (None: the pattern takes none).
    expect: each role's answer, as (own, other).
    method: "GET" for pages (the matrix GETs them), "POST" for POST-only endpoints.
    form: whether the page also handles a POST (a form): refused roles' POSTs are then checked
      to be refused alike and to change nothing, and the malformed-input test posts junk to it.
    poster: the role, allowed to post, that the malformed-input test posts as (own objects).
    valid: for POST-only endpoints, the fields of a valid-looking body (`FILE` for a file) that
      the malformed-input test corrupts one by one (a page's fields are read from its form).
    owned: the arguments name an object that belongs to someone (own and other differ); False
      for shared objects (an indicator system, a template kind): only "own" is requested.
    private: the object is private to the people related to it, so strangers must not get it
      (checked by `test_no_stranger_reads_another_sides_object`); False for shared readings.
    query: a query string appended to the address (e.g. an export's scope).
    acts_without_input: a POST endpoint that acts on no input at all (log out, mark all read),
      or a batch page where each row is its own change (one bad row does not stop the good
      ones): the malformed-input test checks it answers no 500, not that it changes nothing.
    """

    args: Callable[[Side], dict] | None
    expect: Expect
    method: str = "GET"
    form: bool = False
    poster: str = ""
    valid: Callable[[Side], dict] = field(default=lambda side: {})
    owned: bool = True
    private: bool = True
    query: Callable[[Side], str] | None = None
    acts_without_input: bool = False

    @property
    def sides(self) -> tuple[str, ...]:
        return ("own", "other") if (self.args or self.query) and self.owned else ("own",)

    def path(self, name: str, side: Side) -> str:
        path = reverse(name, kwargs=self.args(side) if self.args else None)
        return f"{path}?{self.query(side)}" if self.query else path


def answer(response) -> Status:
    if response.status_code == 302 and response["Location"].startswith(
        reverse(settings.LOGIN_URL) if ":" in settings.LOGIN_URL else settings.LOGIN_URL
    ):
        return LOGIN
    return response.status_code


# Tables whose rows a request may write without being a change of business data: the session
# of the logged-in client, and security bookkeeping (audit records of the refusal itself).
SNAPSHOT_IGNORED_APPS = {"sessions", "admin", "axes", "audit", "otp_totp", "otp_static"}


def db_fingerprint() -> dict[str, str]:
    """A hash of every row of every table the application owns, by model."""
    prints = {}
    with connection.cursor() as cursor:
        for model in apps.get_models():
            meta = model._meta
            if meta.app_label in SNAPSHOT_IGNORED_APPS or not meta.managed or meta.proxy:
                continue
            table = connection.ops.quote_name(meta.db_table)
            pk = connection.ops.quote_name(meta.pk.column)
            cursor.execute(f"SELECT * FROM {table} ORDER BY {pk}")
            rows = cursor.fetchall()
            prints[meta.label] = hashlib.sha256(repr(rows).encode()).hexdigest()
    return prints


def changed_tables(before: dict[str, str], after: dict[str, str]) -> list[str]:
    return sorted(
        label for label in before.keys() | after.keys() if before.get(label) != after.get(label)
    )
