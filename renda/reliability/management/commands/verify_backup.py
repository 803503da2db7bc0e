from django.core.management.base import BaseCommand, CommandError

from renda.reliability.backup import verify_folder, verify_target
from renda.reliability.management.commands._common import (
    add_target_arguments,
    backup_folder,
    target,
)
from renda.reliability.manifest import read


class Command(BaseCommand):
    help = (
        "Check a backup against its manifest (signature, database file, every uploaded file); "
        "with --target, also compare a database and uploads folder with it, table by table."
    )

    def add_arguments(self, parser):
        parser.add_argument("backup", help="the backup folder (a bare name: under var/backups)")
        parser.add_argument(
            "--target",
            action="store_true",
            help="also compare the configured database and uploads (or --database-url, "
            "--media-root, --reports-dir) with the backup",
        )
        add_target_arguments(parser)

    def handle(self, *args, backup: str, **options):
        folder = backup_folder(backup)
        try:
            manifest = read(folder)
            problems = verify_folder(folder)
            if options["target"]:
                db, roots = target(options)
                problems += verify_target(folder, db=db, roots=roots)
        except FileNotFoundError as error:
            raise CommandError(str(error)) from None
        if problems:
            raise CommandError("the backup does not match:\n" + "\n".join(problems))
        rows = sum(t["rows"] for t in manifest["tables"].values())
        what = "backup and target" if options["target"] else "backup"
        self.stdout.write(
            f"{folder}: {what} match the manifest ({len(manifest['tables'])} tables, "
            f"{rows} rows, {len(manifest['files'])} files)"
        )
