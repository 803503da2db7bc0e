"""The Python-rendered Select gives the same HTML as Django's template-rendered one."""

import re

from django import forms

from renda.core.forms import Form
from renda.core.widgets import Select


def _normalised(html: str) -> str:
    return re.sub(r">\s+<", "><", str(html)).strip()


class _Choices(forms.Form):
    plain = forms.ChoiceField(choices=[("", "—"), ("a", "甲 & <乙>"), ("b", 'say "hi"')])
    grouped = forms.ChoiceField(
        choices=[("天河区", [("1", "一"), ("2", "二")]), ("越秀区", [("3", "三")])]
    )
    several = forms.MultipleChoiceField(choices=[("x", "X"), ("y", "Y")])


def test_same_html_as_django_for_selected_grouped_and_escaped_options():
    data = {"plain": "a", "grouped": "2", "several": ["x", "y"]}
    django_form = _Choices(data)
    for field in django_form.fields.values():
        field.widget.attrs["class"] = "form-select"
    ours = _Choices(data)
    for field in ours.fields.values():
        if type(field.widget) is forms.Select:
            field.widget.__class__ = Select
        field.widget.attrs["class"] = "form-select"
    for name in ("plain", "grouped"):
        expected = _normalised(django_form[name])
        assert _normalised(ours[name]) == expected
        assert "selected" in expected
    assert "&lt;乙&gt;" in str(ours["plain"]) and "&quot;hi&quot;" in str(ours["plain"])


def test_project_forms_use_it_for_plain_selects_only():
    class F(Form):
        one = forms.ChoiceField(choices=[("1", "1")])
        many = forms.MultipleChoiceField(choices=[("1", "1")])

    form = F()
    assert type(form.fields["one"].widget) is Select
    assert type(form.fields["many"].widget) is forms.SelectMultiple
