"""One table of (page, persona) → expected answer for the indicator pages.

Who sees what: every role inside the congress and government reads progress (staff,
deputies, unit officers, committee members, the presidium's secretary, the government's
coordinator); the public and the administrators see nothing (302 to the login page, 403).
Only unit officers and staff reach the reporting pages, and a unit officer only their own
unit's indicators (404 for another's, as for one that does not exist); only staff review,
import and take figures from text. Figures not yet adopted, and their attachments, are seen
by staff and the responsible unit only."""

import pytest

from renda.indicators.models import ValueRevision
from renda.proposals.models import Kind
from renda.proposals.tests.builders import build_item

pytestmark = pytest.mark.django_db

PERSONAS = [
    "staff",
    "lead_officer",  # E01's and E02's responsible unit
    "co_officer",  # S01's
    "other_officer",
    "proposer",  # a deputy
    "committee_member",  # of the committee leading the motion
    "other_committee_member",
    "presidium",
    "coordinator",
    "system_admin",
    "anonymous",
]
READERS = {p: 200 for p in PERSONAS} | {"system_admin": 403, "anonymous": 302}
REPORTERS = {p: 403 for p in PERSONAS} | {
    "staff": 200,
    "lead_officer": 200,
    "co_officer": 200,
    "other_officer": 200,
    "anonymous": 302,
}
STAFF = {p: 403 for p in PERSONAS} | {"staff": 200, "anonymous": 302}
E01_REPORTERS = REPORTERS | {"co_officer": 404, "other_officer": 404}


def not_found(table: dict) -> dict:
    """The same table where every 200 becomes 404 (a missing object)."""
    return {p: 404 if status == 200 else status for p, status in table.items()}


UNREVIEWED = not_found(READERS) | {"staff": 200, "lead_officer": 200}


def cases():
    """(name, url, {persona: status})."""
    return [
        ("index", "/indicators/", READERS),
        ("overview", "/indicators/systems/{system}/", READERS),
        ("indicator", "/indicators/indicator/{e01}/", READERS),
        ("county", "/indicators/indicator/{e01}/?region={yuzhou}", READERS),
        ("alerts", "/indicators/alerts/", READERS),
        ("reporting", "/indicators/report/", REPORTERS),
        ("report E01", "/indicators/indicator/{e01}/report/", E01_REPORTERS),
        (
            "report S01",
            "/indicators/indicator/{s01}/report/",
            REPORTERS | {"lead_officer": 404, "other_officer": 404},
        ),
        ("template", "/indicators/systems/{system}/template/?year=2024&month=12", REPORTERS),
        ("review", "/indicators/review/", STAFF),
        ("import", "/indicators/systems/import/", STAFF),
        ("export", "/indicators/systems/{system}/export/", STAFF),
        ("figures", "/indicators/systems/{system}/figures/", STAFF),
        (
            "attachment under review",
            "/indicators/revisions/{pending_revision}/attachment/",
            UNREVIEWED,
        ),
        ("value's attachment", "/indicators/values/{pending}/attachment/", UNREVIEWED),
        ("missing attachment", "/indicators/revisions/999999/attachment/", not_found(READERS)),
        (
            "link page",
            "/indicators/link/proposals.proposal/{motion}/",
            {p: 404 for p in PERSONAS}
            | {
                "staff": 200,
                "committee_member": 200,
                # see the motion, may not link:
                "proposer": 403,
                "lead_officer": 403,
                "co_officer": 403,
                "coordinator": 403,
                "presidium": 403,
                "anonymous": 302,
                "system_admin": 403,
            },
        ),
        ("unknown kind", "/indicators/link/congress.region/{yuzhou}/", not_found(READERS)),
        ("missing system", "/indicators/systems/999999/", not_found(READERS)),
        ("missing indicator", "/indicators/indicator/999999/", not_found(READERS)),
    ]


@pytest.fixture
def ids(cast, page_world):
    motion = build_item(cast, Kind.MOTION, "in_handling")
    w = page_world
    return {
        "system": w.system.pk,
        "e01": w.e01.pk,
        "s01": w.s01.pk,
        "yuzhou": w.yuzhou.pk,
        "pending": w.pending.pk,
        "pending_revision": ValueRevision.objects.get(reported=w.pending, number=1).pk,
        "motion": motion.pk,
    }


@pytest.mark.parametrize("name,url,expected", cases(), ids=[c[0] for c in cases()])
def test_who_may_open_which_page(client, cast, ids, name, url, expected):
    url = url.format(**ids)
    for persona in PERSONAS:
        client.logout()
        if persona != "anonymous":
            client.force_login(getattr(cast, persona))
        response = client.get(url)
        assert (persona, response.status_code) == (persona, expected[persona]), url
        if expected[persona] == 302:
            assert response["Location"].startswith("/accounts/login/")


def test_an_adopted_revisions_attachment_is_open_to_every_reader(client, cast, page_world):
    from renda.indicators import services

    services.accept_value(page_world.pending, actor=cast.staff)
    revision = ValueRevision.objects.get(reported=page_world.pending)
    for persona in ["proposer", "other_officer", "committee_member", "coordinator"]:
        client.force_login(getattr(cast, persona))
        response = client.get(f"/indicators/revisions/{revision.pk}/attachment/")
        assert response.status_code == 200, persona
        assert b"".join(response.streaming_content).startswith(b"%PDF")
