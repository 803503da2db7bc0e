"""Fill a Word template (docxtpl) with a context: the staff's uploaded template of that kind
if there is one, else the default shipped in docx_templates/."""

import io
from pathlib import Path

import jinja2
from django.conf import settings
from django.utils.translation import gettext as _
from docxtpl import DocxTemplate
from jinja2.sandbox import SandboxedEnvironment

from renda.core.errors import RuleViolation
from renda.reports.documents.defaults import TEMPLATE_DIR
from renda.reports.models import ReportTemplate


def default_template(kind: str) -> Path:
    return TEMPLATE_DIR / f"{kind}.docx"


def template_path(kind: str) -> Path:
    """The template in use for `kind`: the newest active upload, else the shipped default."""
    uploaded = (
        ReportTemplate.objects.filter(kind=kind, active=True)
        .order_by("-uploaded_at", "-pk")
        .first()
    )
    if uploaded is not None:
        path = Path(settings.REPORTS_DIR) / uploaded.path
        if path.exists():
            return path
    return default_template(kind)


def render_template(source: Path | io.BytesIO, context: dict) -> bytes:
    """Render; a template with a mistake raises RuleViolation naming it (staff upload them).
    The sandbox keeps an uploaded template from reaching anything but the context."""
    env = SandboxedEnvironment(autoescape=True, undefined=jinja2.ChainableUndefined)
    try:
        doc = DocxTemplate(source)
        doc.render(context, jinja_env=env, autoescape=True)
    except jinja2.TemplateError as e:
        raise RuleViolation(
            _("The report template has a mistake: %(error)s") % {"error": e}
        ) from None
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def render(kind: str, context: dict) -> bytes:
    return render_template(template_path(kind), context)
