from django.core.management.base import BaseCommand

from renda.audit.maintenance import prune


class Command(BaseCommand):
    help = (
        "Delete audit records older than RENDA_AUDIT_RETENTION_DAYS (at least 180), "
        "optionally writing them to an archive file (JSON lines) first."
    )

    def add_arguments(self, parser):
        parser.add_argument("--archive", help="append the removed records to this file")

    def handle(self, *args, **options):
        if options["archive"]:
            with open(options["archive"], "a", encoding="utf-8") as archive:
                pruned = prune(archive=archive)
        else:
            pruned = prune()
        self.stdout.write(f"removed {pruned.removed} audit records older than {pruned.cutoff}")
