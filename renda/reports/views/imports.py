from django.http import Http404
from django.shortcuts import redirect, render

from renda.core.errors import RuleViolation
from renda.reports import access
from renda.reports.forms import ImportForm
from renda.reports.services import imports
from renda.reports.services.documents import GeneratedFile
from renda.reports.services.exports import XLSX
from renda.reports.services.jobs import start_job
from renda.reports.views.common import download, page

TEMPLATE_NAMES = {"suggestions": "建议登记表", "deputies": "代表名册", "units": "承办单位名册"}


@page
def import_page(request):
    """导入: upload a sheet; it is checked first (a dry run listing every problem by row,
    column and reason) on the job's page, where a valid sheet is then confirmed."""
    access.require_staff(request.user)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        parameters = {"dry_run": True}
        if data["session"]:
            parameters["session"] = data["session"].pk
        try:
            job = start_job(
                actor=request.user, kind=data["kind"], parameters=parameters, upload=data["sheet"]
            )
        except RuleViolation as refused:
            form.add_error("sheet", refused.message)
        else:
            return redirect("reports:job", pk=job.pk)
    return render(request, "reports/import.html", {"form": form, "kinds": TEMPLATE_NAMES})


@page
def import_template(request, kind: str):
    """The empty sheet to fill in, with its instructions."""
    access.require_staff(request.user)
    if kind not in TEMPLATE_NAMES:
        raise Http404
    content = imports.import_template(kind)
    return download(GeneratedFile(f"{TEMPLATE_NAMES[kind]}（模板）.xlsx", content, XLSX))
