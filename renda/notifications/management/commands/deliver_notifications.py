"""Send the due e-mail and SMS deliveries now (for cron, or by hand)."""

from django.core.management.base import BaseCommand

from renda.notifications.delivery import deliver_due


class Command(BaseCommand):
    help = "Send the notifications' e-mail and SMS deliveries that are due."

    def handle(self, *args, **options):
        run = deliver_due()
        self.stdout.write(
            f"sent {run.sent}, to retry {run.retried}, failed {run.failed}, "
            f"stale claims released {run.released}"
        )
