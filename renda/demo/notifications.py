"""The demo's reminders: the scheduler's run on the demo's last day, so staff find overdue
and due-soon reminders in the reminder log and the unit accounts find them in their inbox."""

import datetime as dt

from renda.core import clock
from renda.demo.story import LAST_DAY
from renda.demo.structure import at
from renda.notifications.reminders import send_reminders


def remind() -> None:
    with clock.travel(at(LAST_DAY, 8, 30)):
        send_reminders(LAST_DAY)


def read_the_past() -> None:
    """People read their notifications as they came; only the last week's are still new."""
    from django.db.models import F

    from renda.notifications.models import Notification

    week_ago = at(LAST_DAY - dt.timedelta(days=7))
    Notification.objects.filter(created_at__lt=week_ago).update(read_at=F("created_at"))
