"""The worker sends due deliveries, records each outcome, retries failures with growing waits,
gives up after the last attempt, and never sends a message twice."""

import datetime as dt
import logging

import pytest
import time_machine
from django.core import mail
from django.db import transaction
from django.utils import timezone

from renda.notifications import delivery
from renda.notifications.channels import SmsGateway
from renda.notifications.models import Delivery, Notification
from renda.notifications.services import notify

pytestmark = pytest.mark.django_db
START = dt.datetime(2026, 10, 12, 9, 0, tzinfo=dt.UTC)


class BrokenGateway(SmsGateway):
    def send(self, mobile, text):
        raise ConnectionError("gateway unreachable")


class BrokenMail:
    def __init__(self, *args, **kwargs):
        pass

    def open(self):
        raise ConnectionRefusedError("mail server down")

    def close(self):
        pass


@pytest.fixture
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


@pytest.fixture
def broken_sms(settings):
    settings.NOTIFICATIONS = {"SMS_GATEWAY": f"{__name__}.BrokenGateway"}


def tell(item, officer, kind="assigned"):
    return notify(kind=kind, item=item, recipients=[officer], context={"due_date": item.due_date})


def test_due_deliveries_are_sent_and_marked(clock, item, reachable, locmem_mail, caplog):
    tell(item, reachable)
    with caplog.at_level(logging.INFO, logger="renda.notifications.channels"):
        run = delivery.deliver_due()
    assert run.sent == 2 and run.failed == run.retried == 0
    assert set(Delivery.objects.values_list("status", "attempts")) == {("sent", 1)}
    assert Delivery.objects.filter(sent_at=timezone.now()).count() == 2
    (message,) = mail.outbox
    assert message.to == ["officer@unit.example.cn"] and message.subject == "交办通知"
    assert "主办" in message.body
    # the logging gateway masks the number
    assert "138****1111" in caplog.text and "13800001111" not in caplog.text


def test_nothing_is_sent_twice(clock, item, reachable, locmem_mail):
    tell(item, reachable)
    delivery.deliver_due()
    assert delivery.deliver_due().sent == 0
    assert len(mail.outbox) == 1


def test_a_failure_waits_longer_each_time_then_gives_up(clock, broken_sms, item, reachable):
    tell(item, reachable)
    sms = Delivery.objects.filter(channel="sms")
    waits = []
    for attempt in range(1, 5):
        run = delivery.deliver_due()
        row = sms.get()
        assert (row.status, row.attempts, run.retried) == ("pending", attempt, 1)
        assert "gateway unreachable" in row.last_error
        waits.append(row.next_attempt_at - timezone.now())
        assert delivery.deliver_due().retried == 0  # not due yet: nothing happens
        clock.move_to(row.next_attempt_at)
    assert waits == [dt.timedelta(seconds=60 * 2**n) for n in range(4)]
    run = delivery.deliver_due()
    row = sms.get()
    assert (row.status, row.attempts, run.failed) == ("failed", 5, 1)
    clock.shift(dt.timedelta(days=1))
    assert delivery.deliver_due().failed == 0 and sms.get().attempts == 5
    # the e-mail went out at the first try all the same
    assert Delivery.objects.get(channel="email").status == "sent"


def test_attempts_and_back_off_are_configurable(clock, settings, item, reachable):
    settings.NOTIFICATIONS = {
        "SMS_GATEWAY": f"{__name__}.BrokenGateway",
        "MAX_ATTEMPTS": 2,
        "RETRY_SECONDS": 5,
    }
    tell(item, reachable)
    delivery.deliver_due()
    row = Delivery.objects.get(channel="sms")
    assert row.next_attempt_at == timezone.now() + dt.timedelta(seconds=5)
    clock.shift(dt.timedelta(seconds=5))
    delivery.deliver_due()
    assert Delivery.objects.get(channel="sms").status == "failed"


def test_a_mail_server_that_is_down_fails_only_the_mail(clock, settings, item, reachable):
    settings.EMAIL_BACKEND = f"{__name__}.BrokenMail"
    tell(item, reachable)
    run = delivery.deliver_due()
    assert (run.sent, run.retried) == (1, 1)
    assert dict(Delivery.objects.values_list("channel", "status")) == {
        "email": "pending",
        "sms": "sent",
    }
    assert "mail server down" in Delivery.objects.get(channel="email").last_error


def test_a_failed_delivery_does_not_undo_the_step(
    settings, broken_sms, item, reachable, django_capture_on_commit_callbacks
):
    # The step commits; delivery runs after the commit (here at once, as the task backend in
    # tests is immediate) and fails — the notification and the step's own writes stay.
    settings.EMAIL_BACKEND = f"{__name__}.BrokenMail"
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            item.title = "改过的标题"
            item.save(update_fields=["title"])
            tell(item, reachable)
    item.refresh_from_db()
    assert item.title == "改过的标题"
    assert Notification.objects.count() == 1
    assert set(Delivery.objects.values_list("status", "attempts")) == {("pending", 1)}


def test_a_retry_is_scheduled_on_a_backend_that_can_defer(clock, settings, broken_sms, item):
    from django_tasks import task_backends

    settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks.backends.dummy.DummyBackend",
            "QUEUES": ["default", "notifications"],
        }
    }
    officer = item.assignments.get(role="lead").unit.users.get()
    officer.mobile = "13800002222"
    officer.save(update_fields=["mobile"])
    tell(item, officer)
    delivery.deliver_due()
    (retry,) = task_backends["default"].results
    assert retry.task.name == "deliver_notifications"
    assert retry.task.run_after == timezone.now() + dt.timedelta(seconds=60)


def test_two_workers_never_send_the_same_message(clock, settings, item, reachable, locmem_mail):
    """Worker B runs while worker A is in the middle of sending its batch: B finds A's rows
    claimed and sends nothing of them; each message goes out once."""
    from renda.notifications.channels import EmailChannel

    tell(item, reachable)
    tell(item, reachable, kind="rehandling")
    real_send = EmailChannel.send
    seen = {}

    def send_then_let_b_run(self, d):
        if not seen:
            seen["b"] = delivery.deliver_due()
        real_send(self, d)

    EmailChannel.send = send_then_let_b_run
    try:
        a = delivery.deliver_due()
    finally:
        EmailChannel.send = real_send
    assert seen["b"].sent == 0 and a.sent == 3  # two e-mails, one SMS (assignment only)
    assert len(mail.outbox) == 2
    assert set(Delivery.objects.values_list("status", "attempts")) == {("sent", 1)}


def test_a_claim_takes_only_rows_still_waiting(clock, item, reachable):
    tell(item, reachable)
    first = delivery.claim(10)
    second = delivery.claim(10)
    assert len(first) == 2 and second == []
    assert {d.claimed_by for d in first} != {""}
    assert set(Delivery.objects.values_list("status", flat=True)) == {"sending"}


def test_a_claim_respects_the_batch_size(clock, item, reachable):
    for _ in range(3):
        tell(item, reachable)
    assert len(delivery.claim(4)) == 4
    assert len(delivery.claim(4)) == 2


def test_a_dead_workers_claims_are_released(clock, item, reachable, locmem_mail):
    tell(item, reachable)
    delivery.claim(10)  # the worker dies here, before sending
    assert delivery.deliver_due().sent == 0
    clock.shift(dt.timedelta(minutes=11))
    run = delivery.deliver_due()
    assert (run.released, run.sent) == (2, 2)
    assert set(Delivery.objects.values_list("status", "attempts")) == {("sent", 2)}
