"""The demo: the size the issue asks for, every lifecycle state present, real history, and a
second load that changes nothing."""

import datetime as dt
from collections import Counter

import pytest
from django.conf import global_settings
from django.core.management import call_command
from django.test import override_settings

from renda.accounts.models import User
from renda.congress.models import Deputy, Organization
from renda.proposals.access import visible_proposals
from renda.proposals.history import describe
from renda.proposals.lifecycles import SUGGESTION_LIFECYCLE
from renda.proposals.models import Kind, Proposal, ProposalEvent
from renda.proposals.selectors import due_soon, overdue


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("load_demo", stdout=open("/dev/null", "w"))
        yield
        call_command("flush", "--noinput")


pytestmark = pytest.mark.django_db


def test_size_of_the_congress(demo):
    assert 380 <= Deputy.objects.count() <= 420
    assert 45 <= Organization.objects.filter(kind="handling_unit").count() <= 55
    assert Organization.objects.filter(kind="special_committee").count() >= 5


def test_fifteen_motions_one_listed_the_rest_handled_as_suggestions(demo):
    session_motions = Proposal.objects.filter(kind=Kind.MOTION, session__number=9)
    assert session_motions.count() == 15
    states = Counter(session_motions.values_list("state", flat=True))
    assert states == {"converted": 14, "in_handling": 1}
    pilot = session_motions.get(state="in_handling")
    assert "先行试验区" in pilot.title
    assert pilot.signatures.filter(status="confirmed").count() == 22
    assert pilot.committee_activities.count() >= 3
    assert Proposal.objects.filter(kind=Kind.SUGGESTION, source__isnull=False).count() == 14


def test_about_three_hundred_suggestions_in_every_state(demo):
    suggestions = Proposal.objects.filter(kind=Kind.SUGGESTION)
    assert 280 <= suggestions.count() <= 330
    assert set(suggestions.values_list("state", flat=True)) == set(SUGGESTION_LIFECYCLE.states)
    assert suggestions.values("category").distinct().count() >= 10


def test_some_overdue_some_due_soon_some_rehandled_some_disclosed(demo):
    today = dt.date(2026, 11, 24)
    suggestions = Proposal.objects.filter(kind=Kind.SUGGESTION)
    assert overdue(suggestions, today).count() >= 5
    assert due_soon(suggestions, today, days=30).exists()
    assert suggestions.filter(handling_round=2).count() >= 5
    assert suggestions.filter(disclosure="public").count() >= 100
    assert suggestions.filter(disclosure="withheld").exists()
    assert suggestions.filter(key_supervised=True).exists()


def test_numbers_have_no_gaps(demo):
    for kind, period in [(Kind.SUGGESTION, "session"), (Kind.SUGGESTION, "interim")]:
        numbers = sorted(
            Proposal.objects.filter(kind=kind, period=period, session__number=9)
            .exclude(number=None)
            .values_list("number", flat=True)
        )
        assert numbers == list(range(1, len(numbers) + 1))


def test_every_item_has_a_readable_history(demo):
    assert not Proposal.objects.filter(events__isnull=True).exists()
    for event in ProposalEvent.objects.select_related("actor").order_by("?")[:300]:
        sentence = describe(event)
        assert sentence and "%(" not in sentence


def test_demo_accounts_have_work_to_do(demo):
    deputy = User.objects.get(username="deputy")
    states = set(
        visible_proposals(deputy).filter(lead_deputy=deputy.deputy).values_list("state", flat=True)
    )
    assert {"draft", "submitted", "in_handling", "replied"} <= states
    unit = User.objects.get(username="unit")
    assert visible_proposals(unit).filter(state="in_handling").exists()
    with override_settings(PASSWORD_HASHERS=global_settings.PASSWORD_HASHERS):
        assert User.objects.get(username="staff").check_password("Renda@2026")


def test_loading_again_changes_nothing(demo):
    counts = (Proposal.objects.count(), ProposalEvent.objects.count(), User.objects.count())
    call_command("load_demo", stdout=open("/dev/null", "w"))
    assert (Proposal.objects.count(), ProposalEvent.objects.count(), User.objects.count()) == counts


def test_the_pilot_zone_indicator_system(demo):
    from renda.indicators import selectors
    from renda.indicators.models import IndicatorSystem, IndicatorValue

    system = IndicatorSystem.objects.get()
    assert (system.dimensions.count(), system.indicators.count()) == (6, 36)
    _table, dimensions = selectors.system_overview(system)
    statuses = Counter(item.status for d in dimensions for item in d.indicators)
    assert statuses["lagging"] + statuses["seriously_lagging"] >= 4
    assert statuses["met"] + statuses["on_track"] >= 20
    assert any(lag.region.name == "禹州市" for lag in selectors.lagging(system))
    missing = selectors.missing(system, today=dt.date(2026, 11, 24))
    assert 3 <= len(missing) <= 20
    assert IndicatorValue.objects.filter(state="submitted").exists()
    assert IndicatorValue.objects.filter(revision=2).exists()  # returned, then corrected
    pilot = Proposal.objects.get(kind=Kind.MOTION, title__contains="先行试验区")
    assert len(selectors.linked_indicators(pilot)) == 36


def test_the_reminders_of_the_demos_last_day_went_out(demo):
    from renda.demo.story import LAST_DAY
    from renda.notifications.models import Notification, Reminder

    late = overdue(
        Proposal.objects.filter(assignments__active=True, assignments__role="lead"), LAST_DAY
    )
    reminded = Reminder.objects.filter(kind="overdue", sent_on=LAST_DAY)
    assert set(reminded.values_list("proposal", flat=True)) == set(
        late.values_list("pk", flat=True)
    )
    assert reminded.count() >= 5
    staff = User.objects.get(username="staff")
    assert Notification.objects.filter(recipient=staff, kind="overdue_digest").count() == 1
