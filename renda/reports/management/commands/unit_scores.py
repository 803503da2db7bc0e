from pathlib import Path

from django.core.management.base import BaseCommand

from renda.reports.exporters.scores import ScoresExporter
from renda.reports.management.commands.handling_report import _session
from renda.reports.models import ScoringRule
from renda.reports.scope import ReportScope
from renda.reports.scores import unit_scores
from renda.reports.services.exports import xlsx_file


class Command(BaseCommand):
    help = (
        "Write the handling units' performance scores (办理考评) of a year, or of a session, "
        "as .xlsx: one row per unit with its score and breakdown, then every item's points."
    )

    def add_arguments(self, parser):
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("--year", type=int, help="a calendar year, e.g. 2026")
        which.add_argument("--session", help='a session id, or "latest"')
        parser.add_argument("--out", type=Path, required=True, help="PATH.xlsx")

    def handle(self, *args, year=None, session=None, out, **options):
        scope = ReportScope(session=_session(session)) if session else ReportScope(year=year)
        units = unit_scores(scope.items())
        file, _rows = xlsx_file(ScoresExporter(units, ScoringRule.current(), scope.title), "")
        out = Path(out)
        out = out if out.suffix == ".xlsx" else out.with_suffix(".xlsx")
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(file.content)
        scored = sum(1 for u in units if u.score is not None)
        self.stdout.write(f"wrote {out} ({scope.title}: {scored} of {len(units)} units scored)")
