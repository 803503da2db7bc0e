from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CongressConfigApp(AppConfig):
    name = "renda.congress"
    label = "congress"
    verbose_name = _("Congress structure")
