from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "renda.notifications"
    label = "notifications"
    verbose_name = _("Notifications and reminders")

    def ready(self) -> None:
        from renda.notifications import conf

        conf.check()  # fail at start-up on a bad setting, not at the first message
