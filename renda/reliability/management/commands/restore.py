import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from renda.reliability.backup import restore_backup
from renda.reliability.databases import BackupError
from renda.reliability.management.commands._common import (
    add_target_arguments,
    backup_folder,
    target,
)


class Command(BaseCommand):
    help = (
        "Restore a backup into an empty database and empty file folders (the configured "
        "ones, or --database-url / --media-root / --reports-dir), then compare rows and "
        "checksums with its manifest. Stop the application first."
    )

    def add_arguments(self, parser):
        parser.add_argument("backup", help="the backup folder (a bare name: under var/backups)")
        add_target_arguments(parser)
        parser.add_argument(
            "--force",
            action="store_true",
            help="replace a database and folders that are not empty (what they hold is lost)",
        )

    def handle(self, *args, backup: str, force: bool, **options):
        folder: Path = backup_folder(backup)
        db, roots = target(options)
        started = time.perf_counter()
        try:
            problems = restore_backup(folder, db=db, roots=roots, force=force)
        except (BackupError, FileNotFoundError) as error:
            raise CommandError(str(error)) from None
        if problems:
            raise CommandError("restored, but it differs from the backup:\n" + "\n".join(problems))
        self.stdout.write(
            f"restored {folder} into {db} and {', '.join(map(str, roots.values()))} in "
            f"{time.perf_counter() - started:.1f} s: rows and checksums identical"
        )
