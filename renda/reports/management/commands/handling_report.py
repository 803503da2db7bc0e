from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from renda.congress.models import Session
from renda.core import clock
from renda.core.errors import DomainError
from renda.reports.pdf import docx_to_pdf, pdf_available
from renda.reports.scope import ReportScope
from renda.reports.services.documents import build_handling_report


class Command(BaseCommand):
    help = (
        "Write the handling report (办理情况的报告) of a session, or of a year, as .docx "
        "(and as .pdf with --pdf, where LibreOffice is installed)."
    )

    def add_arguments(self, parser):
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("--session", help='a session id, or "latest"')
        which.add_argument("--year", type=int, help="a calendar year, e.g. 2026")
        parser.add_argument("--out", type=Path, required=True, help="PATH.docx")
        parser.add_argument("--pdf", action="store_true", help="also write PATH.pdf")

    def handle(self, *args, session=None, year=None, out: Path, pdf: bool, **options):
        scope = ReportScope(session=_session(session)) if session else ReportScope(year=year)
        content = build_handling_report(scope)
        out = out if out.suffix == ".docx" else out.with_suffix(".docx")
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(content)
        self.stdout.write(f"wrote {out} ({scope.title})")
        if not pdf:
            return
        if not pdf_available():
            raise CommandError(
                f"{out} written, but no PDF: LibreOffice (soffice) is not installed here. "
                "Install it (apt-get install libreoffice-writer-nogui) or open the .docx."
            )
        try:
            out.with_suffix(".pdf").write_bytes(docx_to_pdf(content))
        except DomainError as e:
            raise CommandError(str(e)) from None
        self.stdout.write(f"wrote {out.with_suffix('.pdf')}")


def _session(value: str) -> Session:
    sessions = Session.objects.select_related("term")
    if value == "latest":
        found = sessions.filter(start_date__lte=clock.today()).order_by("-start_date").first()
        found = found or sessions.order_by("-start_date").first()
    else:
        found = sessions.filter(pk=value).first() if value.isdigit() else None
    if found is None:
        raise CommandError(f"No session {value!r}.")
    return found
