"""PDF through LibreOffice, where it is installed (headless `soffice --convert-to pdf`)."""

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from renda.core.errors import DomainError


class PdfUnavailable(DomainError):
    """This server cannot make PDF files (no LibreOffice)."""


def soffice() -> str | None:
    return shutil.which(settings.REPORTS_SOFFICE)


def pdf_available() -> bool:
    return soffice() is not None


def docx_to_pdf(content: bytes, *, timeout: int | None = None) -> bytes:
    """Convert a .docx to PDF in a private temporary folder (its own LibreOffice profile, so
    conversions may run side by side); the whole process group is killed on timeout."""
    exe = soffice()
    if exe is None:
        raise PdfUnavailable(
            _(
                "PDF files need LibreOffice, which is not installed on this server. Download "
                "the Word file instead, or ask the system administrator to install LibreOffice."
            )
        )
    timeout = timeout or settings.REPORTS_PDF_TIMEOUT
    with tempfile.TemporaryDirectory(prefix="renda-pdf-") as tmp:
        folder = Path(tmp)
        source = folder / "report.docx"
        source.write_bytes(content)
        _run(
            [
                exe,
                f"-env:UserInstallation={(folder / 'profile').as_uri()}",
                "--headless",
                "--norestore",
                "--convert-to",
                "pdf",
                "--outdir",
                str(folder),
                str(source),
            ],
            timeout,
            home=folder,
        )
        result = folder / "report.pdf"
        if not result.exists():
            raise DomainError(_("LibreOffice could not convert the report to PDF."))
        return result.read_bytes()


def _run(command: list[str], timeout: int, home: Path) -> None:
    process = subprocess.Popen(
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
        env={**os.environ, "HOME": str(home)},
    )
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        raise DomainError(
            _("Converting the report to PDF took longer than %(seconds)s seconds.")
            % {"seconds": timeout}
        ) from None
