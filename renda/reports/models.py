"""Background report and import jobs, and the report templates staff upload.

Files (results, uploaded sheets, templates) live under settings.REPORTS_DIR, never in the web
root; the rows here keep their paths relative to it, and downloads go through permission
checks (`selectors.job_for_download`).
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
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


def _share_field(label, default: str, help_text):
    return models.DecimalField(
        label,
        max_digits=3,
        decimal_places=2,
        default=Decimal(default),
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text=help_text,
    )


class ScoringRule(models.Model):
    """办理考评规则: the formula of the handling units' performance scores, as the congress
    configures it (one row). Each component's weight is its share of the 100 points; the
    values say how much a partial outcome earns (see `scores.py` and the README)."""

    on_time_weight = models.PositiveSmallIntegerField(
        _("weight: replies on time"),
        default=25,
        help_text=_("First replies sent by the due date, over the replies owed."),
    )
    contact_weight = models.PositiveSmallIntegerField(
        _("weight: contact before the reply"),
        default=15,
        help_text=_("Replied items with a contact with the deputy before the first reply."),
    )
    satisfaction_weight = models.PositiveSmallIntegerField(
        _("weight: deputies' satisfaction"),
        default=30,
        help_text=_("The deputies' latest evaluation of the evaluated items."),
    )
    result_class_weight = models.PositiveSmallIntegerField(
        _("weight: A/B classes"),
        default=15,
        help_text=_("The class of the latest reply of the replied items."),
    )
    rehandling_weight = models.PositiveSmallIntegerField(
        _("weight: no re-handling"),
        default=10,
        help_text=_("Replied items the deputy did not send back for re-handling."),
    )
    follow_up_weight = models.PositiveSmallIntegerField(
        _("weight: follow-ups completed"),
        default=5,
        help_text=_("Class-B follow-ups finished, or past their promised date."),
    )
    basically_satisfied_value = _share_field(
        _("value of 'basically satisfied'"), "0.80", _("Satisfied counts 1, unsatisfied 0.")
    )
    class_b_value = _share_field(_("value of a B-class reply"), "0.50", _("A counts 1."))
    class_c_value = _share_field(_("value of a C- or D-class reply"), "0.00", _("A counts 1."))
    explained_follow_up_value = _share_field(
        _("value of a follow-up explained, not solved"),
        "0.50",
        _("Solved counts 1; past its promised date and still open 0."),
    )

    class Meta:
        verbose_name = _("scoring rule")
        verbose_name_plural = _("scoring rule")

    def __str__(self) -> str:
        return str(_("scoring rule"))

    def clean(self) -> None:
        if not any(getattr(self, f"{c}_weight") for c in COMPONENTS):
            raise ValidationError(_("At least one weight must be above zero."))

    @classmethod
    def current(cls) -> "ScoringRule":
        """The congress's rule; created with the documented defaults on first use."""
        obj = cls.objects.order_by("pk").first()
        return obj if obj is not None else cls.objects.create()


# The score's components, in the order pages and sheets show them.
COMPONENTS = ("on_time", "contact", "satisfaction", "result_class", "rehandling", "follow_up")
