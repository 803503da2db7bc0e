"""Background tasks (Django's tasks API): they take plain values and call the services."""

import datetime as dt

from django_tasks import task

from renda.notifications import delivery, reminders

QUEUE = "notifications"


@task(queue_name=QUEUE)
def deliver_notifications() -> dict:
    """Send the e-mail and SMS deliveries that are due."""
    return delivery.deliver_due().as_dict()


@task(queue_name=QUEUE)
def send_reminders(day: str | None = None) -> dict:
    """Send the due-soon and overdue reminders for `day` (ISO date; today by default)."""
    run = reminders.send_reminders(dt.date.fromisoformat(day) if day else None)
    return run.as_dict()
