from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TextminingConfig(AppConfig):
    name = "renda.textmining"
    verbose_name = _("Text mining")

    def ready(self) -> None:
        from renda.textmining import signals

        signals.connect()
