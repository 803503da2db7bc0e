import io

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from renda.audit.access import audit_admin_only
from renda.audit.exporter import AuditExporter
from renda.audit.forms import AuditFilterForm
from renda.audit.models import Category, Result
from renda.audit.selectors import audit_records
from renda.audit.services import record_export
from renda.reports.exporters import render_xlsx

PAGE_SIZE = 50
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _filtered(request):
    form = AuditFilterForm(request.GET or None)
    return form, audit_records(**form.criteria())


@audit_admin_only
def audit_list(request):
    """审计日志: every audited event, newest first, filtered and paged."""
    form, rows = _filtered(request)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "categories": dict(Category.choices),
        "results": dict(Result.choices),
    }
    return render(request, "audit/list.html", context)


@audit_admin_only
def audit_export(request):
    """The filtered list as .xlsx (at most AUDIT_EXPORT_MAX_ROWS rows); the export is audited."""
    form, rows = _filtered(request)
    count = rows.count()
    limit = settings.AUDIT_EXPORT_MAX_ROWS
    if count > limit:
        messages.error(
            request,
            _("%(count)s records match; narrow the filters to at most %(limit)s to export.")
            % {"count": count, "limit": limit},
        )
        return redirect(f"{reverse('audit:list')}?{request.GET.urlencode()}")
    stream = io.BytesIO()
    render_xlsx(AuditExporter(rows), stream)
    record_export(request.user, "audit_log", rows=count, detail={"filters": _filters(form)})
    name = f"审计日志-{timezone.localdate():%Y%m%d}.xlsx"
    response = HttpResponse(stream.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response


def _filters(form: AuditFilterForm) -> dict:
    if not form.is_bound or not form.is_valid():
        return {}
    return {k: str(v) for k, v in form.cleaned_data.items() if v not in ("", None)}
