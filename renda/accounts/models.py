"""Users and their roles. A user has one role; deputies, unit officers and committee members
are bound to the deputy or organisation they act for."""

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from renda.core import clock
from renda.core.fields import BlindIndexField, BlindIndexMixin, EncryptedCharField


class Role(models.TextChoices):
    DEPUTY = "deputy", _("deputy")
    STAFF = "staff", _("congress staff")
    UNIT_OFFICER = "unit_officer", _("handling-unit officer")
    COMMITTEE_MEMBER = "committee_member", _("committee member")
    PRESIDIUM_SECRETARY = "presidium_secretary", _("presidium secretary")
    COORDINATOR = "coordinator", _("government coordinator")
    SYSTEM_ADMIN = "system_admin", _("system administrator")
    SECURITY_ADMIN = "security_admin", _("security administrator")
    AUDIT_ADMIN = "audit_admin", _("audit administrator")


ADMIN_ROLES = (Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN, Role.AUDIT_ADMIN)

# Which kind of organisation each organisation-bound role belongs to.
ROLE_ORGANIZATION_KIND = {
    Role.UNIT_OFFICER: "handling_unit",
    Role.COMMITTEE_MEMBER: "special_committee",
    Role.COORDINATOR: "government_office",
}


class ReplyDuty(models.TextChoices):
    """A unit officer's part in the unit's reply approval path."""

    DRAFT = "draft", _("draft replies (承办科室)")
    CHECK = "check", _("check replies (办公室核稿)")
    SIGN = "sign", _("sign off replies (领导签发)")


class User(BlindIndexMixin, AbstractUser):
    """An account. `full_name` is the person's Chinese name as shown everywhere."""

    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    full_name = models.CharField(_("full name"), max_length=50)
    # Encrypted at rest; login and uniqueness go through the blind index `mobile_hash`.
    mobile = EncryptedCharField(_("mobile"), max_length=20, null=True, blank=True)
    mobile_hash = BlindIndexField(source="mobile", unique=True)
    deputy = models.OneToOneField(
        "congress.Deputy",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="user",
        verbose_name=_("deputy"),
    )
    organization = models.ForeignKey(
        "congress.Organization",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("organisation"),
    )
    reply_duties = models.JSONField(
        _("reply duties"),
        default=list,
        blank=True,
        help_text=_(
            "For unit officers: draft, check, sign. Empty means all three (a unit with one "
            "officer)."
        ),
    )
    password_changed_at = models.DateTimeField(_("password changed at"), null=True, blank=True)
    password_reset_required = models.BooleanField(_("must change password"), default=False)
    # The one session allowed to act for the account (RENDA_SINGLE_SESSION).
    current_session_key = models.CharField(max_length=40, blank=True, editable=False)

    objects = UserManager()
    REQUIRED_FIELDS = ["email", "role", "full_name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                condition=~Q(role=Role.DEPUTY) | Q(deputy__isnull=False),
                name="deputy_user_has_deputy",
            ),
            models.CheckConstraint(
                condition=~Q(role__in=list(ROLE_ORGANIZATION_KIND)) | Q(organization__isnull=False),
                name="org_role_has_organization",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name or self.username

    def clean(self) -> None:
        super().clean()
        if self.role == Role.DEPUTY and self.deputy_id is None:
            raise ValidationError({"deputy": _("A deputy's account must name the deputy.")})
        kind = ROLE_ORGANIZATION_KIND.get(self.role)
        if kind and (self.organization is None or self.organization.kind != kind):
            raise ValidationError(
                {"organization": _("This role needs an organisation of the matching kind.")}
            )

    def set_password(self, raw_password: str | None) -> None:
        super().set_password(raw_password)
        # Expiry counts from here; PasswordHistoryValidator keeps the hash when it is saved.
        self.password_changed_at = clock.now()
        self.password_reset_required = False

    @property
    def is_administrator(self) -> bool:
        """One of the three separated administrators (三权分立), or the superuser."""
        return self.role in ADMIN_ROLES or self.is_superuser

    def has_reply_duty(self, duty: str) -> bool:
        if self.role != Role.UNIT_OFFICER:
            return False
        return not self.reply_duties or duty in self.reply_duties

    @property
    def is_deputy(self) -> bool:
        return self.role == Role.DEPUTY

    @property
    def is_congress_staff(self) -> bool:
        return self.role == Role.STAFF


class PasswordHistory(models.Model):
    """A password hash the user had (口令历史): a new password may not repeat the last few."""

    user = models.ForeignKey(User, models.CASCADE, related_name="password_history")
    password = models.CharField(max_length=128)
    created_at = models.DateTimeField(default=clock.now)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.user_id} {self.created_at:%Y-%m-%d}"


class LoginFailure(models.Model):
    """One failed login for an (account, address) pair; the audit log keeps the record, this
    table only counts (old rows are pruned)."""

    account = models.CharField(max_length=150)
    address = models.CharField(max_length=45)
    at = models.DateTimeField()

    class Meta:
        indexes = [
            models.Index(fields=["account", "address", "at"]),
            models.Index(fields=["address", "at"]),
        ]

    def __str__(self) -> str:
        return f"{self.account} @ {self.address}"


class LoginLock(models.Model):
    """The lockout state of an (account, address) pair (登录失败锁定): failures count from
    `counted_from`; the pair is refused until `locked_until`."""

    account = models.CharField(_("account"), max_length=150)
    address = models.CharField(_("address"), max_length=45)
    counted_from = models.DateTimeField()
    locked_until = models.DateTimeField(_("locked until"), null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["account", "address"], name="one_lock_per_pair")
        ]

    def __str__(self) -> str:
        return f"{self.account} @ {self.address}"
