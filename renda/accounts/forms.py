from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from renda.core.forms import BootstrapMixin


class LoginForm(BootstrapMixin, AuthenticationForm):
    username = forms.CharField(
        label=_("Username or mobile number"),
        max_length=150,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )
    error_messages = {
        # One message for every failure: it must not tell which part was wrong.
        "invalid_login": _("The username/mobile number or password is not correct."),
        "inactive": _("The username/mobile number or password is not correct."),
    }
