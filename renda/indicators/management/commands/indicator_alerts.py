from django.core.management.base import BaseCommand

from renda.indicators.alerts import raise_alerts


class Command(BaseCommand):
    help = "Record alerts for lagging indicators and reports missing after their due date."

    def handle(self, *args, **options):
        fresh = raise_alerts()
        self.stdout.write(f"{len(fresh)} new indicator alerts.")
