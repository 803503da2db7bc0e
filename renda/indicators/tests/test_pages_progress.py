"""The progress pages: the overview says what lags and why, the charts get their data through
json_script, the indicator page compares the counties and drills down to the values and
their sources — unreviewed figures only for staff and the responsible unit."""

import json
import re

import pytest
import time_machine

from renda.indicators.models import ValueRevision
from renda.indicators.progress import Status

pytestmark = pytest.mark.django_db


def chart_data(html: str, element_id: str) -> dict:
    found = re.search(rf'<script id="{element_id}" type="application/json">(.*?)</script>', html)
    assert found, element_id
    return json.loads(found.group(1))


class TestOverview:
    def test_each_dimension_counts_its_indicators_by_status(self, client, cast, page_world):
        client.force_login(cast.proposer)
        page = client.get(f"/indicators/systems/{page_world.system.pk}/")
        dimensions = {d.dimension.name: d for d in page.context["page"].dimensions}
        # the city: E01 seriously lagging, E02 no adopted figure; S01 on track
        assert dimensions["经济高质量发展"].counts[Status.SERIOUSLY_LAGGING] == 1
        assert dimensions["经济高质量发展"].counts[Status.NO_DATA] == 1
        assert dimensions["经济高质量发展"].on_track_share == 0
        assert dimensions["生态文明"].on_track_share == 1
        chart = chart_data(page.content.decode(), "dimension-data")
        assert chart["dimensions"] == ["经济高质量发展", "生态文明"]
        counts = {s["status"]: s["counts"] for s in chart["series"]}
        assert counts["seriously_lagging"] == [1, 0] and counts["on_track"] == [0, 1]
        radar = chart_data(page.content.decode(), "radar-data")
        # E01 completion (51 − 50) / (60 − 50) = 10 %; S01 (52 − 50) / 10 = 20 %
        assert radar["completion"] == [10.0, 20.0] and radar["on_track"] == [0.0, 100.0]

    def test_lagging_indicators_are_listed_with_the_figures_behind_it(
        self, english, cast, page_world
    ):
        english.force_login(cast.staff)
        page = english.get(f"/indicators/systems/{page_world.system.pk}/")
        lagging = page.context["page"].lagging
        assert [(x.indicator.code, x.region.name) for x in lagging] == [("E01", "全市")]
        html = page.content.decode()
        reason = re.search(r'data-code="E01" data-region="全市">.*?</li>', html, re.S).group(0)
        # the figure, what the linear path expects, the baseline and the target, the lag
        for words in ("2022年: 51 %", "from 50 (2020)", "target 60 (2025)", "expects 54"):
            assert words in reason
        assert "behind it by 30%" in reason
        counties = page.context["page"].county_lagging
        assert [(i.code, [x.region.name for x in items]) for i, items in counties] == [
            ("E01", ["禹州市"])
        ]

    def test_a_county_chosen_shows_its_own_progress(self, client, cast, page_world):
        client.force_login(cast.staff)
        w = page_world
        page = client.get(f"/indicators/systems/{w.system.pk}/?region={w.yuzhou.pk}")
        assert page.context["page"].region == w.yuzhou
        assert [(x.indicator.code, x.reading.status) for x in page.context["page"].lagging] == [
            ("E01", Status.LAGGING)
        ]
        assert page.context["page"].county_lagging == []


class TestIndicatorPage:
    def test_the_trend_has_the_figures_the_linear_path_and_the_target(
        self, client, cast, page_world
    ):
        client.force_login(cast.committee_member)
        page = client.get(f"/indicators/indicator/{page_world.e01.pk}/")
        trend = chart_data(page.content.decode(), "trend-data")
        assert trend["categories"] == [f"{y}年" for y in range(2020, 2026)]
        assert trend["values"] == [None, 52, 51, None, None, None]  # 2023 awaits review
        assert trend["path"] == [50, 52, 54, 56, 58, 60]
        assert trend["targets"][-1] == 60 and trend["final"] == 60
        assert trend["status"][1:3] == ["on_track", "seriously_lagging"]

    def test_the_counties_are_compared(self, client, cast, page_world):
        client.force_login(cast.staff)
        page = client.get(f"/indicators/indicator/{page_world.e01.pk}/")
        counties = chart_data(page.content.decode(), "county-data")
        assert counties["categories"] == ["全市", "禹州市", "长葛市"]
        assert counties["values"] == [51, 53, None]
        assert counties["expected"] == [54, 54, None]
        assert counties["status"] == ["seriously_lagging", "lagging", "no_data"]

    def test_a_city_wide_indicator_has_no_county_comparison(self, client, cast, page_world):
        client.force_login(cast.staff)
        html = client.get(f"/indicators/indicator/{page_world.s01.pk}/").content.decode()
        assert 'id="trend-data"' in html and 'id="county-data"' not in html

    def test_staff_and_the_unit_drill_down_to_every_revision(self, client, cast, page_world):
        for persona in ("staff", "lead_officer"):
            client.force_login(getattr(cast, persona))
            page = client.get(f"/indicators/indicator/{page_world.e01.pk}/")
            assert [(v.year, v.state) for v in page.context["values"]] == [
                (2023, "submitted"),
                (2022, "accepted"),
                (2021, "accepted"),
            ]
            html = page.content.decode()
            revision = ValueRevision.objects.get(reported=page_world.pending)
            assert f"/indicators/revisions/{revision.pk}/attachment/" in html
            assert "2023年统计公报" in html

    def test_other_readers_see_adopted_figures_only(self, client, cast, page_world):
        client.force_login(cast.proposer)
        page = client.get(f"/indicators/indicator/{page_world.e01.pk}/")
        assert [v.year for v in page.context["values"]] == [2022, 2021]
        html = page.content.decode()
        assert "2023年统计公报" not in html and "/attachment/" not in html
        assert 'id="report-link"' not in html


class TestAttachments:
    def test_a_download_is_an_attachment_under_a_name_renda_makes(self, client, cast, page_world):
        client.force_login(cast.staff)
        revision = ValueRevision.objects.get(reported=page_world.pending)
        response = client.get(f"/indicators/revisions/{revision.pk}/attachment/")
        disposition = response["Content-Disposition"]
        assert disposition.startswith("attachment; filename*=utf-8''E01-")
        assert "%E5%85%AC%E6%8A%A5" not in disposition  # not the uploaded name 公报.pdf
        assert disposition.endswith(".pdf")
        assert response["X-Content-Type-Options"] == "nosniff"
        assert b"".join(response.streaming_content).startswith(b"%PDF")


class TestAlerts:
    @time_machine.travel("2025-03-15 10:00 +0800", tick=False)
    def test_lagging_and_missing_reports_are_listed(self, client, cast, page_world):
        client.force_login(cast.staff)
        page = client.get("/indicators/alerts/")
        ((_system, behind, missing),) = page.context["found"]
        assert [(b.indicator.code, b.region.name) for b in behind] == [
            ("E01", "全市"),
            ("E01", "禹州市"),
        ]
        missing = {(i.code, r.name, y, m) for i, r, y, m, _due in missing}
        assert ("S01", "全市", 2024, 12) in missing and ("E01", "长葛市", 2021, 12) in missing

    @time_machine.travel("2025-03-15 10:00 +0800", tick=False)
    def test_a_unit_sees_its_own_indicators(self, client, cast, page_world):
        client.force_login(cast.co_officer)
        ((_system, behind, missing),) = client.get("/indicators/alerts/").context["found"]
        assert behind == []
        assert {i.code for i, *_rest in missing} == {"S01"}


@pytest.mark.parametrize(
    "url",
    [
        "/indicators/",
        "/indicators/systems/{system}/",
        "/indicators/indicator/{e01}/",
        "/indicators/report/",
        "/indicators/review/",
        "/indicators/alerts/",
        "/indicators/systems/import/",
        "/indicators/systems/{system}/figures/",
    ],
)
def test_no_page_holds_an_inline_script_or_style(client, cast, page_world, url):
    """Ready for a Content-Security-Policy without 'unsafe-inline': scripts come from files,
    chart data sits in JSON blocks, which browsers never execute."""
    client.force_login(cast.staff)
    html = client.get(url.format(system=page_world.system.pk, e01=page_world.e01.pk))
    html = html.content.decode()
    scripts = re.findall(r"<script\b[^>]*>", html)
    assert scripts and all('src="' in s or 'type="application/json"' in s for s in scripts)
    assert " style=" not in html and "<style" not in html and " on" + "click=" not in html
