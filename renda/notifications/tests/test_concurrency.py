"""Workers and schedulers running at the same time, on PostgreSQL (its row locks and SKIP
LOCKED are what is tested; SQLite serialises all writers anyway). Runs in the PostgreSQL pass."""

import datetime as dt
import threading
import time
from collections import Counter

import pytest
from django.db import connection

from renda.notifications import delivery
from renda.notifications.channels import CHANNELS, Channel
from renda.notifications.models import Delivery, Notification, Reminder
from renda.notifications.reminders import send_reminders
from renda.notifications.services import notify
from renda.proposals.models import Kind
from renda.proposals.tests.builders import build_item

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locking is tested on PostgreSQL"
    ),
]


class RecordingChannel(Channel):
    name = "email"
    lock = threading.Lock()
    sent: Counter = Counter()
    batches: list[int] = []

    @classmethod
    def address_for(cls, user):
        return user.email or ""

    def send_many(self, deliveries):
        with self.lock:
            self.batches.append(len(deliveries))
        return super().send_many(deliveries)

    def send(self, d):
        time.sleep(0.001)  # long enough for the workers to overlap
        with self.lock:
            self.sent[d.pk] += 1


def in_threads(target, n):
    barrier, errors = threading.Barrier(n), []

    def run():
        try:
            barrier.wait()
            target()
        except Exception as exc:  # collected and asserted on by the test
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return errors


def test_concurrent_workers_send_each_message_once(settings, monkeypatch, cast, reachable):
    settings.NOTIFICATIONS = {"BATCH": 25, "CHANNELS": {"*": ["email"]}}
    monkeypatch.setitem(CHANNELS, "email", RecordingChannel)
    RecordingChannel.sent.clear()
    RecordingChannel.batches.clear()
    item = build_item(cast, Kind.SUGGESTION, "in_handling")
    for _ in range(300):
        notify(kind="rehandling", item=item, recipients=[reachable])
    errors = in_threads(delivery.deliver_due, 4)
    assert errors == []
    ids = set(Delivery.objects.values_list("pk", flat=True))
    assert set(RecordingChannel.sent) == ids and set(RecordingChannel.sent.values()) == {1}
    assert max(RecordingChannel.batches) <= 25
    assert set(Delivery.objects.values_list("status", "attempts")) == {("sent", 1)}


def test_concurrent_scheduler_runs_send_each_reminder_once(cast):
    for day in range(20):
        item = build_item(cast, Kind.SUGGESTION, "in_handling")
        item.due_date = dt.date(2026, 9, 10) + dt.timedelta(days=day)
        item.save(update_fields=["due_date"])
    errors = in_threads(lambda: send_reminders(dt.date(2026, 9, 24)), 3)
    assert errors == []
    assert Reminder.objects.count() == 20
    per_item = Counter(
        Notification.objects.filter(recipient=cast.lead_officer).values_list("item", flat=True)
    )
    assert len(per_item) == 20 and set(per_item.values()) == {1}
    assert Notification.objects.filter(recipient=cast.staff, kind="overdue_digest").count() >= 1
