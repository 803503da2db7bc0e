"""审计日志: one append-only row per security-relevant event, chained by HMAC.

Rows are written only by `renda.audit.services.record`; the model and its queryset refuse
updates and deletes, and on PostgreSQL triggers refuse them too (migration 0002).
"""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    LOGIN = "login", _("login")
    LOGOUT = "logout", _("logout")
    LOGIN_FAILED = "login_failed", _("failed login")
    PERMISSION_CHANGE = "permission_change", _("permission change")
    EXPORT = "export", _("data export")
    DOWNLOAD = "download", _("document download")
    STATE_CHANGE = "state_change", _("state change")
    ACCESS = "access", _("access")
    MAINTENANCE = "maintenance", _("audit maintenance")


class Result(models.TextChoices):
    SUCCESS = "success", _("success")
    FAILURE = "failure", _("failure")
    REFUSED = "refused", _("refused")


class AuditImmutable(Exception):
    """Raised when code tries to change or delete an audit record."""


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AuditImmutable("Audit records cannot be changed.")

    def delete(self):
        raise AuditImmutable("Audit records cannot be deleted.")

    def bulk_update(self, objs, fields, batch_size=None):
        raise AuditImmutable("Audit records cannot be changed.")


class AuditRecord(models.Model):
    """One audited event: when, who (as they were then), from where, what, on which object,
    with which result. `mac` is HMAC(key, this row's content + `prev_mac`)."""

    at = models.DateTimeField(_("time"), db_index=True)
    # Removing a user never rewrites the log: the row keeps the id and the name as they were.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.DO_NOTHING,
        null=True,
        blank=True,
        related_name="+",
        db_constraint=False,
        verbose_name=_("actor"),
    )
    actor_username = models.CharField(_("user name"), max_length=150, blank=True, db_index=True)
    actor_role = models.CharField(_("role"), max_length=30, blank=True)
    address = models.CharField(_("address"), max_length=45, blank=True, db_index=True)
    category = models.CharField(_("category"), max_length=30, choices=Category.choices)
    action = models.CharField(_("action"), max_length=80)
    object_type = models.CharField(_("object type"), max_length=60, blank=True)
    object_id = models.CharField(_("object id"), max_length=40, blank=True)
    object_label = models.CharField(_("object"), max_length=200, blank=True)
    result = models.CharField(
        _("result"), max_length=10, choices=Result.choices, default=Result.SUCCESS
    )
    detail = models.JSONField(_("details"), default=dict, blank=True, encoder=DjangoJSONEncoder)
    prev_mac = models.CharField(max_length=64, blank=True)
    mac = models.CharField(max_length=64, unique=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-pk"]
        default_permissions = ("view",)
        indexes = [
            models.Index(fields=["category", "-at"]),
            models.Index(fields=["object_type", "object_id"]),
        ]
        verbose_name = _("audit record")
        verbose_name_plural = _("audit records")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.actor_username} {self.action}"

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise AuditImmutable("Audit records cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AuditImmutable("Audit records cannot be deleted.")

    @property
    def actor_role_label(self) -> str:
        from renda.accounts.models import Role

        return str(dict(Role.choices).get(self.actor_role, self.actor_role))
