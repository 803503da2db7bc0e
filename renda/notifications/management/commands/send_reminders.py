"""Send today's due-soon and overdue reminders once (for cron, or by hand)."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from renda.notifications.reminders import send_reminders


class Command(BaseCommand):
    help = "Send the due-soon and overdue reminders not sent yet (each once per due date)."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="the reminder day, YYYY-MM-DD (default: today)")

    def handle(self, *args, date=None, **options):
        try:
            day = dt.date.fromisoformat(date) if date else None
        except ValueError:
            raise CommandError(f"--date {date!r}: use YYYY-MM-DD") from None
        run = send_reminders(day)
        sent = ", ".join(f"{kind} {n}" for kind, n in sorted(run.sent.items())) or "none"
        self.stdout.write(
            f"{run.day}: reminders {sent}; notifications {run.notifications} "
            f"(due soon up to {run.horizon})"
        )
