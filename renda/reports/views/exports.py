from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse

from renda.core.errors import RuleViolation
from renda.reports.forms import UnitScopeForm
from renda.reports.models import ReportJob
from renda.reports.services import exports
from renda.reports.views.common import _record_export, download, page, scope_from


def _deliver(request, result, what: str, rows: int):
    """The file at once, or — for a large export — the job's page with its progress bar."""
    _record_export(request, what, rows)
    if isinstance(result, ReportJob):
        return redirect("reports:job", pk=result.pk)
    return download(result)


@page
def export_list(request):
    """导出列表: the list page's items with the same queue and filters (its query string)."""
    query = request.GET.urlencode()
    try:
        result, rows = exports.export_list(actor=request.user, query=query)
    except RuleViolation as refused:
        messages.error(request, refused.message)
        return redirect(f"{reverse('proposals:list')}?{query}")
    return _deliver(request, result, "item_list", rows)


@page
def export_assignments(request):
    """交办清单: a unit's (or, for staff, every unit's) assignment list in a session or year."""
    form = UnitScopeForm(request.GET, user=request.user)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("reports:index")
    try:
        result, rows = exports.export_assignment_list(
            actor=request.user, scope=form.report_scope(), unit=form.cleaned_data["unit"]
        )
    except RuleViolation as refused:
        messages.error(request, refused.message)
        return redirect("reports:index")
    return _deliver(request, result, "assignment_list", rows)


@page
def export_statistics(request):
    """统计表: the scope's statistics tables over the items the user may see."""
    _form, scope = scope_from(request)
    file = exports.export_statistics(actor=request.user, scope=scope)
    _record_export(request, "statistics", 1)
    return download(file)


@page
def export_scores(request):
    """办理考评 as .xlsx: the units the user may see, with every item's points."""
    _form, scope = scope_from(request)
    file = exports.export_scores(actor=request.user, scope=scope)
    _record_export(request, "unit_scores", 1)
    return download(file)
