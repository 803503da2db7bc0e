"""Background report and import jobs, and the report templates staff upload.

Files (results, uploaded sheets, templates) live under settings.REPORTS_DIR, never in the web
root; the rows here keep their paths relative to it, and downloads go through permission
checks (`selectors.job_for_download`).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class JobKind(models.TextChoices):
    HANDLING_REPORT = "handling_report", _("handling report")
    UNIT_REPORT = "unit_report", _("unit handling report")
    ITEM_LIST = "item_list", _("list of items (Excel)")
    ASSIGNMENT_LIST = "assignment_list", _("assignment lists (Excel)")
    STATISTICS = "statistics", _("statistics tables (Excel)")
    SUGGESTION_SHEET = "suggestion_sheet", _("suggestion register (Excel)")
    IMPORT_SUGGESTIONS = "import_suggestions", _("import of suggestions")
    IMPORT_DEPUTIES = "import_deputies", _("import of deputies")
    IMPORT_UNITS = "import_units", _("import of handling units")


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("queued")
    RUNNING = "running", _("running")
    SUCCEEDED = "succeeded", _("finished")
    FAILED = "failed", _("failed")


class ReportJob(models.Model):
    """报表/导入任务: one report to generate or one sheet to import, run in the background."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="+", verbose_name=_("owner")
    )
    kind = models.CharField(_("kind"), max_length=30, choices=JobKind.choices)
    parameters = models.JSONField(_("parameters"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    result_path = models.CharField(_("result file"), max_length=255, blank=True)
    result_name = models.CharField(_("download name"), max_length=200, blank=True)
    summary = models.JSONField(
        _("summary"), default=dict, blank=True, help_text=_("Counts, and an import's problems.")
    )
    error = models.TextField(_("error message"), blank=True)
    created_at = models.DateTimeField(_("created"))
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("report job")
        verbose_name_plural = _("report jobs")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"

    @property
    def finished(self) -> bool:
        return self.status in (JobStatus.SUCCEEDED, JobStatus.FAILED)


class TemplateKind(models.TextChoices):
    HANDLING_REPORT = "handling_report", _("handling report")
    UNIT_REPORT = "unit_report", _("unit handling report")
    REPLY_LETTER = "reply_letter", _("reply letter")


class ReportTemplate(models.Model):
    """A Word template (docxtpl) staff uploaded to replace the shipped default of its kind.
    The newest active one of a kind is used."""

    kind = models.CharField(_("kind"), max_length=30, choices=TemplateKind.choices)
    path = models.CharField(_("file"), max_length=255)
    original_name = models.CharField(_("uploaded file name"), max_length=200)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("uploaded by")
    )
    uploaded_at = models.DateTimeField(_("uploaded"))
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["kind", "-uploaded_at", "-pk"]
        verbose_name = _("report template")
        verbose_name_plural = _("report templates")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.original_name}"
