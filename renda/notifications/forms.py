from django import forms
from django.utils.translation import gettext_lazy as _

from renda.core.forms import Form
from renda.notifications.models import Delivery, Reminder

ANY = [("", _("all"))]


class ReminderFilter(Form):
    kind = forms.ChoiceField(label=_("kind"), choices=ANY + Reminder.Kind.choices, required=False)


class DeliveryFilter(Form):
    status = forms.ChoiceField(
        label=_("status"), choices=ANY + Delivery.Status.choices, required=False
    )
    channel = forms.ChoiceField(
        label=_("channel"),
        choices=[*ANY, ("email", _("e-mail")), ("sms", _("SMS"))],
        required=False,
    )
