"""The scheduler enqueues the reminders once each working day at the configured time (not on
holidays or weekends, but on a worked Saturday), and the delivery task when deliveries wait."""

import datetime as dt
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django_tasks import task_backends

from renda.notifications.scheduler import Scheduler
from renda.notifications.services import notify

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Asia/Shanghai")


@pytest.fixture(autouse=True)
def queue(settings):
    settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks.backends.dummy.DummyBackend",
            "QUEUES": ["default", "notifications"],
        }
    }
    return task_backends["default"]


def at(day, hour, minute=0):
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=TZ)


def enqueued(queue):
    return [(r.task.name, r.args) for r in queue.results]


@pytest.mark.parametrize(
    ("day", "works"),
    [
        (dt.date(2026, 9, 24), True),  # Thursday
        (dt.date(2026, 9, 25), False),  # Mid-autumn Festival, a Friday
        (dt.date(2026, 10, 1), False),  # National Day
        (dt.date(2026, 10, 10), True),  # a Saturday worked in exchange
        (dt.date(2026, 10, 11), False),  # Sunday
    ],
)
def test_reminders_go_out_on_working_days_only(queue, day, works):
    scheduler = Scheduler()
    scheduler.tick(at(day, 8, 0))
    assert enqueued(queue) == []  # before the reminder time
    scheduler.tick(at(day, 8, 30))
    scheduler.tick(at(day, 9, 30))  # later ticks that day add nothing
    expected = [("send_reminders", [day.isoformat()])] if works else []
    assert enqueued(queue) == expected


def test_once_a_day_then_again_the_next_working_day(queue):
    scheduler = Scheduler()
    for day in (dt.date(2026, 9, 29), dt.date(2026, 9, 30)):
        scheduler.tick(at(day, 8, 30))
        scheduler.tick(at(day, 17, 0))
    assert [args for _name, args in enqueued(queue)] == [["2026-09-29"], ["2026-09-30"]]


def test_the_time_is_configurable(settings, queue):
    settings.NOTIFICATIONS = {"REMINDER_TIME": "14:00"}
    scheduler = Scheduler()
    scheduler.tick(at(dt.date(2026, 9, 29), 13, 59))
    assert enqueued(queue) == []
    scheduler.tick(at(dt.date(2026, 9, 29), 14, 0))
    assert len(enqueued(queue)) == 1


def test_waiting_deliveries_get_the_delivery_task(queue, item, reachable):
    moment = at(dt.date(2026, 10, 1), 12)  # a holiday: no reminders, but deliveries go on
    with time_machine.travel(moment, tick=False):
        assert Scheduler().tick(moment) == []
        notify(kind="assigned", item=item, recipients=[reachable])
        queue.results.clear()  # the task enqueued after the commit
        assert Scheduler().tick(moment) == ["deliver_notifications"]


def test_run_scheduler_once(queue):
    out = StringIO()
    with time_machine.travel(at(dt.date(2026, 9, 29), 9), tick=False):
        call_command("run_scheduler", "--once", stdout=out)
    assert "enqueued send_reminders" in out.getvalue()
    assert enqueued(queue) == [("send_reminders", ["2026-09-29"])]
