from django import forms
from django.utils.translation import gettext_lazy as _

from renda.core.forms import Form


class PseudonymiseForm(Form):
    deputy = forms.IntegerField(label=_("Deputy number (id)"), required=False, min_value=1)
    username = forms.CharField(label=_("or the account's username"), required=False)
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The person's request: when and how it was made."),
    )
    confirm = forms.BooleanField(
        label=_("I understand this cannot be undone: the name and contact details are gone."),
    )

    def clean(self):
        data = super().clean()
        if bool(data.get("deputy")) == bool((data.get("username") or "").strip()):
            raise forms.ValidationError(_("Give either the deputy's id or the username."))
        return data
