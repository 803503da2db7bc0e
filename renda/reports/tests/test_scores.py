"""办理考评 on a hand-built year whose every score is worked out by hand below, the breakdown
per item adding up to the score, the congress's own weights, who sees what, and the command.

The year is scenario.py's, plus two suggestions led by U3 (which only co-handles s1 there):
  s11  assigned 26 Feb (due 26 May); contact 1 Mar; reply B 1 Apr promising 1 Jun; 满意;
       follow-up replied (solved) 20 May
  s12  assigned 26 Feb; reply B 1 Jun (late), no contact, promising 1 Aug; 基本满意;
       follow-up explained 1 Sep

With the default weights (on time 25, contact 15, satisfaction 30, classes 15, no re-handling
10, follow-up 5) and values (基本满意 0.8, B 0.5, C/D 0, explained 0.5):
  U1 (s1, s2, s3): on time 2/3, contact 2/3, satisfaction (1 + 0.8)/2, classes (A, A, C) 2/3,
     no re-handling 2/3 (s2 was re-handled), follow-up 0/1 (s2's B follow-up is past its
     promised date and still open) → 25·2/3 + 15·2/3 + 30·0.9 + 15·2/3 + 10·2/3 + 0 = 70.333…
  U3 (s11, s12): 12.5 + 7.5 + 27 + 7.5 + 10 + 5·0.75 = 68.25
  U2 (s4 overdue, s5 not due): only "on time" counts, 0 of 1 → 0
"""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from renda.core import clock
from renda.core.errors import NotPermitted
from renda.proposals import services
from renda.proposals.models import FollowUp
from renda.reports import scores as sc
from renda.reports import statistics as st
from renda.reports.models import COMPONENTS, ScoringRule
from renda.reports.scope import ReportScope
from renda.reports.tests import scenario
from renda.reports.tests.scenario import TODAY, at, build_year, do
from renda.testing.factories import UnitFactory, unit_officer
from renda.testing.workflow import reply_through_path

pytestmark = pytest.mark.django_db


def reply_b(y, s, unit, day, promised):
    with clock.travel(at(day)):
        reply_through_path(
            s,
            officer=y.officers[unit],
            reviewer=y.staff,
            result_class="B",
            body="正在解决。",
            promised_date=promised,
        )


@pytest.fixture
def year():
    y = build_year()
    # s2's first reply (B, 10 Jun) promised a solution by 8 Sep: its follow-up is still open.
    FollowUp.objects.filter(proposal=y.s["s2"]).update(promised_date=dt.date(2026, 9, 8))
    d = y.deputies
    s11 = scenario._assigned(y, "s11", d[7], "U3")
    scenario._contact(y, s11, "U3", dt.date(2026, 3, 1))
    reply_b(y, s11, "U3", dt.date(2026, 4, 1), dt.date(2026, 6, 1))
    scenario._evaluate(y, s11, dt.date(2026, 4, 5), "satisfied")
    do(
        dt.date(2026, 5, 20),
        services.follow_up_reply,
        s11,
        actor=y.officers["U3"],
        body="已经解决。",
    )
    s12 = scenario._assigned(y, "s12", d[8], "U3")
    reply_b(y, s12, "U3", dt.date(2026, 6, 1), dt.date(2026, 8, 1))
    scenario._evaluate(y, s12, dt.date(2026, 6, 5), "basically")
    do(
        dt.date(2026, 9, 1),
        services.explain_follow_up,
        s12,
        actor=y.officers["U3"],
        explanation="资金未落实。",
    )
    return y


def scores_of(year, **kwargs) -> dict[str, sc.UnitScore]:
    units = sc.unit_scores(st.session_items(year.session), today=TODAY, **kwargs)
    return {u.name: u for u in units}


def test_each_units_score_and_rank(year):
    found = scores_of(year)
    assert list(found) == ["市U1局", "市U3局", "市U2局"]  # best first
    u1, u3, u2 = found["市U1局"], found["市U3局"], found["市U2局"]
    assert u1.score == pytest.approx(25 * 2 / 3 + 15 * 2 / 3 + 30 * 0.9 + 15 * 2 / 3 + 10 * 2 / 3)
    assert u3.score == pytest.approx(68.25)
    assert u2.score == pytest.approx(0)
    assert [u.rank for u in found.values()] == [1, 2, 3]


def test_the_components_count_what_the_statistics_count(year):
    u1 = scores_of(year)["市U1局"].components
    assert {n: (c.counted, c.achieved) for n, c in u1.items()} == {
        "on_time": (3, 2),
        "contact": (3, 2),
        "satisfaction": (2, pytest.approx(1.8)),
        "result_class": (3, 2),
        "rehandling": (3, 2),
        "follow_up": (1, 0),
    }
    figures = {u.name: u.figures for u in st.unit_figures(st.session_items(year.session), TODAY)}
    for name, unit in scores_of(year).items():
        f, c = figures[name], unit.components
        assert (c["on_time"].counted, c["on_time"].achieved) == (f.owed, f.on_time)
        assert (c["contact"].counted, c["contact"].achieved) == (f.replied, f.contacted)
        assert c["satisfaction"].counted == f.evaluated
        assert c["rehandling"].achieved == f.replied - f.rehandled


def test_the_breakdown_per_item_adds_up_to_the_score(year):
    for unit in scores_of(year).values():
        assert sum(i.total for i in unit.items) == pytest.approx(unit.score)
        for name in COMPONENTS:
            component = unit.components[name]
            points = sum(i.points.get(name, 0) for i in unit.items)
            assert points == pytest.approx(component.points)
    u3 = scores_of(year)["市U3局"]
    by_title = {i.title: i for i in u3.items}
    s11, s12 = by_title["关于s11的建议"], by_title["关于s12的建议"]
    assert s11.points == pytest.approx(
        {
            "on_time": 12.5,
            "contact": 7.5,
            "satisfaction": 15,
            "result_class": 3.75,
            "rehandling": 5,
            "follow_up": 2.5,
        }
    )
    assert s12.values["follow_up"] == 0.5 and s12.total == pytest.approx(22)


def test_a_component_with_nothing_to_count_is_left_out(year):
    u2 = scores_of(year)["市U2局"]
    assert [n for n, c in u2.components.items() if c.counted] == ["on_time"]
    assert u2.components["contact"].percent == "—"
    [s4] = [i for i in u2.items if i.values["on_time"] is not None]
    assert s4.points == {"on_time": pytest.approx(0)}


def test_the_congress_configures_the_formula(year):
    rule = ScoringRule.current()
    rule.satisfaction_weight = 0
    rule.class_b_value = 1
    rule.save()
    found = scores_of(year)
    # U1 without satisfaction: 65 · 2/3 over the 70 points left, scaled to 100
    assert found["市U1局"].score == pytest.approx((25 + 15 + 15 + 10) * 2 / 3 * 100 / 70)
    # U3: B replies now count in full
    assert found["市U3局"].score == pytest.approx((12.5 + 7.5 + 15 + 10 + 3.75) * 100 / 70)
    assert list(found) == ["市U3局", "市U1局", "市U2局"]


def test_a_unit_without_anything_counted_has_no_score(year):
    late_unit = UnitFactory(name="市U4局")
    year.units["U4"] = late_unit
    year.officers["U4"] = unit_officer(late_unit)
    scenario._assigned(year, "s13", year.deputies[9], "U4", day=dt.date(2026, 11, 1))
    u4 = scores_of(year)["市U4局"]
    assert (u4.score, u4.rank) == (None, None)
    assert list(scores_of(year))[-1] == "市U4局"


def test_who_sees_which_scores(year):
    scope = ReportScope(session=year.session)
    with clock.travel(at(TODAY)):
        assert len(sc.scores_for(actor=year.staff, scope=scope)) == 3
        [own] = sc.scores_for(actor=year.officers["U3"], scope=scope)
        assert (own.name, own.rank) == ("市U3局", 2)  # its rank among every unit
        for refused in (year.deputies[0], year.member):
            with pytest.raises(NotPermitted):
                sc.scores_for(actor=refused, scope=scope)


def test_the_unit_scores_command_writes_one_row_per_unit(year, tmp_path):
    out = tmp_path / "scores.xlsx"
    with clock.travel(at(TODAY)):
        call_command("unit_scores", "--year", "2026", "--out", str(out), stdout=io.StringIO())
    sheet = load_workbook(out).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "颍川市2026年度"  # the heading
    header, data = rows[1], rows[2:]
    assert header[:4] == ("排名", "承办单位", "得分", "主办件数")
    assert [(r[0], r[1], r[2]) for r in data] == [
        (1, "市U1局", 70.33),
        (2, "市U3局", 68.25),
        (3, "市U2局", 0),
    ]
    points = [i for i, h in enumerate(header) if h.endswith("得分") and i > 2]
    assert len(points) == len(COMPONENTS)
    for r in data:  # the breakdown columns add up to the score
        assert sum(r[i] or 0 for i in points) == pytest.approx(r[2], abs=0.02)
    items = list(load_workbook(out).worksheets[1].iter_rows(values_only=True))[2:]
    assert {r[2] for r in items if r[0] == "市U3局"} == {"关于s11的建议", "关于s12的建议"}
