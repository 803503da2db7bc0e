"""The statistics definitions on a handling year whose every figure is known by hand
(scenario.py), and the promise that the queries do not grow with the data."""

import dataclasses

import pytest

from renda.proposals.models import Proposal
from renda.reports import statistics as st
from renda.reports.tests.scenario import TODAY, build_year

pytestmark = pytest.mark.django_db


@pytest.fixture
def year():
    return build_year()


def test_counts_of_received_items(year):
    counts = st.item_counts(st.session_items(year.session))
    assert counts == st.ItemCounts(
        motions=2,
        motions_listed=1,
        motions_converted=1,
        motions_not_accepted=0,
        motions_awaiting_decision=0,
        # s1–s7 and s10; s8 was withdrawn and s9 is a draft
        suggestions=8,
        suggestions_from_motions=1,
        suggestions_session=8,
        suggestions_interim=0,
        suggestions_accepted=7,  # s7 was transferred without a number
        suggestions_transferred=1,
        suggestions_awaiting_review=0,
        suggestions_assigned=5,
        suggestions_closed=2,
    )
    assert counts.total == 9


def test_overall_handling_figures(year):
    f = st.overall_figures(st.session_items(year.session), TODAY)
    assert dataclasses.asdict(f) == {
        "assigned": 5,
        "replied": 3,
        "overdue": 1,  # s4; s5 is not due yet
        "owed": 4,
        "on_time": 2,  # s1 and s3; s2 replied late
        "contacted": 2,  # s1 and s3; s2's contact came after its first reply
        "class_a": 2,  # s1, and s2 after re-handling
        "class_b": 0,
        "class_c": 1,
        "class_d": 0,
        "evaluated": 2,
        "satisfied": 1,
        "basically_satisfied": 1,
        "unsatisfied": 0,  # s2's 不满意 was followed by 基本满意
        "no_feedback": 0,
        "rehandled": 1,
        "key_supervised": 1,
        "closed": 2,
    }
    assert f.on_time_rate.percent == "50.0%"
    assert f.contact_rate.percent == "66.7%"
    assert f.a_share.percent == "66.7%"
    assert f.c_share.percent == "33.3%"
    assert f.satisfaction_rate.percent == "100.0%"
    assert f.reply_rate.percent == "60.0%"


def test_figures_per_unit(year):
    units = {u.name: u for u in st.unit_figures(st.session_items(year.session), TODAY)}
    assert list(units) == ["市U1局", "市U2局", "市U3局"]
    u1, u2, u3 = units["市U1局"], units["市U2局"], units["市U3局"]
    assert (u1.figures.assigned, u1.figures.replied, u1.figures.on_time, u1.figures.owed) == (
        3,
        3,
        2,
        3,
    )
    assert u1.figures.contact_rate == st.Rate(2, 3)
    assert (u1.figures.class_a, u1.figures.class_c, u1.figures.rehandled) == (2, 1, 1)
    assert (u2.figures.assigned, u2.figures.overdue, u2.figures.on_time_rate) == (
        2,
        1,
        st.Rate(0, 1),
    )
    assert u2.figures.contact_rate.percent == "—"
    assert (u3.figures.assigned, u3.co_assigned) == (0, 1)


def test_breakdowns(year):
    items = st.session_items(year.session)
    by_category = {b.label: (b.motions, b.suggestions) for b in st.counts_by(items, "category")}
    assert by_category == {"城乡建设": (2, 6), "交通运输": (0, 2)}
    by_delegation = {b.label: b.total for b in st.counts_by(items, "delegation")}
    assert by_delegation == {"东区代表团": 8, "西区代表团": 2}
    by_state = {b.key: b.total for b in st.counts_by(items, "state")}
    assert by_state == {
        "closed": 2,
        "replied": 1,
        "in_handling": 3,  # s4, s5 and the motion m1
        "accepted": 2,
        "transferred": 1,
        "converted": 1,
    }


def test_committee_activities_and_contacts(year):
    items = st.session_items(year.session)
    assert st.activity_counts(items) == st.ActivityCounts(
        investigations=2, hearings=0, summaries=1, symposiums=1
    )
    assert st.contact_methods(items) == {"visit": 3}
    assert [a.kind for a in st.committee_activities(items)] == [
        "investigation",
        "investigation",
        "summary",
        "symposium",
    ]


def test_key_supervised_and_listed_motions(year):
    items = st.session_items(year.session)
    [key] = st.key_supervised_items(items)
    assert (key.pk, key.lead_unit_name, key.latest_class, key.reply_count) == (
        year.s["s4"].pk,
        "市U2局",
        None,
        0,
    )
    [motion] = st.listed_motions(items)
    assert (motion.pk, motion.signers) == (year.m["m1"].pk, 11)


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"unit": "U1"}, {"s1", "s2", "s3"}),
        ({"result_class": "A"}, {"s1", "s2"}),
        ({"satisfaction": "basically"}, {"s2"}),
        ({"overdue": True}, {"s4"}),
        ({"key_supervised": "1"}, {"s4"}),
        ({"rehandled": True}, {"s2"}),
        ({"replied": True, "unit": "U1"}, {"s1", "s2", "s3"}),
        ({"state": ["accepted", "transferred"]}, {"s6", "s7", "s10"}),
    ],
)
def test_drill_down_returns_the_items_behind_a_figure(year, filters, expected):
    if "unit" in filters:
        filters = {**filters, "unit": year.units[filters["unit"]].pk}
    items = st.filter_items(
        st.session_items(year.session).filter(kind="suggestion"), today=TODAY, **filters
    )
    names = {name for name, s in year.s.items() if s.pk in set(items.values_list("pk", flat=True))}
    assert names == expected


def test_each_breakdown_bar_drills_down_to_as_many_items(year):
    items = st.session_items(year.session)
    for dimension in ("category", "delegation", "state"):
        for bucket in st.counts_by(items, dimension):
            key = "none" if bucket.key is None else bucket.key
            found = st.filter_items(items, received_only=True, **{dimension: key})
            assert found.count() == bucket.total, (dimension, bucket)


def test_unknown_filters_are_refused(year):
    with pytest.raises(ValueError):
        st.filter_items(Proposal.objects.all(), colour="red")


def test_a_year_scope_takes_the_items_submitted_that_year(year):
    assert st.item_counts(st.year_items(2026)) == st.item_counts(st.session_items(year.session))
    assert st.item_counts(st.year_items(2025)).total == 0


def test_rates_without_a_denominator():
    assert st.Rate(0, 0).value is None
    assert str(st.Rate(0, 0)) == "—"
    assert st.Rate(1, 3).percent == "33.3%"


def test_the_number_of_queries_does_not_grow_with_the_data(year, django_assert_num_queries):
    items = st.session_items(year.session)
    with django_assert_num_queries(9):
        small = st.compute_statistics(items, TODAY)
    build_more(year)
    with django_assert_num_queries(9):
        large = st.compute_statistics(items, TODAY)
    assert large.overall.assigned > small.overall.assigned


def build_more(year):
    from renda.reports.tests import scenario

    for i in range(6):
        scenario._assigned(year, f"extra{i}", year.deputies[i], "U3", co=["U1"])
