"""Target indicator systems (目标指标体系) and the values units report against them.

A system has dimensions and indicators; each indicator has a baseline, targets by year (for the
whole city, optionally per county), a direction, a responsible unit and a reporting frequency.
Values are reported per period and region, reviewed by staff, and every revision is kept.

Versioning: a system carries a `version` number, raised by every change to its structure. An
indicator records the version it appeared in (`since_version`) and the one that retired it
(`retired_in_version`). Redefining an indicator (a new unit, direction or definition) retires
the old row and creates a new one that `replaces` it, so values reported under the old
definition stay attached to the old row and are never reinterpreted.

The whole city is a `Region` of kind `city` (全市), so every value and target has a region.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from renda.congress.models import Organization, Region
from renda.core.uploads import RandomName

VALUE_DIGITS = {"max_digits": 20, "decimal_places": 4}


class Direction(models.TextChoices):
    HIGHER = "higher", _("higher is better")
    LOWER = "lower", _("lower is better")
    BAND = "band", _("within a band")


class Frequency(models.TextChoices):
    ANNUAL = "annual", _("annual")
    HALF_YEARLY = "half_yearly", _("half-yearly")
    QUARTERLY = "quarterly", _("quarterly")
    MONTHLY = "monthly", _("monthly")


class Accumulation(models.TextChoices):
    """How a value within the year reads: a level at the period's end (a rate, a stock), or
    an amount cumulated since January (new jobs in 1—9月), compared pro rata with the year."""

    LEVEL = "level", _("level at the period's end")
    YEAR_TO_DATE = "ytd", _("cumulative since January")


class IndicatorSystem(models.Model):
    """指标体系: a set of indicators in dimensions with targets for one target year."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)
    target_year = models.PositiveSmallIntegerField(_("target year"))
    version = models.PositiveIntegerField(_("version"), default=1)
    on_track_lag = models.DecimalField(
        _("on-track tolerance"),
        max_digits=4,
        decimal_places=3,
        default="0.050",
        help_text=_(
            "An indicator at most this share of its baseline-to-target distance behind the "
            "linear path is on track (正常推进)."
        ),
    )
    lagging_lag = models.DecimalField(
        _("lagging tolerance"),
        max_digits=4,
        decimal_places=3,
        default="0.200",
        help_text=_(
            "Behind the path by more than the on-track tolerance and at most this share: "
            "lagging (滞后); beyond it: seriously lagging (严重滞后)."
        ),
    )
    report_due_days = models.PositiveSmallIntegerField(
        _("reports due (days after the period ends)"), default=30
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created"))
    updated_at = models.DateTimeField(_("updated"))

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(on_track_lag__gte=0) & Q(lagging_lag__gte=models.F("on_track_lag")),
                name="indicator_system_thresholds_ordered",
            )
        ]
        verbose_name = _("indicator system")
        verbose_name_plural = _("indicator systems")

    def __str__(self) -> str:
        return self.name


class Dimension(models.Model):
    """维度: a group of indicators (经济高质量发展, 收入分配, …)."""

    system = models.ForeignKey(
        IndicatorSystem, models.CASCADE, related_name="dimensions", verbose_name=_("system")
    )
    name = models.CharField(_("name"), max_length=50)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["system", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["system", "name"], name="dimension_unique_name")
        ]
        verbose_name = _("dimension")
        verbose_name_plural = _("dimensions")

    def __str__(self) -> str:
        return self.name


class Indicator(models.Model):
    """指标: one measurable target of a system, under one definition (see the module note)."""

    system = models.ForeignKey(
        IndicatorSystem, models.CASCADE, related_name="indicators", verbose_name=_("system")
    )
    dimension = models.ForeignKey(
        Dimension, models.PROTECT, related_name="indicators", verbose_name=_("dimension")
    )
    code = models.CharField(_("code"), max_length=20)
    name = models.CharField(_("name"), max_length=100)
    aliases = models.CharField(
        _("other names"),
        max_length=200,
        blank=True,
        help_text=_("Separated by 、 — how summaries write it (helps finding figures in text)."),
    )
    definition = models.TextField(_("definition (口径)"), blank=True)
    unit = models.CharField(_("unit of measure"), max_length=20)
    direction = models.CharField(
        _("direction"), max_length=10, choices=Direction.choices, default=Direction.HIGHER
    )
    band_low = models.DecimalField(_("band lower bound"), null=True, blank=True, **VALUE_DIGITS)
    band_high = models.DecimalField(_("band upper bound"), null=True, blank=True, **VALUE_DIGITS)
    accumulation = models.CharField(
        _("values within the year"),
        max_length=10,
        choices=Accumulation.choices,
        default=Accumulation.LEVEL,
    )
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"))
    baseline_value = models.DecimalField(_("baseline value (whole city)"), **VALUE_DIGITS)
    responsible_unit = models.ForeignKey(
        Organization,
        models.PROTECT,
        related_name="indicators",
        verbose_name=_("responsible unit"),
    )
    frequency = models.CharField(_("reporting frequency"), max_length=20, choices=Frequency.choices)
    per_region = models.BooleanField(
        _("reported per county"),
        default=False,
        help_text=_("Also reported by each county, district and zone, not only city-wide."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    since_version = models.PositiveIntegerField(_("since version"), default=1)
    retired_in_version = models.PositiveIntegerField(_("retired in version"), null=True, blank=True)
    retired_at = models.DateTimeField(_("retired"), null=True, blank=True)
    retire_reason = models.TextField(_("reason for retirement"), blank=True)
    replaces = models.OneToOneField(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="replaced_by",
        verbose_name=_("redefines"),
    )

    class Meta:
        ordering = ["system", "dimension__order", "order", "code", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["system", "code"],
                condition=Q(retired_in_version__isnull=True),
                name="indicator_one_current_code",
            ),
            models.CheckConstraint(
                condition=~Q(direction="band")
                | Q(
                    band_low__isnull=False,
                    band_high__isnull=False,
                    band_low__lte=models.F("band_high"),
                ),
                name="indicator_band_has_bounds",
            ),
        ]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def is_current(self) -> bool:
        return self.retired_in_version is None

    def alias_list(self) -> list[str]:
        return [a.strip() for a in self.aliases.replace("，", "、").split("、") if a.strip()]


class Target(models.Model):
    """目标值: the value an indicator should reach in a year, for the whole city or one county.
    A county without its own target follows the city's."""

    indicator = models.ForeignKey(
        Indicator, models.CASCADE, related_name="targets", verbose_name=_("indicator")
    )
    region = models.ForeignKey(Region, models.PROTECT, related_name="+", verbose_name=_("region"))
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.DecimalField(_("target value"), **VALUE_DIGITS)

    class Meta:
        ordering = ["indicator", "region__order", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "region", "year"], name="target_unique_year"
            )
        ]
        verbose_name = _("target")
        verbose_name_plural = _("targets")

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.region} {self.year}: {self.value}"


class ValueState(models.TextChoices):
    SUBMITTED = "submitted", _("awaiting review")
    ACCEPTED = "accepted", _("adopted")
    RETURNED = "returned", _("returned")


class IndicatorValue(models.Model):
    """报送值: an indicator's value for one period (the year, up to `month`) and one region.

    `value` is the latest revision entered; `accepted_value` the last one staff accepted —
    what progress is computed on, kept while a correction awaits review."""

    indicator = models.ForeignKey(
        Indicator, models.PROTECT, related_name="values", verbose_name=_("indicator")
    )
    region = models.ForeignKey(Region, models.PROTECT, related_name="+", verbose_name=_("region"))
    year = models.PositiveSmallIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(
        _("up to month"), help_text=_("The period's last month: 12 for the whole year.")
    )
    state = models.CharField(_("state"), max_length=10, choices=ValueState.choices)
    value = models.DecimalField(_("value"), **VALUE_DIGITS)
    source_note = models.TextField(_("source"))
    attachment = models.FileField(_("attachment"), upload_to=RandomName("indicators"), blank=True)
    revision = models.PositiveIntegerField(_("revision"), default=1)
    on_behalf = models.BooleanField(_("entered by staff for the unit"), default=False)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("reported by")
    )
    reported_at = models.DateTimeField(_("reported at"))
    accepted_value = models.DecimalField(_("accepted value"), null=True, blank=True, **VALUE_DIGITS)
    accepted_revision = models.PositiveIntegerField(_("accepted revision"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    return_reason = models.TextField(_("reason for return"), blank=True)

    class Meta:
        ordering = ["indicator", "region__order", "year", "month"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "region", "year", "month"], name="one_value_per_period"
            ),
            models.CheckConstraint(
                condition=Q(month__gte=1, month__lte=12), name="value_month_valid"
            ),
        ]
        indexes = [models.Index(fields=["state"])]
        verbose_name = _("reported value")
        verbose_name_plural = _("reported values")

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.region} {self.year}-{self.month:02d}: {self.value}"


class ValueRevision(models.Model):
    """One version of a reported value as entered (append-only)."""

    reported = models.ForeignKey(
        IndicatorValue, models.CASCADE, related_name="revisions", verbose_name=_("reported value")
    )
    number = models.PositiveIntegerField(_("revision"))
    value = models.DecimalField(_("value"), **VALUE_DIGITS)
    source_note = models.TextField(_("source"))
    attachment = models.FileField(_("attachment"), upload_to=RandomName("indicators"), blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("entered by")
    )
    entered_at = models.DateTimeField(_("entered"))
    on_behalf = models.BooleanField(_("entered by staff for the unit"), default=False)

    class Meta:
        ordering = ["reported", "number"]
        constraints = [
            models.UniqueConstraint(fields=["reported", "number"], name="one_revision_number")
        ]
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")

    def __str__(self) -> str:
        return f"{self.reported_id} r{self.number}: {self.value}"


class _AppendOnly(models.Model):
    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        # History is append-only: an existing row is never rewritten.
        if self.pk is not None and not kwargs.get("force_insert"):
            raise ValueError("History entries cannot be changed.")
        super().save(*args, **kwargs)


class ValueEvent(_AppendOnly):
    """One step in a reported value's life: who, when, from which state to which, and why."""

    reported = models.ForeignKey(
        IndicatorValue, models.CASCADE, related_name="events", verbose_name=_("reported value")
    )
    revision = models.PositiveIntegerField(_("revision"))
    at = models.DateTimeField(_("time"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("by")
    )
    relation = models.CharField(_("acting as"), max_length=20)
    action = models.CharField(_("action"), max_length=40)
    from_state = models.CharField(_("from"), max_length=10, blank=True)
    to_state = models.CharField(_("to"), max_length=10)
    reason = models.TextField(_("reason"), blank=True)
    data = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("value history entry")
        verbose_name_plural = _("value history")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action}"


class SystemEvent(_AppendOnly):
    """A change to a system's structure or links (import, retirement, redefinition, link)."""

    system = models.ForeignKey(
        IndicatorSystem, models.CASCADE, related_name="events", verbose_name=_("system")
    )
    indicator = models.ForeignKey(
        Indicator,
        models.CASCADE,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("indicator"),
    )
    version = models.PositiveIntegerField(_("version"))
    at = models.DateTimeField(_("time"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("by")
    )
    action = models.CharField(_("action"), max_length=40)
    reason = models.TextField(_("reason"), blank=True)
    data = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("system history entry")
        verbose_name_plural = _("system history")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action}"


class IndicatorLink(models.Model):
    """关联: an indicator that measures what a motion, a suggestion or (later) a deliberation
    opinion asks for. Generic, so that any app's object listed in
    settings.INDICATOR_LINKABLE_MODELS can be linked without a migration here."""

    indicator = models.ForeignKey(
        Indicator, models.CASCADE, related_name="links", verbose_name=_("indicator")
    )
    content_type = models.ForeignKey(ContentType, models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("content_type", "object_id")
    note = models.CharField(_("note"), max_length=200, blank=True)
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("linked by")
    )
    linked_at = models.DateTimeField(_("linked"))

    class Meta:
        ordering = ["indicator__dimension__order", "indicator__order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "content_type", "object_id"], name="one_link_per_subject"
            )
        ]
        indexes = [models.Index(fields=["content_type", "object_id"])]
        verbose_name = _("indicator link")
        verbose_name_plural = _("indicator links")

    def __str__(self) -> str:
        return f"{self.indicator} ↔ {self.content_type.model} {self.object_id}"


class AlertKind(models.TextChoices):
    LAGGING = "lagging", _("lagging behind the path")
    MISSING = "missing", _("report missing after its due date")


class IndicatorAlert(models.Model):
    """预警: raised once per indicator, region, period and kind by `alerts.raise_alerts`; a
    notifier can claim unsent rows (`notified_at` empty), as from an outbox."""

    kind = models.CharField(_("kind"), max_length=10, choices=AlertKind.choices)
    indicator = models.ForeignKey(
        Indicator, models.CASCADE, related_name="alerts", verbose_name=_("indicator")
    )
    region = models.ForeignKey(Region, models.PROTECT, related_name="+", verbose_name=_("region"))
    year = models.PositiveSmallIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(_("up to month"))
    status = models.CharField(_("progress"), max_length=20, blank=True)
    due_date = models.DateField(_("report due"), null=True, blank=True)
    raised_at = models.DateTimeField(_("raised"))
    notified_at = models.DateTimeField(_("notified"), null=True, blank=True)

    class Meta:
        ordering = ["-raised_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "indicator", "region", "year", "month"], name="one_alert_each"
            )
        ]
        verbose_name = _("indicator alert")
        verbose_name_plural = _("indicator alerts")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.indicator.code} {self.region}"
