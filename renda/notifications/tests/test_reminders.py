"""Reminders with a frozen clock around the 2026 Mid-autumn and National Day holidays
(9/25–27 and 10/1–7 off, Sunday 9/20 and Saturday 10/10 worked): 'due soon' counts working
days, each reminder goes out once per item, kind and due date, and overdue ones reach staff."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

from renda.accounts.models import User
from renda.congress.models import CongressSettings
from renda.notifications import reminders
from renda.notifications.models import Notification, Reminder
from renda.notifications.reminders import send_reminders
from renda.proposals.models import Kind
from renda.proposals.tests.builders import build_item
from renda.testing.factories import UserFactory, unit_officer

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Asia/Shanghai")


def morning(day: dt.date):
    return time_machine.travel(dt.datetime(day.year, day.month, day.day, 8, 30, tzinfo=TZ))


@pytest.fixture(autouse=True)
def five_days():
    CongressSettings.objects.update_or_create(
        pk=CongressSettings.current().pk, defaults={"due_soon_days": 5}
    )


@pytest.fixture
def due(cast):
    """Items in handling, keyed by their reply due date."""

    def make(day: dt.date, state="in_handling"):
        item = build_item(cast, Kind.SUGGESTION, state)
        item.due_date = day
        item.save(update_fields=["due_date"])
        return item

    return make


def sent(kind=None):
    rows = Reminder.objects.all() if kind is None else Reminder.objects.filter(kind=kind)
    return sorted((r.proposal.due_date, r.kind) for r in rows.select_related("proposal"))


def texts(user):
    return list(Notification.objects.filter(recipient=user).values_list("text", flat=True))


def test_due_soon_counts_working_days_across_the_holidays(cast, due):
    a, b, c = due(dt.date(2026, 10, 9)), due(dt.date(2026, 10, 10)), due(dt.date(2026, 9, 30))
    late = due(dt.date(2026, 9, 23))
    with morning(dt.date(2026, 9, 24)):  # Thursday; 9/28, 9/29, 9/30, 10/8, 10/9 follow
        run = send_reminders()
    assert run.horizon == dt.date(2026, 10, 9)
    assert sent() == [
        (late.due_date, "overdue"),
        (c.due_date, "due_soon"),
        (a.due_date, "due_soon"),
    ]
    assert not Reminder.objects.filter(proposal=b).exists()  # the sixth working day
    told = texts(cast.lead_officer)
    assert any("2026年10月9日" in t and "还有5个工作日" in t for t in told)
    assert any("2026年9月30日" in t and "还有3个工作日" in t for t in told)


def test_calendar_days_where_configured(settings, due):
    settings.NOTIFICATIONS = {"DUE_SOON_UNIT": "calendar"}
    due(dt.date(2026, 10, 9))
    soon = due(dt.date(2026, 9, 29))
    with morning(dt.date(2026, 9, 24)):
        run = send_reminders()
    assert run.horizon == dt.date(2026, 9, 29)
    assert sent() == [(soon.due_date, "due_soon")]
    assert "还有5天" in Notification.objects.get().text


def test_each_reminder_is_sent_once_across_runs_and_days(cast, due):
    a, b = due(dt.date(2026, 10, 9)), due(dt.date(2026, 10, 10))
    with morning(dt.date(2026, 9, 24)):
        send_reminders()
        again = send_reminders()  # the scheduler runs twice
    assert again.sent == {} and again.notifications == 0
    with morning(dt.date(2026, 9, 28)):  # Monday after the Mid-autumn weekend
        send_reminders()
    assert sent() == [(a.due_date, "due_soon"), (b.due_date, "due_soon")]
    with morning(dt.date(2026, 10, 10)):  # the worked Saturday: a is a day late
        run = send_reminders()
        assert send_reminders().sent == {}
    assert run.sent == {"overdue": 1}
    assert sent("overdue") == [(a.due_date, "overdue")]
    assert len(texts(cast.lead_officer)) == 3


def test_a_new_due_date_is_reminded_again(due):
    item = due(dt.date(2026, 10, 9))
    with morning(dt.date(2026, 9, 24)):
        send_reminders()
    item.due_date = dt.date(2026, 10, 16)  # an extension was granted
    item.save(update_fields=["due_date"])
    with morning(dt.date(2026, 10, 12)):
        send_reminders()
    assert sorted(Reminder.objects.values_list("due_date", "kind")) == [
        (dt.date(2026, 10, 9), "due_soon"),
        (dt.date(2026, 10, 16), "due_soon"),
    ]


def test_only_items_still_owed_a_reply(due):
    due(dt.date(2026, 9, 30), state="replied")
    due(dt.date(2026, 9, 30), state="closed")
    owed = due(dt.date(2026, 9, 30), state="rehandling")
    with morning(dt.date(2026, 9, 24)):
        send_reminders()
    assert list(Reminder.objects.values_list("proposal", flat=True)) == [owed.pk]


def test_every_officer_of_the_lead_unit_is_reminded_and_no_one_else(cast, due):
    second = unit_officer(cast.lead_unit)
    due(dt.date(2026, 9, 30))
    with morning(dt.date(2026, 9, 24)):
        send_reminders()
    assert set(Notification.objects.values_list("recipient", flat=True)) == {
        cast.lead_officer.pk,
        second.pk,
    }
    assert Reminder.objects.get().recipients == 2


def test_a_unit_without_accounts_is_still_recorded(cast, due):
    due(dt.date(2026, 9, 30))
    User.objects.filter(pk=cast.lead_officer.pk).update(is_active=False)  # the only account
    with morning(dt.date(2026, 9, 24)):
        send_reminders()
    reminder = Reminder.objects.get()
    assert (reminder.unit, reminder.recipients) == (cast.lead_unit, 0)
    assert not Notification.objects.exists()


def test_overdue_reminders_reach_staff_in_one_summary(cast, due):
    other_staff = UserFactory(full_name="工作人员乙")
    due(dt.date(2026, 9, 22)), due(dt.date(2026, 9, 23)), due(dt.date(2026, 9, 30))
    with morning(dt.date(2026, 9, 24)):
        send_reminders()
        send_reminders()
    for user in (cast.staff, other_staff):
        (text,) = texts(user)
        assert "2条" in text
    assert Notification.objects.get(recipient=cast.staff).item is None


def test_or_as_a_copy_of_each_where_configured(settings, cast, due):
    settings.NOTIFICATIONS = {"STAFF_OVERDUE_COPY": "each"}
    a, b = due(dt.date(2026, 9, 22)), due(dt.date(2026, 9, 23))
    due(dt.date(2026, 9, 30))
    with morning(dt.date(2026, 9, 24)):
        send_reminders()
    copies = Notification.objects.filter(recipient=cast.staff)
    assert sorted(copies.values_list("item", flat=True)) == sorted([a.pk, b.pk])
    assert all(cast.lead_unit.name in n.text and n.subject == "承办单位超期" for n in copies)
    assert {n.kind for n in copies} == {"overdue_copy"}


def test_co_unit_opinions_are_reminded_to_the_co_unit(cast, due):
    item = due(dt.date(2026, 12, 20))
    co = item.assignments.get(role="co")
    co.opinion_due = dt.date(2026, 9, 30)
    co.save(update_fields=["opinion_due"])
    with morning(dt.date(2026, 9, 24)):
        send_reminders()
    with morning(dt.date(2026, 10, 8)):
        send_reminders()
        send_reminders()
    assert sorted(Reminder.objects.values_list("kind", "unit")) == [
        ("opinion_due_soon", cast.co_unit.pk),
        ("opinion_overdue", cast.co_unit.pk),
    ]
    soon, late = sorted(texts(cast.co_officer), key=len)
    assert "协办意见" in soon and "还有3个工作日" in soon
    assert "超期" in late
    assert texts(cast.lead_officer) == []
    assert len(texts(cast.staff)) == 1  # the overdue summary


def test_a_sent_opinion_is_not_reminded(cast, due):
    item = due(dt.date(2026, 12, 20))
    co = item.assignments.get(role="co")
    co.opinion_due, co.opinion_at = dt.date(2026, 9, 30), timezone.now()
    co.save(update_fields=["opinion_due", "opinion_at"])
    with morning(dt.date(2026, 10, 8)):
        send_reminders()
    assert not Reminder.objects.exists()


def test_two_runs_racing_for_the_same_reminder_send_it_once(cast, due):
    """Both runs saw the reminder as not sent yet; only the one whose insert wins sends."""
    item = due(dt.date(2026, 9, 30))
    with morning(dt.date(2026, 9, 24)):
        window = reminders.Window(dt.date(2026, 9, 24))
        dues = [reminders.Due(item.pk, cast.lead_unit.pk, item.due_date)]
        first = reminders.ReminderRun(day=window.today, horizon=window.horizon)
        second = reminders.ReminderRun(day=window.today, horizon=window.horizon)
        reminders._send_chunk("due_soon", dues, window, first, [])
        reminders._send_chunk("due_soon", dues, window, second, [])
    assert (first.notifications, second.notifications) == (1, 0)
    assert Reminder.objects.get().run == first.token
    assert Notification.objects.count() == 1


def test_an_ordinary_weekend_is_not_counted(cast, due):
    monday, next_friday = due(dt.date(2026, 10, 19)), due(dt.date(2026, 10, 23))
    due(dt.date(2026, 10, 26))  # the sixth working day after Friday 10/16
    with morning(dt.date(2026, 10, 16)):
        run = send_reminders()
    assert run.horizon == next_friday.due_date
    assert sorted(Reminder.objects.values_list("proposal", flat=True)) == sorted(
        [monday.pk, next_friday.pk]
    )
    told = texts(cast.lead_officer)
    assert any("2026年10月19日" in t and "还有1个工作日" in t for t in told)
