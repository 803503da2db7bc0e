"""Queries per reports page stay the same as data grows: each page is measured with a little
data and with much more, and the counts must be equal."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from renda.proposals import services
from renda.proposals.models import Evaluation, Kind, Reply
from renda.proposals.tests.builders import build_item
from renda.reports.models import ReportJob
from renda.testing.factories import UnitFactory

pytestmark = pytest.mark.django_db


def queries(client, url) -> int:
    client.get(url)  # warm up: first-use rows (settings, scoring rule) are not the page's cost
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx)


def grow(cast, n):
    """n more of everything the pages count: items in handling, replied, evaluated, closed
    and published; another unit leading some; more jobs."""
    other = UnitFactory()
    for i in range(n):
        build_item(cast, Kind.SUGGESTION, "in_handling")
        replied = build_item(cast, Kind.SUGGESTION, "replied")
        closed = build_item(cast, Kind.SUGGESTION, "closed")
        Evaluation.objects.get_or_create(
            reply=Reply.objects.get(proposal=closed),
            deputy=cast.proposer.deputy,
            defaults={
                "result": "satisfied",
                "evaluated_at": timezone.now(),
                "entered_by": cast.proposer,
            },
        )
        services.publish_reply(closed, actor=cast.staff)
        if i % 2:
            replied.assignments.filter(role="lead").update(unit=other)
        ReportJob.objects.create(owner=cast.staff, kind="statistics", created_at=timezone.now())


PAGES = {
    "staff": [
        "/reports/",
        "/reports/dashboard/",
        "/reports/scores/",
        "/reports/scores/{lead_unit}/",
        "/reports/generate/",
        "/reports/jobs/",
        "/reports/jobs/{job}/",
        "/reports/import/",
        "/reports/templates/",
    ],
    "lead_officer": [
        "/reports/",
        "/reports/dashboard/",
        "/reports/scores/",
        "/reports/scores/{lead_unit}/",
        "/reports/generate/",
    ],
    "proposer": ["/reports/", "/reports/dashboard/"],
}
CASES = [(persona, url) for persona, urls in PAGES.items() for url in urls]


@pytest.mark.parametrize(("persona", "url"), CASES)
def test_reports_pages_are_constant(client, cast, persona, url):
    client.force_login(getattr(cast, persona))
    job = ReportJob.objects.create(
        owner=cast.staff,
        kind="import_units",
        parameters={"dry_run": True},
        status="failed",
        summary={"ok": False, "issues": [{"row": 2, "column": "单位名称", "message": "必填"}]},
        created_at=timezone.now(),
    )
    url = url.format(lead_unit=cast.lead_unit.pk, job=job.pk)
    grow(cast, 2)
    few = queries(client, url)
    grow(cast, 12)
    assert queries(client, url) == few
