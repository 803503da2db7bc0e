from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from renda.core.errors import RuleViolation
from renda.reports import access, selectors
from renda.reports.forms import TemplateUploadForm
from renda.reports.models import TemplateKind
from renda.reports.services.documents import DOCX, GeneratedFile
from renda.reports.services.templates import (
    default_template_bytes,
    reset_template,
    upload_template,
)
from renda.reports.views.common import download, page


def _kind(kind: str) -> str:
    if kind not in TemplateKind.values:
        raise Http404
    return kind


@page
def template_list(request):
    """Word templates (报告模板): download the default, upload your own, go back to the default."""
    access.require_staff(request.user)
    rows = [
        {**row, "form": TemplateUploadForm(prefix=row["kind"])}
        for row in selectors.templates_in_use()
    ]
    return render(request, "reports/templates.html", {"rows": rows})


@page
def template_default(request, kind: str):
    access.require_staff(request.user)
    content = default_template_bytes(_kind(kind))
    label = TemplateKind(kind).label
    return download(GeneratedFile(f"{label}（默认模板）.docx", content, DOCX))


@page
@require_POST
def template_upload(request, kind: str):
    access.require_staff(request.user)
    form = TemplateUploadForm(request.POST, request.FILES, prefix=_kind(kind))
    if not form.is_valid():
        messages.error(request, _("Choose a Word (.docx) file to upload."))
        return redirect("reports:templates")
    try:
        upload_template(actor=request.user, kind=kind, upload=form.cleaned_data["template"])
    except RuleViolation as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, _("The template is in use from now on."))
    return redirect("reports:templates")


@page
@require_POST
def template_reset(request, kind: str):
    access.require_staff(request.user)
    reset_template(actor=request.user, kind=_kind(kind))
    messages.success(request, _("The default template is in use again."))
    return redirect("reports:templates")
