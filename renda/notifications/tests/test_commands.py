"""The one-shot commands and the tasks (run inline by the test task backend)."""

import datetime as dt
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.management import CommandError, call_command

from renda.notifications.models import Delivery, Reminder
from renda.notifications.tasks import deliver_notifications, send_reminders

pytestmark = pytest.mark.django_db


@pytest.fixture
def late(item):
    item.due_date = dt.date(2026, 9, 23)
    item.save(update_fields=["due_date"])
    return item


def test_send_reminders_for_a_given_day(late, reachable):
    out = StringIO()
    call_command("send_reminders", "--date", "2026-09-24", stdout=out)
    assert "overdue 1" in out.getvalue()
    assert Reminder.objects.get().sent_on == dt.date(2026, 9, 24)
    assert Delivery.objects.filter(status="pending").count() == 2


def test_a_bad_date_is_refused(late):
    with pytest.raises(CommandError):
        call_command("send_reminders", "--date", "24/09/2026")
    assert not Reminder.objects.exists()


def test_deliver_notifications_sends_what_is_due(late, reachable, locmem_mail):
    call_command("send_reminders", "--date", "2026-09-24", stdout=StringIO())
    out = StringIO()
    call_command("deliver_notifications", stdout=out)
    assert "sent 2" in out.getvalue()
    assert len(mail.outbox) == 1


def test_the_tasks_call_the_services(late, reachable, locmem_mail):
    with time_machine.travel(dt.datetime(2026, 9, 24, 1, tzinfo=dt.UTC), tick=False):
        result = send_reminders.enqueue()
    assert result.return_value["sent"] == {"overdue": 1}
    assert deliver_notifications.enqueue().return_value["sent"] == 2
    assert set(Delivery.objects.values_list("status", flat=True)) == {"sent"}


def test_a_cron_entry_skips_rest_days(late):
    out = StringIO()
    call_command("send_reminders", "--date", "2026-10-01", "--working-days-only", stdout=out)
    assert "rest day" in out.getvalue() and not Reminder.objects.exists()
    call_command("send_reminders", "--date", "2026-10-10", "--working-days-only", stdout=out)
    assert Reminder.objects.filter(sent_on=dt.date(2026, 10, 10)).count() == 1
