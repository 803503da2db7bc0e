import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from renda.audit.models import Category, Result


class AuditFilterForm(forms.Form):
    """The list's filters; every field optional, bad values are reported and ignored."""

    since = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    actor = forms.CharField(label=_("User"), required=False, max_length=150)
    category = forms.ChoiceField(
        label=_("Category"), required=False, choices=[("", _("all")), *Category.choices]
    )
    action = forms.CharField(label=_("Action"), required=False, max_length=80)
    result = forms.ChoiceField(
        label=_("Result"), required=False, choices=[("", _("all")), *Result.choices]
    )
    object = forms.CharField(label=_("Object"), required=False, max_length=200)
    address = forms.CharField(label=_("Address"), required=False, max_length=45)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            css = "form-select" if isinstance(field, forms.ChoiceField) else "form-control"
            field.widget.attrs["class"] = f"{css} form-control-sm"

    def clean(self):
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            raise forms.ValidationError(_("The start date is after the end date."))
        return data

    def criteria(self) -> dict:
        """The valid filters as selector arguments (an invalid form filters nothing)."""
        if not self.is_valid():
            return {}
        data = {k: v for k, v in self.cleaned_data.items() if v not in ("", None)}
        if "since" in data:
            data["since"] = _midnight(data["since"])
        if "until" in data:  # the whole end day is included
            data["until"] = _midnight(data["until"] + dt.timedelta(days=1))
        return data


def _midnight(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))
