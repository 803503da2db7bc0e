from django.contrib import messages
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from renda.core.errors import RuleViolation
from renda.reports import access, selectors
from renda.reports.forms import GenerateForm
from renda.reports.models import ReportJob
from renda.reports.pdf import pdf_available
from renda.reports.services.jobs import IMPORT_KINDS, confirm_import, start_job
from renda.reports.views.common import _record_export, page

# Words for an import's summary counts (a dry run's "would", an import's "did").
SUMMARY_KEYS = ("create", "update", "assign", "numbered", "new_delegations")


@page
def generate(request):
    """生成报告: the handling report or a unit's report, as a background job."""
    user = request.user
    access.require_report_role(user)
    form = GenerateForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        kind, parameters = form.job()
        try:
            job = start_job(actor=user, kind=kind, parameters=parameters)
        except RuleViolation as refused:
            form.add_error(None, refused.message)
        else:
            return redirect("reports:job", pk=job.pk)
    return render(request, "reports/generate.html", {"form": form, "pdf": pdf_available()})


@page
def job_list(request):
    """My jobs: reports, exports and imports, newest first."""
    return render(request, "reports/jobs.html", {"jobs": selectors.jobs_of(request.user)[:50]})


def _status_context(request, pk: int) -> dict:
    job = selectors.job_for(request.user, pk)
    status = selectors.job_status(request.user, pk)
    summary = status["summary"] or {}
    dry_run = job.kind in IMPORT_KINDS and bool(job.parameters.get("dry_run"))
    counts = summary.get("summary") or {}
    return {
        "job": job,
        "status": status,
        "is_import": job.kind in IMPORT_KINDS,
        "dry_run": dry_run,
        "issues": summary.get("issues") or [],
        "counts": [(key, counts[key]) for key in SUMMARY_KEYS if key in counts],
        "sample": summary.get("sample") or [],
        "rows": summary.get("rows"),
        "can_confirm": dry_run and status["status"] == "succeeded" and summary.get("ok"),
    }


@page
def job_detail(request, pk: int):
    """A job's page: its progress bar (polling the status), then the download or the result."""
    return render(request, "reports/job.html", _status_context(request, pk))


@page
def job_status(request, pk: int):
    """What the progress bar polls (htmx); stops polling once the job has finished."""
    return render(request, "reports/_job_status.html", _status_context(request, pk))


@page
def job_download(request, pk: int):
    path, name = selectors.job_result(request.user, pk)
    job = selectors.job_for(request.user, pk)
    _record_export(request, job.kind, job.summary.get("rows", 1) if job.summary else 1)
    return FileResponse(open(path, "rb"), as_attachment=True, filename=name)


@page
@require_POST
def confirm(request, pk: int):
    """确认导入: import the checked sheet, all or nothing, as a new job."""
    dry_run: ReportJob = selectors.job_for(request.user, pk)
    try:
        job = confirm_import(actor=request.user, dry_run=dry_run)
    except RuleViolation as refused:
        messages.error(request, refused.message)
        return redirect("reports:job", pk=pk)
    return redirect("reports:job", pk=job.pk)
