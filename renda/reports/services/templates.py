"""Staff replace a Word template with their own (edited in Word or WPS from the default), or
go back to the default. An upload is tried out before it is used."""

import io
import uuid
import zipfile

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from renda.accounts.models import User
from renda.core import clock
from renda.core.errors import RuleViolation
from renda.reports import access
from renda.reports.documents.render import default_template, render_template
from renda.reports.models import ReportTemplate, TemplateKind
from renda.reports.services.jobs import reports_dir

MAX_TEMPLATE_BYTES = 10 * 1024 * 1024


def upload_template(*, actor: User, kind: str, upload: UploadedFile) -> ReportTemplate:
    """Use `upload` (a .docx with docxtpl tags) for `kind` from now on. A file that is not a
    Word document, or whose tags do not parse, is refused with the reason."""
    access.require_staff(actor)
    if kind not in TemplateKind.values:
        raise RuleViolation(_("Unknown kind of template."))
    if upload.size > MAX_TEMPLATE_BYTES:
        raise RuleViolation(_("The template is larger than 10 MB."))
    content = b"".join(upload.chunks())
    if not upload.name.lower().endswith(".docx") or not zipfile.is_zipfile(io.BytesIO(content)):
        raise RuleViolation(_("Please upload a Word (.docx) file."))
    render_template(io.BytesIO(content), {})  # raises with the template's mistake
    name = f"{kind}-{uuid.uuid4().hex}.docx"
    (reports_dir("templates") / name).write_bytes(content)
    with transaction.atomic():
        ReportTemplate.objects.filter(kind=kind, active=True).update(active=False)
        return ReportTemplate.objects.create(
            kind=kind,
            path=f"templates/{name}",
            original_name=upload.name[:200],
            uploaded_by=actor,
            uploaded_at=clock.now(),
        )


def reset_template(*, actor: User, kind: str) -> None:
    """Go back to the shipped default (earlier uploads are kept, inactive)."""
    access.require_staff(actor)
    ReportTemplate.objects.filter(kind=kind, active=True).update(active=False)


def default_template_bytes(kind: str) -> bytes:
    """The shipped default, for staff to download and edit."""
    if kind not in TemplateKind.values:
        raise RuleViolation(_("Unknown kind of template."))
    return default_template(kind).read_bytes()
