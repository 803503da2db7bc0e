import time

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from renda.reliability.backup import create_backup
from renda.reliability.databases import BackupError
from renda.reliability.management.commands._common import (
    add_target_arguments,
    backup_folder,
    target,
)


class Command(BaseCommand):
    help = (
        "Back up the database (pg_dump custom format, or SQLite's online backup) and the "
        "uploaded files into one folder with a manifest of rows and checksums."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--to",
            help="the folder to write (new or empty); a bare name goes under var/backups; "
            "default: var/backups/renda-YYYYmmdd-HHMMSS",
        )
        add_target_arguments(parser)

    def handle(self, *args, to=None, **options):
        name = to or timezone.localtime().strftime("renda-%Y%m%d-%H%M%S")
        folder = backup_folder(name)
        db, roots = target(options)
        started = time.perf_counter()
        try:
            manifest = create_backup(folder, db=db, roots=roots)
        except BackupError as error:
            raise CommandError(str(error)) from None
        rows = sum(t["rows"] for t in manifest["tables"].values())
        self.stdout.write(
            f"backed up {db} ({len(manifest['tables'])} tables, {rows} rows) and "
            f"{len(manifest['files'])} files from {', '.join(map(str, roots.values()))} "
            f"to {folder} in {time.perf_counter() - started:.1f} s"
        )
