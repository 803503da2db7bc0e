"""Options shared by backup, restore and verify_backup."""

from pathlib import Path

from django.conf import settings

from renda.reliability.backup import default_database
from renda.reliability.databases import Database


def add_target_arguments(parser) -> None:
    parser.add_argument(
        "--database-url",
        help="another database than the configured one (e.g. a new one to restore into)",
    )
    parser.add_argument(
        "--media-root", type=Path, help=f"another uploads folder than {settings.MEDIA_ROOT}"
    )


def target(options) -> tuple[Database, Path]:
    url = options.get("database_url")
    db = Database.from_url(url) if url else default_database()
    return db, Path(options.get("media_root") or settings.MEDIA_ROOT)


def backup_folder(name: str) -> Path:
    """A bare name goes under BACKUP_DIR (var/backups); a path is taken as it is."""
    path = Path(name)
    return path if len(path.parts) > 1 or path.is_absolute() else settings.BACKUP_DIR / path
