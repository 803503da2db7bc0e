"""Congress structure: the congress's own rules, terms and sessions, delegations, deputies and
the organisations that decide and handle (handling units, committees, the presidium)."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from renda.congress.numerals import chinese_numeral
from renda.core.fields import BlindIndexField, BlindIndexMixin, EncryptedCharField


class Level(models.TextChoices):
    """五级人大."""

    NATIONAL = "national", _("National")
    PROVINCIAL = "provincial", _("Provincial")
    CITY = "city", _("City")
    COUNTY = "county", _("County")
    TOWNSHIP = "township", _("Township")


# Statutory minimum of joint signers for a motion (地方组织法; the NPC's own rules nationally).
STATUTORY_MIN_SIGNERS = {
    Level.NATIONAL: 30,
    Level.PROVINCIAL: 10,
    Level.CITY: 10,
    Level.COUNTY: 10,
    Level.TOWNSHIP: 5,
}


class DayUnit(models.TextChoices):
    CALENDAR = "calendar", _("calendar days")
    WORKING = "working", _("working days")


class ReplyLetters(models.TextChoices):
    """How a reply letter (答复函) addresses the deputies who signed a suggestion."""

    EACH = "each", _("one letter to each deputy")
    JOINT = "joint", _("one letter listing every deputy")


class CongressSettings(models.Model):
    """本级人大配置: the rules this congress configures (one row per deployment)."""

    name = models.CharField(_("congress name"), max_length=100, default="市人民代表大会")
    short_name = models.CharField(
        _("short name"),
        max_length=20,
        default="市",
        help_text=_("Used in document titles, e.g. 市 in 市七届人大九次会议."),
    )
    level = models.CharField(_("level"), max_length=20, choices=Level.choices, default=Level.CITY)
    motion_min_signers = models.PositiveSmallIntegerField(
        _("minimum joint signers of a motion"),
        default=10,
        validators=[MinValueValidator(1)],
        help_text=_("Lead deputy included (十人以上联名 at county level and above)."),
    )
    reassignment_window = models.PositiveSmallIntegerField(
        _("reassignment request window"), default=10, validators=[MinValueValidator(1)]
    )
    reassignment_window_unit = models.CharField(
        _("window counted in"), max_length=10, choices=DayUnit.choices, default=DayUnit.CALENDAR
    )
    reply_months = models.PositiveSmallIntegerField(
        _("reply due (months after assignment)"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
    )
    max_reply_months = models.PositiveSmallIntegerField(
        _("longest reply period (months after assignment)"),
        default=6,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
    )
    co_unit_opinion_months = models.PositiveSmallIntegerField(
        _("co-unit opinion due (months after assignment)"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(6)],
    )
    evaluation_months = models.PositiveSmallIntegerField(
        _("evaluation window (months after reply)"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(6)],
    )
    rehandling_months = models.PositiveSmallIntegerField(
        _("re-handling reply due (months)"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(6)],
    )
    due_soon_days = models.PositiveSmallIntegerField(_("'due soon' means within (days)"), default=7)
    reply_letters = models.CharField(
        _("reply letters to co-signing deputies"),
        max_length=10,
        choices=ReplyLetters.choices,
        default=ReplyLetters.EACH,
        help_text=_("A suggestion signed by several deputies is answered to each of them."),
    )
    use_class_d = models.BooleanField(
        _("offer class D (kept for reference)"),
        default=False,
        help_text=_("Some congresses add D 留作参考 to the A/B/C reply classes."),
    )

    class Meta:
        verbose_name = _("congress settings")
        verbose_name_plural = _("congress settings")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.max_reply_months < self.reply_months:
            raise ValidationError(
                {"max_reply_months": _("The longest period cannot be shorter than the normal one.")}
            )

    @classmethod
    def current(cls) -> "CongressSettings":
        """The deployment's settings; created with the statutory defaults on first use."""
        obj = cls.objects.order_by("pk").first()
        return obj if obj is not None else cls.objects.create()


class Term(models.Model):
    """届: a five-year term of the congress."""

    number = models.PositiveSmallIntegerField(_("term number"), unique=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)

    class Meta:
        ordering = ["-number"]
        verbose_name = _("term")
        verbose_name_plural = _("terms")

    def __str__(self) -> str:
        return f"第{chinese_numeral(self.number)}届"


class Session(models.Model):
    """次会议: one session of a term, with the presidium's deadline for motions."""

    term = models.ForeignKey(Term, models.PROTECT, related_name="sessions", verbose_name=_("term"))
    number = models.PositiveSmallIntegerField(_("session number"))
    start_date = models.DateField(_("opening date"))
    end_date = models.DateField(_("closing date"))
    motion_deadline = models.DateTimeField(
        _("deadline for motions"), help_text=_("Set by the presidium in the session's rules.")
    )

    class Meta:
        ordering = ["-start_date"]
        constraints = [
            models.UniqueConstraint(fields=["term", "number"], name="session_unique_number"),
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="session_ends_after_start",
            ),
        ]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")

    def __str__(self) -> str:
        return f"{self.term}第{chinese_numeral(self.number)}次会议"

    @property
    def short_title(self) -> str:
        """七届人大九次会议 — the form used in document titles."""
        return f"{chinese_numeral(self.term.number)}届人大{chinese_numeral(self.number)}次会议"

    def is_sitting(self, day: dt.date) -> bool:
        return self.start_date <= day <= self.end_date


class Region(models.Model):
    """县（市、区）: an administrative area of the city (delegations, indicators)."""

    class Kind(models.TextChoices):
        DISTRICT = "district", _("district")
        COUNTY = "county", _("county")
        COUNTY_CITY = "county_city", _("county-level city")
        ZONE = "zone", _("development zone")
        CITY = "city", _("whole city")

    name = models.CharField(_("name"), max_length=50, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return self.name


class Delegation(models.Model):
    """代表团: the deputies elected from one district or county, within a term."""

    term = models.ForeignKey(
        Term, models.PROTECT, related_name="delegations", verbose_name=_("term")
    )
    name = models.CharField(_("name"), max_length=50)
    region = models.ForeignKey(
        Region, models.SET_NULL, null=True, blank=True, verbose_name=_("region")
    )
    contact_name = models.CharField(_("contact person (联络员)"), max_length=30, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["term", "name"], name="delegation_unique_name"),
        ]
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")

    def __str__(self) -> str:
        return self.name


class Deputy(BlindIndexMixin, models.Model):
    """代表: a deputy of this congress in one term, member of one delegation."""

    class Gender(models.TextChoices):
        MALE = "male", _("male")
        FEMALE = "female", _("female")

    term = models.ForeignKey(Term, models.PROTECT, related_name="deputies", verbose_name=_("term"))
    delegation = models.ForeignKey(
        Delegation, models.PROTECT, related_name="deputies", verbose_name=_("delegation")
    )
    name = models.CharField(_("name"), max_length=30)
    initials = models.CharField(
        _("pinyin initials"),
        max_length=20,
        blank=True,
        db_index=True,
        help_text=_("Filled from the name; lets people find 张建国 by typing zjg."),
    )
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices, blank=True)
    ethnicity = models.CharField(_("ethnicity"), max_length=20, blank=True, default="汉族")
    level = models.CharField(
        _("congress level"),
        max_length=20,
        choices=Level.choices,
        default=Level.CITY,
        help_text=_("The level of congress this person is a deputy of."),
    )
    occupation = models.CharField(_("work unit and position"), max_length=200, blank=True)
    # Personal numbers are encrypted at rest (renda.core.crypto); equality lookups use the
    # blind indexes `mobile_hash` and `id_number_hash`.
    mobile = EncryptedCharField(_("mobile"), max_length=20, blank=True)
    mobile_hash = BlindIndexField(source="mobile", db_index=True)
    id_number = EncryptedCharField(_("ID number"), max_length=18, blank=True)
    id_number_hash = BlindIndexField(source="id_number", db_index=True)
    email = models.EmailField(_("e-mail"), blank=True)
    address = models.CharField(_("postal address"), max_length=200, blank=True)
    active = models.BooleanField(
        _("serving"), default=True, help_text=_("Cleared when the deputy resigns or is removed.")
    )

    class Meta:
        ordering = ["delegation__order", "initials", "name"]
        verbose_name = _("deputy")
        verbose_name_plural = _("deputies")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        # Derived search key, not business logic: keep it in step with the name.
        from renda.congress.pinyin import initials_of

        self.initials = initials_of(self.name)
        if kwargs.get("update_fields") is not None and "name" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "initials"}
        super().save(*args, **kwargs)  # BlindIndexMixin adds the index columns


class Organization(models.Model):
    """An organisation that decides or handles: 承办单位, 专门委员会, 主席团, 常委会 …"""

    class Kind(models.TextChoices):
        HANDLING_UNIT = "handling_unit", _("handling unit")
        SPECIAL_COMMITTEE = "special_committee", _("special committee")
        PRESIDIUM = "presidium", _("presidium")
        STANDING_COMMITTEE = "standing_committee", _("standing committee")
        GOVERNMENT_OFFICE = "government_office", _("government supervision office")
        CONGRESS_OFFICE = "congress_office", _("congress working body")

    class UnitType(models.TextChoices):
        GOVERNMENT_DEPARTMENT = "government_department", _("government department")
        COUNTY_GOVERNMENT = "county_government", _("county/district government")
        COURT = "court", _("court")
        PROCURATORATE = "procuratorate", _("procuratorate")
        PARTY_BODY = "party_body", _("party or mass organisation")
        ENTERPRISE = "enterprise", _("enterprise or public institution")
        OTHER = "other", _("other")

    name = models.CharField(_("name"), max_length=100, unique=True)
    short_name = models.CharField(_("short name"), max_length=30, blank=True)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    unit_type = models.CharField(
        _("unit type"),
        max_length=30,
        choices=UnitType.choices,
        blank=True,
        help_text=_("For handling units."),
    )
    parent = models.ForeignKey(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent organisation"),
    )
    region = models.ForeignKey(
        Region, models.SET_NULL, null=True, blank=True, verbose_name=_("region")
    )
    active = models.BooleanField(_("active"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["kind", "order", "name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name

    @property
    def is_government(self) -> bool:
        return self.unit_type in {
            self.UnitType.GOVERNMENT_DEPARTMENT,
            self.UnitType.COUNTY_GOVERNMENT,
        }


class CalendarDay(models.Model):
    """A working-day exception the congress records itself (调休, local holidays, or years the
    installed holiday calendar does not cover yet). It wins over the built-in calendar."""

    date = models.DateField(_("date"), unique=True)
    is_workday = models.BooleanField(_("is a working day"))
    note = models.CharField(_("note"), max_length=100, blank=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("calendar exception")
        verbose_name_plural = _("calendar exceptions")

    def __str__(self) -> str:
        return f"{self.date} {self.note}"
