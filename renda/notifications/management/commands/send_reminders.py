"""Send the due-soon and overdue reminders once (for cron, or by hand)."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from renda.congress import calendar
from renda.core import clock
from renda.notifications.reminders import send_reminders


class Command(BaseCommand):
    help = "Send the due-soon and overdue reminders not sent yet (each once per due date)."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="the reminder day, YYYY-MM-DD (default: today)")
        parser.add_argument(
            "--working-days-only",
            action="store_true",
            help="do nothing on rest days (for a daily cron entry)",
        )

    def handle(self, *args, date=None, working_days_only=False, **options):
        try:
            day = dt.date.fromisoformat(date) if date else clock.today()
        except ValueError:
            raise CommandError(f"--date {date!r}: use YYYY-MM-DD") from None
        if working_days_only and not calendar.is_workday(day):
            self.stdout.write(f"{day}: a rest day, no reminders")
            return
        run = send_reminders(day)
        sent = ", ".join(f"{kind} {n}" for kind, n in sorted(run.sent.items())) or "none"
        self.stdout.write(
            f"{run.day}: reminders {sent}; notifications {run.notifications} "
            f"(due soon up to {run.horizon})"
        )
