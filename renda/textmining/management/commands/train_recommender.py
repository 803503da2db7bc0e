from django.core.management.base import BaseCommand

from renda.textmining.services import train_recommender


class Command(BaseCommand):
    help = "Train a new version of the category and handling-unit recommender on the history."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-due",
            action="store_true",
            help="Only when enough new assignment decisions have accumulated.",
        )

    def handle(self, *args, **options):
        version = train_recommender(actor=None, force=not options["if_due"])
        if version is None:
            self.stdout.write("nothing trained (too little history, or not due)")
            return
        self.stdout.write(
            f"version {version.number}: {version.examples} examples, "
            f"{version.seconds}s, {version.metrics}"
        )
