"""The dashboards: every number a chart shows equals the count of the list its bar opens, the
figures are those of the statistics, and each role sees only its own share."""

import datetime as dt
import json
import re

import pytest

from renda.core import clock
from renda.proposals.models import Kind
from renda.reports import statistics as st
from renda.reports.tests.scenario import TODAY, at, build_year
from renda.testing.factories import SessionFactory, UnitFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def year():
    return build_year()


@pytest.fixture(autouse=True)
def _today():
    with clock.travel(at(TODAY, 18)):
        yield


def dashboard(client, user, year):
    client.force_login(user)
    response = client.get("/reports/dashboard/", {"scope": f"session:{year.session.pk}"})
    assert response.status_code == 200
    return response


def expected_number(kind: str, point: dict) -> int:
    if kind == "rate":
        return point["n"]  # a rate's bar opens its numerator
    if kind == "heatmap":
        return point["value"][2]
    return point["value"]


def drilled(client, url: str) -> int:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.context["page"].paginator.count


@pytest.mark.parametrize("persona", ["staff", "U1", "coordinator"])
def test_every_charts_number_equals_the_drilled_down_lists_count(client, year, persona):
    user = {
        "staff": year.staff,
        "U1": year.officers["U1"],
        "coordinator": UserFactory(
            role="coordinator",
            organization=UnitFactory(kind="government_office", unit_type=""),
        ),
    }[persona]
    board = dashboard(client, user, year).context["board"]
    checked = set()
    for chart in board.charts.values():
        data = chart.as_data()
        for series in data["series"]:
            for point in series["data"]:
                if point and point.get("url"):
                    number = expected_number(data["kind"], point)
                    assert drilled(client, point["url"]) == number, (chart.key, point)
                    checked.add(chart.key)
    assert checked == {"state", "category", "delegation", "unit", "rates", "timeline", "late"}


def test_the_charts_show_the_statistics(client, year):
    board = dashboard(client, year.staff, year).context["board"]
    items = st.session_items(year.session)
    by_state = {b.label: b.total for b in st.counts_by(items, "state")}
    state = board.charts["state"].as_data()
    motions, suggestions = state["series"]
    shown = {
        label: (m["value"] + s["value"])
        for label, m, s in zip(
            state["categories"], motions["data"], suggestions["data"], strict=True
        )
    }
    assert shown == by_state
    units = board.charts["unit"].as_data()
    assert units["categories"] == ["市U1局", "市U2局", "市U3局"]
    assert [p["value"] for p in units["series"][0]["data"]] == [3, 2, 0]  # led
    assert [p["value"] for p in units["series"][1]["data"]] == [0, 0, 1]  # co-handled
    rates = board.charts["rates"].as_data()
    on_time = rates["series"][0]["data"]
    assert (on_time[0]["value"], on_time[0]["n"], on_time[0]["d"]) == (66.7, 2, 3)  # U1
    assert (on_time[1]["value"], on_time[1]["n"], on_time[1]["d"]) == (0, 0, 1)  # U2
    assert on_time[1]["url"] == ""  # nothing to open
    timeline = board.charts["timeline"].as_data()
    submitted = dict(zip(timeline["categories"], timeline["series"][0]["data"], strict=True))
    assert submitted["2026-01"]["value"] == 10  # s1–s7, s10 and the two motions
    late = board.charts["late"].as_data()
    # s2 (U1) replied late and s4 (U2) is overdue, both assigned in February
    assert late["categories"] == ["2026-02"] and sorted(late["rows"]) == ["市U1局", "市U2局"]


def test_the_page_hands_the_charts_to_the_static_script(client, year):
    html = dashboard(client, year.staff, year).content.decode()
    for key in ("state", "category", "delegation", "unit", "rates", "timeline", "late"):
        assert f'data-chart="{key}"' in html
        found = re.search(
            rf'<script id="chart-{key}-data" type="application/json">(.*?)</script>', html
        )
        assert json.loads(found.group(1))["key"] == key
    assert "/static/vendor/echarts.min.js" in html and "/static/reports/dashboard.js" in html
    assert not re.search(r"<script(?![^>]*(src=|application/json))", html)  # no inline script
    assert "style=" not in html


def test_a_unit_officer_sees_only_its_units_figures(client, year):
    board = dashboard(client, year.officers["U3"], year).context["board"]
    assert board.charts["unit"].categories == ["市U3局"]
    assert board.charts["rates"].categories == []  # U3 leads nothing
    assert board.figures.assigned == 0
    # its lists: only the items assigned to it (s1, as co-unit)
    assert board.counts.suggestions == 1


def test_the_chosen_year_scopes_the_charts_and_the_lists(client, year):
    client.force_login(year.staff)
    board = client.get("/reports/dashboard/", {"scope": "year:2026"}).context["board"]
    url = board.charts["category"].as_data()["series"][0]["data"][0]["url"]
    assert "year=2026" in url and "session=" not in url
    SessionFactory(
        term=year.session.term,
        number=8,
        start_date=dt.date(2025, 1, 20),
        end_date=dt.date(2025, 1, 23),
        motion_deadline=at(dt.date(2025, 1, 21)),
    )
    empty = client.get("/reports/dashboard/", {"scope": "year:2025"})
    assert empty.context["scope"].year == 2025
    assert [c.key for c in empty.context["board"].charts.values() if not c.empty] == []
    assert empty.content.decode().count("data-empty-chart") == 7
    # a scope that is not on offer falls back to the latest session that has opened
    fallback = client.get("/reports/dashboard/", {"scope": "year:1999"}).context["scope"]
    assert fallback.session == year.session


def test_drill_down_filters_agree_with_the_statistics(client, year):
    """The list's hidden filters are statistics.filter_items: the same sets, item by item."""
    client.force_login(year.staff)
    session = year.session.pk
    cases = {
        f"lead_unit={year.units['U1'].pk}&kind=suggestion&on_time=1": {"s1", "s3"},
        f"lead_unit={year.units['U1'].pk}&kind=suggestion&satisfaction=satisfied_any": {
            "s1",
            "s2",
        },
        "kind=suggestion&late=1": {"s2", "s4"},
        f"co_unit={year.units['U3'].pk}": {"s1"},
        "result_class=A&rehandled=1": {"s2"},
        "replied=0&kind=suggestion&state=in_handling": {"s4", "s5"},
        "replied_month=2026-07": {"s2"},
        "due_month=2026-05&kind=suggestion": {"s1", "s3", "s4"},  # s2 re-handled: due in July
        "assigned_month=2026-10": {"s5"},
    }
    for query, expected in cases.items():
        page = client.get(f"/items/?session={session}&{query}").context["page"]
        found = {name for name, s in year.s.items() if s.pk in {p.pk for p in page}}
        assert found == expected, query


def test_a_drilled_down_list_says_so_and_keeps_its_filters(client, year):
    client.force_login(year.staff)
    html = client.get(f"/items/?session={year.session.pk}&kind=suggestion&late=1").content.decode()
    assert 'id="drill-down"' in html
    assert 'type="hidden" name="late" value="1"' in html
    plain = client.get(f"/items/?session={year.session.pk}&kind={Kind.SUGGESTION}").content
    assert b'id="drill-down"' not in plain
