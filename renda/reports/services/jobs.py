"""Long reports and imports run as background jobs (报表任务): `start_job` records the job and
queues it after commit; the task calls `execute_job`, which reports progress and stores the
result under settings.REPORTS_DIR for its owner to download (`selectors.job_result`).

Every job runs as its owner: items are scoped by `visible_proposals(owner)` at run time and
the same permission checks as the synchronous services apply."""

import io
import logging
import uuid
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import connection, transaction
from django.http import QueryDict
from django.utils.translation import gettext as _

from renda.accounts.models import Role, User
from renda.congress.models import Organization, Session
from renda.core import clock
from renda.core.errors import DomainError, RuleViolation
from renda.proposals.access import visible_proposals
from renda.proposals.filters import UnknownQueue, filter_list
from renda.reports import access, statistics
from renda.reports.exporters import Exporter
from renda.reports.exporters.lists import (
    AssignmentListExporter,
    ItemListExporter,
    SuggestionSheetExporter,
)
from renda.reports.exporters.tables import StatisticsExporter
from renda.reports.imports.base import ImportRejected
from renda.reports.models import JobKind, JobStatus, ReportJob
from renda.reports.pdf import docx_to_pdf
from renda.reports.scope import ReportScope
from renda.reports.services import documents, imports

logger = logging.getLogger(__name__)

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
IMPORT_KINDS = {
    JobKind.IMPORT_SUGGESTIONS: "suggestions",
    JobKind.IMPORT_DEPUTIES: "deputies",
    JobKind.IMPORT_UNITS: "units",
}


def reports_dir(*parts: str) -> Path:
    folder = Path(settings.REPORTS_DIR).joinpath(*parts)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


# -- starting ----------------------------------------------------------------------------------


def start_job(
    *, actor: User, kind: str, parameters: dict | None = None, upload: UploadedFile | None = None
) -> ReportJob:
    """Record a job and queue it (after the transaction commits, so the worker finds it).

    parameters: a scope ({"session": id} or {"year": 2026}) for reports and exports; "unit"
    for a unit report or one unit's assignment list; "filters" (statistics.filter_items names)
    for lists and statistics, or "list_query" (a list page's query string: its queue and
    filters) for a list; "format": "pdf" for a PDF report; for imports "session" and
    "dry_run" (true: only check the sheet), with the .xlsx as `upload`."""
    if kind not in JobKind.values:
        raise RuleViolation(_("Unknown kind of report."))
    parameters = dict(parameters or {})
    _check_permission(actor, kind, parameters)
    if kind in IMPORT_KINDS:
        parameters["upload"] = _store_upload(upload)
    return _queue(actor, kind, parameters)


def _queue(actor: User, kind: str, parameters: dict) -> ReportJob:
    job = ReportJob.objects.create(
        owner=actor, kind=kind, parameters=parameters, created_at=clock.now()
    )
    transaction.on_commit(lambda: _enqueue(job.pk))
    return job


def confirm_import(*, actor: User, dry_run: ReportJob) -> ReportJob:
    """确认导入: import the sheet a dry run found valid (the same stored file), all or
    nothing. Only its owner confirms, once."""
    access.require_staff(actor)
    p = dry_run.parameters
    ok = dry_run.status == JobStatus.SUCCEEDED and dry_run.summary.get("ok")
    if dry_run.owner_id != actor.pk or dry_run.kind not in IMPORT_KINDS or not p.get("dry_run"):
        raise RuleViolation(_("Only a checked sheet of your own can be imported."))
    if not ok:
        raise RuleViolation(_("The sheet has problems: fix them and check it again."))
    if ReportJob.objects.filter(
        kind=dry_run.kind, parameters__upload=p["upload"], parameters__dry_run=False
    ).exists():
        raise RuleViolation(_("This sheet has already been imported."))
    return _queue(actor, dry_run.kind, {**p, "dry_run": False})


def _enqueue(job_id: int) -> None:
    from renda.reports.tasks import run_report_job

    run_report_job.enqueue(job_id)


def _check_permission(actor: User, kind: str, parameters: dict) -> None:
    if kind in (JobKind.HANDLING_REPORT, JobKind.SUGGESTION_SHEET) or kind in IMPORT_KINDS:
        access.require_staff(actor)
    elif kind == JobKind.UNIT_REPORT:
        access.require_unit_access(actor, _unit(parameters))
    elif kind == JobKind.ASSIGNMENT_LIST and actor.role != Role.STAFF:
        access.require_unit_access(actor, _unit(parameters))
    else:
        access.require_data_role(actor)


def _unit(parameters: dict) -> Organization:
    try:
        return Organization.objects.get(
            pk=parameters.get("unit"), kind=Organization.Kind.HANDLING_UNIT
        )
    except (Organization.DoesNotExist, ValueError, TypeError):
        raise RuleViolation(_("Choose a handling unit.")) from None


def _store_upload(upload: UploadedFile | None) -> str:
    if upload is None or not upload.name.lower().endswith(".xlsx") or not _is_zip(upload):
        raise RuleViolation(_("Please upload an Excel (.xlsx) file."))
    if upload.size > MAX_UPLOAD_BYTES:
        raise RuleViolation(_("The file is larger than 20 MB."))
    name = f"{uuid.uuid4().hex}.xlsx"
    with open(reports_dir("uploads") / name, "wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    return f"uploads/{name}"


def _is_zip(upload: UploadedFile) -> bool:
    """An .xlsx is a zip archive: check the content, not only the name, so that a file of
    another kind is refused at once instead of becoming an import job that fails."""
    upload.seek(0)
    head = upload.read(4)
    upload.seek(0)
    return head == b"PK\x03\x04"


# -- running -----------------------------------------------------------------------------------


class Progress:
    """Reports a job's progress (0–100). Inside a transaction (an import's writing phase) the
    job's row would stay invisible until commit, so the figure also goes to a small file next
    to the results, which `selectors.job_status` reads while the job runs."""

    def __init__(self, job: ReportJob):
        self.job_id, self.last = job.pk, 0
        self.path = progress_file(job.pk)

    def __call__(self, share: float) -> None:
        percent = max(0, min(99, int(share * 100)))
        if percent <= self.last:
            return
        self.last = percent
        self.path.write_text(str(percent))
        if not connection.in_atomic_block:
            ReportJob.objects.filter(pk=self.job_id).update(progress=percent)


def progress_file(job_id: int) -> Path:
    return reports_dir("jobs") / f"{job_id}.progress"


def execute_job(job_id: int) -> None:
    """Run a queued job once (a second worker finds it claimed and leaves it)."""
    claimed = ReportJob.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(
        status=JobStatus.RUNNING, started_at=clock.now(), progress=1
    )
    if not claimed:
        return
    job = ReportJob.objects.select_related("owner").get(pk=job_id)
    progress = Progress(job)
    try:
        name, content, summary = RUNNERS[job.kind](job, progress)
    except ImportRejected as e:
        _finish(job, JobStatus.FAILED, error=e.message, summary=_rejected(e), progress=100)
        _store(job, _("import-problems.xlsx"), imports.workbook_bytes(imports.IssueList(e.issues)))
    except DomainError as e:
        _finish(job, JobStatus.FAILED, error=e.message)
    except Exception:
        logger.exception("report job %s failed", job_id)
        _finish(job, JobStatus.FAILED, error=_("The job failed unexpectedly; please try again."))
    else:
        if content is not None:
            _store(job, name, content)
        _finish(job, JobStatus.SUCCEEDED, summary=summary, progress=100)
    finally:
        progress.path.unlink(missing_ok=True)


def _rejected(e: ImportRejected) -> dict:
    return {"ok": False, "issues": [i.as_dict() for i in e.issues]}


def _store(job: ReportJob, name: str, content: bytes) -> None:
    suffix = Path(name).suffix
    relative = f"jobs/{job.pk}-{uuid.uuid4().hex}{suffix}"
    (reports_dir("jobs") / Path(relative).name).write_bytes(content)
    ReportJob.objects.filter(pk=job.pk).update(result_path=relative, result_name=name)


def _finish(job: ReportJob, status: str, *, error="", summary=None, progress=None) -> None:
    values = {"status": status, "error": error, "finished_at": clock.now()}
    if summary is not None:
        values["summary"] = summary
    if progress is not None:
        values["progress"] = progress
    ReportJob.objects.filter(pk=job.pk).update(**values)


# -- what each kind does -----------------------------------------------------------------------

Runner = Callable[[ReportJob, Progress], tuple[str, bytes | None, dict]]


def _scope(job: ReportJob) -> ReportScope:
    return ReportScope.from_parameters(job.parameters)


def _scoped_items(job: ReportJob):
    """The owner's visible items in the job's scope, narrowed by its drill-down filters."""
    items = visible_proposals(job.owner)
    if job.parameters.get("session") or job.parameters.get("year"):
        items = items.filter(pk__in=_scope(job).items().values("pk"))
    filters = job.parameters.get("filters") or {}
    try:
        return statistics.filter_items(items, **filters)
    except ValueError:
        raise RuleViolation(_("The list's filters are not valid.")) from None


def _xlsx(exporter: Exporter, progress: Progress, name: str) -> tuple[str, bytes, dict]:
    exporter.progress = lambda share: progress(0.05 + share * 0.9)
    out = io.BytesIO()
    from renda.reports.exporters import render_xlsx

    rows = render_xlsx(exporter, out)
    return name, out.getvalue(), {"rows": rows}


def _docx(stem: str, content: bytes, job: ReportJob, progress: Progress):
    progress(0.6)
    if job.parameters.get("format") == "pdf":
        return f"{stem}.pdf", docx_to_pdf(content), {}
    return f"{stem}.docx", content, {}


def _handling_report(job, progress):
    access.require_staff(job.owner)
    scope = _scope(job)
    content = documents.build_handling_report(scope)
    return _docx(f"{scope.title}代表议案和建议办理情况的报告", content, job, progress)


def _unit_report(job, progress):
    unit = _unit(job.parameters)
    access.require_unit_access(job.owner, unit)
    scope = _scope(job)
    content = documents.build_unit_report(scope, unit)
    return _docx(f"{unit.name}{scope.slug}建议办理情况报告", content, job, progress)


def _item_list(job, progress):
    access.require_data_role(job.owner)
    if "list_query" in job.parameters:
        items = list_items(job.owner, job.parameters["list_query"])
    else:
        items = _scoped_items(job)
    return _xlsx(ItemListExporter(items), progress, _("items.xlsx"))


def list_items(user: User, query: str):
    """The items a list page shows `user` for its query string (queue and filters)."""
    try:
        _found_queue, filters = filter_list(user, QueryDict(query))
    except UnknownQueue:
        raise RuleViolation(_("The list's filters are not valid.")) from None
    if not filters.is_valid():
        raise RuleViolation(_("The list's filters are not valid."))
    return filters.qs


def _assignment_list(job, progress):
    units = None
    if job.owner.role != Role.STAFF or job.parameters.get("unit"):
        unit = _unit(job.parameters)
        access.require_unit_access(job.owner, unit)
        units = Organization.objects.filter(pk=unit.pk)
    exporter = AssignmentListExporter(
        _scoped_items(job), units, full_contacts=access.sees_full_contacts(job.owner)
    )
    return _xlsx(exporter, progress, _("assignment-lists.xlsx"))


def _statistics(job, progress):
    access.require_data_role(job.owner)
    stats = statistics.compute_statistics(_scoped_items(job))
    progress(0.5)
    return _xlsx(StatisticsExporter(stats), progress, _("statistics.xlsx"))


def _suggestion_sheet(job, progress):
    access.require_staff(job.owner)
    items = _scope(job).items()
    return _xlsx(SuggestionSheetExporter(items), progress, _("suggestions.xlsx"))


def _import(job, progress):
    kind = IMPORT_KINDS[job.kind]
    session = None
    if job.parameters.get("session"):
        session = (
            Session.objects.select_related("term").filter(pk=job.parameters["session"]).first()
        )
    path = Path(settings.REPORTS_DIR) / job.parameters["upload"]
    run = imports.preview_import if job.parameters.get("dry_run") else imports.run_import
    with open(path, "rb") as source:
        result = run(kind, source, actor=job.owner, session=session, progress=progress)
    summary = result.as_dict()
    if not result.ok:  # a dry run that found problems: offer them as a sheet
        return (
            _("import-problems.xlsx"),
            imports.workbook_bytes(imports.IssueList(result.issues)),
            summary,
        )
    return "", None, summary


RUNNERS: dict[str, Runner] = {
    JobKind.HANDLING_REPORT: _handling_report,
    JobKind.UNIT_REPORT: _unit_report,
    JobKind.ITEM_LIST: _item_list,
    JobKind.ASSIGNMENT_LIST: _assignment_list,
    JobKind.STATISTICS: _statistics,
    JobKind.SUGGESTION_SHEET: _suggestion_sheet,
    JobKind.IMPORT_SUGGESTIONS: _import,
    JobKind.IMPORT_DEPUTIES: _import,
    JobKind.IMPORT_UNITS: _import,
}
