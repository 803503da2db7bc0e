"""The demo's reminders: the scheduler's run on the demo's last day, so staff find overdue
and due-soon reminders in the reminder log and the unit accounts find them in their inbox."""

from renda.core import clock
from renda.demo.story import LAST_DAY
from renda.demo.structure import at
from renda.notifications.reminders import send_reminders


def remind() -> None:
    with clock.travel(at(LAST_DAY, 8, 30)):
        send_reminders(LAST_DAY)
