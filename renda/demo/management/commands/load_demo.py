from django.core.management.base import BaseCommand, CommandError

from renda.congress.models import Term
from renda.demo.builder import PASSWORD, accounts_table, demo_loaded, load_demo


class Command(BaseCommand):
    help = "Load the demo congress (idempotent: does nothing if it is already loaded)."

    def handle(self, *args, **options):
        if demo_loaded():
            self.stdout.write("Demo already loaded.")
        elif Term.objects.exists():
            raise CommandError(
                "This database holds other data; the demo loads only into an empty one."
            )
        else:
            load_demo()
            self.stdout.write(self.style.SUCCESS("Demo loaded."))
        self.stdout.write(f"\nDemo accounts (password for all: {PASSWORD}):")
        for username, role, who in accounts_table():
            self.stdout.write(f"  {username:<12} {role:<16} {who}")
        self.stdout.write(
            "  d003…d405 are the other deputies; u01… unit officers; c01… committee members."
        )
