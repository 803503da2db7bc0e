from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from renda.accounts import lockout
from renda.accounts.audit import LOGIN_FAILED, audit
from renda.accounts.models import Role, User
from renda.accounts.services import EVERYDAY_ROLES
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

    def clean(self):
        # Locked pairs are refused before the password is checked, whether or not the account
        # exists: the message is the same for both.
        account = lockout.normalise(self.cleaned_data.get("username") or "")
        address = lockout.client_address(self.request)
        if account and self.cleaned_data.get("password"):
            minutes = lockout.blocked_minutes(account, address)
            if minutes:
                audit(LOGIN_FAILED, "auth.login_locked", username=account, result="refused")
                raise ValidationError(_locked_message(minutes), code="locked")
        try:
            cleaned = super().clean()
        except ValidationError:
            tried = account and self.cleaned_data.get("password")
            if tried and lockout.record_failure(account, address):
                raise ValidationError(
                    _locked_message(settings.RENDA_LOCKOUT_MINUTES), code="locked"
                ) from None
            raise
        lockout.record_success(account, address)
        return cleaned


def _locked_message(minutes: int) -> str:
    return ngettext(
        "Too many failed attempts. Try again in %(n)d minute.",
        "Too many failed attempts. Try again in %(n)d minutes.",
        minutes,
    ) % {"n": minutes}


class ChangePasswordForm(BootstrapMixin, PasswordChangeForm):
    pass


class TokenForm(BootstrapMixin, forms.Form):
    token = forms.CharField(
        label=_("Six-digit code from your authenticator app"),
        min_length=6,
        max_length=6,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def clean_token(self) -> str:
        token = self.cleaned_data["token"].strip()
        if not token.isdigit():
            raise ValidationError(_("The code has six digits."))
        return token


class ProfileForm(BootstrapMixin, forms.ModelForm):
    """What the system administrator edits: never the role."""

    class Meta:
        model = User
        fields = ["full_name", "mobile", "email", "organization", "deputy"]

    def clean_mobile(self):
        return self.cleaned_data.get("mobile") or None


class NewUserForm(ProfileForm):
    role = forms.ChoiceField(label=_("role"), choices=[(r.value, r.label) for r in EVERYDAY_ROLES])
    password = forms.CharField(
        label=_("Temporary password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("The user must change it at the first login."),
    )

    class Meta(ProfileForm.Meta):
        fields = ["username", *ProfileForm.Meta.fields]


class ResetPasswordForm(BootstrapMixin, forms.Form):
    password = forms.CharField(
        label=_("Temporary password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("The user must change it at the next login."),
    )


class RoleForm(BootstrapMixin, forms.Form):
    role = forms.ChoiceField(label=_("role"), choices=Role.choices)
