"""One table of (page, persona) → expected answer, pretix-style: every page, every persona,
own and other people's items. Missing and not-yours both answer 404."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from renda.proposals.models import Kind, Reply
from renda.proposals.tests.builders import build_item

pytestmark = pytest.mark.django_db

PERSONAS = [
    "proposer",
    "cosigner",
    "invitee",
    "outsider",
    "staff",
    "presidium",
    "lead_officer",
    "co_officer",
    "other_officer",
    "committee_member",
    "other_committee_member",
    "system_admin",
    "anonymous",
]
EVERYONE_LOGGED_IN = {p: 200 for p in PERSONAS if p != "anonymous"}


@pytest.fixture
def world(cast, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    handling = build_item(cast, Kind.SUGGESTION, "in_handling")
    draft = build_item(cast, Kind.SUGGESTION, "draft")
    closed = build_item(cast, Kind.SUGGESTION, "closed")
    closed.disclosure = "public"
    closed.save(update_fields=["disclosure"])
    reply = Reply.objects.get(proposal=closed)
    reply.document.save("letter.pdf", SimpleUploadedFile("letter.pdf", b"%PDF-1.4"))
    motion = build_item(cast, Kind.MOTION, "under_review")
    return {
        "handling": handling,
        "draft": draft,
        "closed": closed,
        "motion": motion,
        "reply": reply,
    }


def url_cases():
    """(name, url template, method, {persona: expected status})."""
    not_found_for_strangers = {
        "proposer": 200,
        "cosigner": 200,
        "invitee": 200,
        "staff": 200,
        "presidium": 200,
        "lead_officer": 200,
        "co_officer": 200,
        "committee_member": 200,
        "outsider": 404,
        "other_officer": 404,
        "other_committee_member": 404,
        "system_admin": 404,
        "anonymous": 302,
    }
    return [
        ("home", "/", "get", {**EVERYONE_LOGGED_IN, "system_admin": 302, "anonymous": 302}),
        ("list", "/items/", "get", {**EVERYONE_LOGGED_IN, "anonymous": 302}),
        ("detail", "/items/{handling}/", "get", not_found_for_strangers),
        (
            "draft detail",
            "/items/{draft}/",
            "get",
            {
                **{p: 404 for p in PERSONAS},
                "proposer": 200,
                "cosigner": 200,
                "invitee": 200,
                "staff": 200,
                "presidium": 200,
                "committee_member": 200,
                "anonymous": 302,
            },
        ),
        (
            "edit draft",
            "/items/{draft}/edit/",
            "get",
            {
                **{p: 404 for p in PERSONAS},
                "proposer": 200,
                "cosigner": 403,
                "invitee": 403,
                "staff": 403,
                "presidium": 403,
                "committee_member": 403,
                "anonymous": 302,
            },
        ),
        (
            "reply form",
            "/items/{handling}/draft_reply/",
            "get",
            {
                **not_found_for_strangers,
                "proposer": 403,
                "cosigner": 403,
                "invitee": 403,
                "staff": 403,
                "presidium": 403,
                "co_officer": 403,
                "committee_member": 403,
            },
        ),
        (
            "assign form on a suggestion in handling",
            "/items/{handling}/assign/",
            "get",
            {
                **not_found_for_strangers,
                "proposer": 403,
                "cosigner": 403,
                "invitee": 403,
                "presidium": 403,
                "lead_officer": 403,
                "co_officer": 403,
                "committee_member": 403,
                "staff": 302,  # allowed role, wrong state: back to the item with the reason
            },
        ),
        (
            "unknown action",
            "/items/{handling}/explode/",
            "get",
            {
                **not_found_for_strangers,
                **{p: 404 for p in not_found_for_strangers if p != "anonymous"},
            },
        ),
        (
            "reply document",
            "/items/{closed}/replies/{reply}/document/",
            "get",
            not_found_for_strangers,
        ),
        (
            "deputy search",
            "/items/{draft}/deputies/?q=代表",
            "get",
            {
                **{p: 403 for p in PERSONAS},
                "proposer": 200,
                "cosigner": 200,
                "invitee": 200,
                "outsider": 404,
                "staff": 200,
                "anonymous": 302,
            },
        ),
        (
            "presidium decisions",
            "/presidium/",
            "get",
            {
                **{p: 403 for p in PERSONAS},
                "staff": 200,
                "presidium": 200,
                "anonymous": 302,
            },
        ),
        ("public list", "/public/", "get", {p: 200 for p in PERSONAS}),
        ("public detail (published)", "/public/{closed}/", "get", {p: 200 for p in PERSONAS}),
        ("public detail (not published)", "/public/{handling}/", "get", {p: 404 for p in PERSONAS}),
    ]


@pytest.mark.parametrize(
    ("name", "url", "method", "expected"), url_cases(), ids=[c[0] for c in url_cases()]
)
def test_page_permissions(client, cast, world, name, url, method, expected):
    url = url.format(**{k: v.pk for k, v in world.items()})
    for persona in PERSONAS:
        client.logout()
        if persona != "anonymous":
            client.force_login(getattr(cast, persona))
        response = getattr(client, method)(url)
        assert response.status_code == expected[persona], f"{persona} on {url}"


def test_actions_cannot_be_posted_by_strangers(client, cast, world):
    item = world["handling"]
    client.force_login(cast.other_officer)
    response = client.post(
        f"/items/{item.pk}/draft_reply/",
        {"draft_reply-result_class": "A", "draft_reply-body": "我来答复"},
    )
    assert response.status_code == 404
    client.force_login(cast.co_officer)
    response = client.post(
        f"/items/{item.pk}/draft_reply/",
        {"draft_reply-result_class": "A", "draft_reply-body": "我来答复"},
    )
    assert response.status_code == 403
    assert not item.replies.exists()
