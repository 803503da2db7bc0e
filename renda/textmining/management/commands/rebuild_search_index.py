from django.core.management.base import BaseCommand

from renda.textmining.indexing import rebuild_index


class Command(BaseCommand):
    help = "Rebuild the full-text index of every item (user dictionary rebuilt first)."

    def handle(self, *args, **options):
        count = rebuild_index()
        self.stdout.write(f"indexed {count} items")
