"""Notifications (通知) in the app, their deliveries by e-mail and SMS, and the reminders the
scheduler has sent.

A `Notification` is written in the same transaction as the step it tells about, with one
`Delivery` row per outside channel: the deliveries table is the outbox a worker drains, so a
rolled-back step sends nothing and a committed one is never lost. A `Reminder` row makes each
due-soon or overdue reminder unique, so a scheduler that runs twice sends it once.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from renda.congress.masking import mask_email
from renda.congress.models import Organization
from renda.core.fields import EncryptedCharField
from renda.proposals.models import Proposal


class Reminder(models.Model):
    """催办提醒: one due-soon or overdue reminder for one item, unit and due date."""

    class Kind(models.TextChoices):
        DUE_SOON = "due_soon", _("reply due soon")
        OVERDUE = "overdue", _("reply overdue")
        OPINION_DUE_SOON = "opinion_due_soon", _("co-unit opinion due soon")
        OPINION_OVERDUE = "opinion_overdue", _("co-unit opinion overdue")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    proposal = models.ForeignKey(
        Proposal, models.CASCADE, related_name="reminders", verbose_name=_("item")
    )
    unit = models.ForeignKey(
        Organization, models.PROTECT, related_name="reminders", verbose_name=_("unit")
    )
    due_date = models.DateField(_("due date"))
    sent_on = models.DateField(_("reminder day"))
    created_at = models.DateTimeField(_("created"), db_index=True)
    recipients = models.PositiveSmallIntegerField(_("recipients"), default=0)
    # The scheduler run that inserted the row: with INSERT … ON CONFLICT DO NOTHING, the rows
    # carrying a run's token are exactly the reminders that run is to send.
    run = models.CharField(max_length=32, db_index=True, editable=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "kind", "due_date", "unit"], name="one_reminder_per_due_date"
            ),
        ]
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.due_date}"


class Notification(models.Model):
    """通知: one message to one user, its text rendered in Chinese when it was created."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        related_name="notifications",
        verbose_name=_("recipient"),
    )
    kind = models.CharField(_("kind"), max_length=40)
    item = models.ForeignKey(
        Proposal,
        models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications",
        verbose_name=_("item"),
    )
    reminder = models.ForeignKey(
        Reminder,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="notifications",
        verbose_name=_("reminder"),
    )
    subject = models.CharField(_("subject"), max_length=100)
    text = models.TextField(_("text"))
    created_at = models.DateTimeField(_("created"))
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="notification_inbox"),
            models.Index(
                fields=["recipient"], condition=Q(read_at__isnull=True), name="notification_unread"
            ),
        ]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

    def __str__(self) -> str:
        return self.subject


class Delivery(models.Model):
    """发送记录: a notification's delivery on one outside channel (e-mail, SMS)."""

    class Status(models.TextChoices):
        # with a context: other apps translate these words for other things
        PENDING = "pending", pgettext_lazy("delivery", "waiting")
        SENDING = "sending", pgettext_lazy("delivery", "sending")
        SENT = "sent", pgettext_lazy("delivery", "sent")
        FAILED = "failed", pgettext_lazy("delivery", "failed")

    notification = models.ForeignKey(
        Notification, models.CASCADE, related_name="deliveries", verbose_name=_("notification")
    )
    channel = models.CharField(_("channel"), max_length=20)
    # An e-mail address or a mobile number: personal, so encrypted at rest.
    address = EncryptedCharField(_("address"), max_length=254)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"))
    claimed_by = models.CharField(max_length=32, blank=True, editable=False)
    claimed_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_error = models.TextField(_("last error"), blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        ordering = ["-pk"]
        indexes = [
            # The worker's query: due rows still waiting, oldest first.
            models.Index(
                fields=["next_attempt_at"],
                condition=Q(status="pending"),
                name="delivery_due",
            ),
            models.Index(
                fields=["claimed_by"], condition=Q(status="sending"), name="delivery_claimed"
            ),
            # The log's totals of deliveries not (yet) sent.
            models.Index(fields=["status"], condition=~Q(status="sent"), name="delivery_unsent"),
        ]
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")

    def __str__(self) -> str:
        # Never the address in full: __str__ reaches logs and the admin.
        return f"{self.channel} → {mask_email(self.address)} · {self.get_status_display()}"
