"""The scheduler's clockwork: each working day at the configured time it enqueues the
reminders, and whenever deliveries are due that no task is on its way for (retries on a task
backend that cannot defer, claims left by a dead worker) it enqueues the delivery task."""

import datetime as dt
import logging

from django.utils import timezone

from renda.congress import calendar
from renda.notifications import conf, delivery
from renda.notifications.tasks import deliver_notifications, send_reminders

logger = logging.getLogger(__name__)


class Scheduler:
    def __init__(self) -> None:
        self.reminded_on: dt.date | None = None

    def tick(self, now: dt.datetime) -> list[str]:
        """Enqueue what is due at `now`; returns the names of the tasks enqueued."""
        enqueued = []
        local = timezone.localtime(now)
        if self.reminders_due(local):
            send_reminders.enqueue(local.date().isoformat())
            self.reminded_on = local.date()
            enqueued.append("send_reminders")
        if delivery.has_due_work():
            deliver_notifications.enqueue()
            enqueued.append("deliver_notifications")
        return enqueued

    def reminders_due(self, local: dt.datetime) -> bool:
        """Once a day, from the reminder time on, on working days only."""
        day = local.date()
        return (
            self.reminded_on != day
            and local.time() >= conf.reminder_time()
            and calendar.is_workday(day)
        )
