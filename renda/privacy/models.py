"""The record of each pseudonymisation (匿名化), kept whether or not the audit log exists."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Pseudonymisation(models.Model):
    """A person's identifying data replaced by a pseudonym on request; the records they were
    part of (items, signatures, evaluations, history) keep pointing at the same rows."""

    deputy = models.OneToOneField(
        "congress.Deputy",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("deputy"),
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("account"),
    )
    pseudonym = models.CharField(_("pseudonym"), max_length=30)
    reason = models.TextField(_("reason"))
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("done by"),
    )
    done_at = models.DateTimeField(_("done"))

    class Meta:
        ordering = ["-done_at"]
        verbose_name = _("pseudonymisation")
        verbose_name_plural = _("pseudonymisations")

    def __str__(self) -> str:
        return self.pseudonym
