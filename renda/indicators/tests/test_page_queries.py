"""Queries per indicator page stay the same as values, revisions, indicators and links grow:
each page is measured with the page world's data and again with much more."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from renda.indicators import services
from renda.indicators.tests.builders import spec
from renda.indicators.tests.world import adopt, report
from renda.proposals.models import Kind
from renda.proposals.tests.builders import build_item

pytestmark = pytest.mark.django_db


def queries(client, url) -> int:
    client.get(url)  # warm up: first-use rows (settings, session) are not the page's cost
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx)


def grow(cast, w, motion, round_: int) -> None:
    """More of everything: indicators, adopted values in every region, revisions, values
    awaiting review and returned, attachments, links."""
    system = w.system
    codes = [f"X{round_}{n}" for n in range(3)]
    services.apply_specs(
        system,
        [spec(cast.lead_unit, code, per_region=True, name=f"指标{code}") for code in codes],
        actor=cast.staff,
        retire_missing=False,
    )
    added = list(system.indicators.filter(code__in=codes))
    for indicator in [w.e01, *added]:
        for region in (w.city, w.yuzhou, w.changge):
            for year in (2020 + round_, 2021 + round_):
                if not indicator.values.filter(region=region, year=year).exists():
                    adopt(cast, indicator, region, year, 51 + round_)
    revised = report(cast, w.e01, w.city, 2021, 52.5, source_note=f"更正{round_}")
    services.return_value(revised, actor=cast.staff, reason="再核")
    report(cast, added[0], w.city, 2025, 58)
    services.link_indicators(motion, actor=cast.staff, indicators=added)


PAGES = {
    "staff": [
        "/indicators/",
        "/indicators/systems/{system}/",
        "/indicators/systems/{system}/?region={yuzhou}",
        "/indicators/indicator/{e01}/",
        "/indicators/indicator/{e01}/?region={yuzhou}",
        "/indicators/review/",
        "/indicators/alerts/",
        "/indicators/link/proposals.proposal/{motion}/",
        "/items/{motion}/",
    ],
    "lead_officer": [
        "/indicators/",
        "/indicators/report/",
        "/indicators/indicator/{e01}/",
        "/indicators/alerts/",
        "/items/{motion}/",
    ],
    "proposer": ["/indicators/indicator/{e01}/", "/items/{motion}/"],
}


@pytest.mark.parametrize("persona", list(PAGES))
def test_the_indicator_pages_are_constant(client, cast, page_world, persona):
    w = page_world
    motion = build_item(cast, Kind.MOTION, "in_handling")
    services.link_indicators(motion, actor=cast.staff, indicators=[w.e01])
    client.force_login(getattr(cast, persona))
    ids = {"system": w.system.pk, "e01": w.e01.pk, "yuzhou": w.yuzhou.pk, "motion": motion.pk}
    urls = [url.format(**ids) for url in PAGES[persona]]
    grow(cast, w, motion, 1)
    few = {url: queries(client, url) for url in urls}
    for round_ in (2, 3, 4):
        grow(cast, w, motion, round_)
    assert {url: queries(client, url) for url in urls} == few
