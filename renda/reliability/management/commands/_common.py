"""Options shared by backup, restore and verify_backup."""

from pathlib import Path

from django.conf import settings

from renda.reliability.backup import default_database, file_roots
from renda.reliability.databases import Database


def add_target_arguments(parser) -> None:
    parser.add_argument(
        "--database-url",
        help="another database than the configured one (e.g. a new one to restore into)",
    )
    parser.add_argument(
        "--media-root", type=Path, help=f"another uploads folder than {settings.MEDIA_ROOT}"
    )
    parser.add_argument(
        "--reports-dir", type=Path, help=f"another reports folder than {settings.REPORTS_DIR}"
    )


def target(options) -> tuple[Database, dict[str, Path]]:
    """The database and the folders of files: the configured ones unless the options say."""
    url = options.get("database_url")
    db = Database.from_url(url) if url else default_database()
    return db, file_roots(options.get("media_root"), options.get("reports_dir"))


def backup_folder(name: str) -> Path:
    """A bare name goes under BACKUP_DIR (var/backups); a path is taken as it is."""
    path = Path(name)
    return path if len(path.parts) > 1 or path.is_absolute() else settings.BACKUP_DIR / path
