from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "renda.audit"
    label = "audit"
    verbose_name = _("Audit log")

    def ready(self) -> None:
        # Logins, logouts and failed logins reach us only through Django's auth signals.
        from renda.audit import signals  # noqa: F401
