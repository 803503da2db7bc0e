"""manage.py rotate_field_keys: re-encrypt personal numbers under the current key."""

from django.core.management.base import BaseCommand

from renda.core.rotation import rotate_field_keys


class Command(BaseCommand):
    help = (
        "Re-encrypt ID and phone numbers under the first key of RENDA_FIELD_KEYS "
        "(run after putting a new key in front; drop the old key afterwards)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Only count stale rows.")
        parser.add_argument(
            "--reindex",
            action="store_true",
            help="Also recompute every blind index (after RENDA_BLIND_INDEX_KEY changed).",
        )

    def handle(self, *args, dry_run: bool = False, reindex: bool = False, **options) -> None:
        changed = rotate_field_keys(dry_run=dry_run, reindex=reindex)
        verb = "to re-encrypt" if dry_run else "re-encrypted"
        for label, count in changed.items():
            self.stdout.write(f"{label}: {count} rows {verb}")
