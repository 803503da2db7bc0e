"""Reads for the pages: a user's jobs, a job's status for polling, its result for download,
and the report templates in use. Another user's job answers 404 like a missing one."""

from pathlib import Path

from django.conf import settings
from django.db.models import QuerySet
from django.http import Http404

from renda.accounts.models import User
from renda.reports.access import may_download
from renda.reports.documents.render import default_template, template_path
from renda.reports.models import JobStatus, ReportJob, ReportTemplate, TemplateKind


def jobs_of(user: User) -> QuerySet[ReportJob]:
    """The user's own jobs, newest first."""
    if not user.is_authenticated:
        return ReportJob.objects.none()
    return ReportJob.objects.filter(owner=user).order_by("-created_at", "-pk")


def job_for(user: User, job_id: int) -> ReportJob:
    """The job, if `user` owns it (or is congress staff); Http404 otherwise."""
    job = ReportJob.objects.filter(pk=job_id).first() if str(job_id).isdigit() else None
    if job is None or not may_download(user, job.owner_id):
        raise Http404
    return job


def job_status(user: User, job_id: int) -> dict:
    """What a progress bar needs: status, progress 0–100, the error or the summary, and
    whether a file is ready to download."""
    job = job_for(user, job_id)
    progress = job.progress
    if job.status == JobStatus.RUNNING:
        progress = max(progress, _progress_file(job.pk))
    return {
        "id": job.pk,
        "kind": job.kind,
        "status": job.status,
        "progress": progress,
        "finished": job.finished,
        "error": job.error,
        "summary": job.summary,
        "download": bool(job.result_path),
        "name": job.result_name,
    }


def _progress_file(job_id: int) -> int:
    path = Path(settings.REPORTS_DIR) / "jobs" / f"{job_id}.progress"
    try:
        return int(path.read_text())
    except (OSError, ValueError):
        return 0


def job_result(user: User, job_id: int) -> tuple[Path, str]:
    """(file path, download name) of a job's result; Http404 when there is none or it is
    not the user's."""
    job = job_for(user, job_id)
    if not job.result_path:
        raise Http404
    root = Path(settings.REPORTS_DIR).resolve()
    path = (root / job.result_path).resolve()
    if root not in path.parents or not path.exists():
        raise Http404
    return path, job.result_name


def templates_in_use() -> list[dict]:
    """For each kind of Word template: the file in use and whether it is the default."""
    rows = []
    for kind, label in TemplateKind.choices:
        upload = (
            ReportTemplate.objects.filter(kind=kind, active=True)
            .select_related("uploaded_by")
            .order_by("-uploaded_at", "-pk")
            .first()
        )
        rows.append(
            {
                "kind": kind,
                "label": label,
                "upload": upload,
                "default": template_path(kind) == default_template(kind),
            }
        )
    return rows
