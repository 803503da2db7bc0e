from pathlib import Path

from django.core.management.base import BaseCommand

from renda.reports.documents.defaults import TEMPLATE_DIR, write_defaults


class Command(BaseCommand):
    help = (
        "Write the default Word report templates (handling report, unit report, reply letter) "
        "built from code; renda ships them in renda/reports/docx_templates/."
    )

    def add_arguments(self, parser):
        parser.add_argument("--out", type=Path, default=TEMPLATE_DIR, help="target folder")

    def handle(self, *args, out: Path, **options):
        for path in write_defaults(out):
            self.stdout.write(f"wrote {path}")
