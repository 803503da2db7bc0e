"""Widgets rendered in Python where Django's template rendering is the page's main cost."""

from django import forms
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeString, mark_safe


class Select(forms.Select):
    """`forms.Select` with the same HTML, built in Python.

    Django renders every <option> through its own template include; a list page's filter form
    (units, categories, delegations, states…) spent more time there than in the rest of the
    page. Same context, same attributes, same escaping — only the rendering differs."""

    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [f'<select name="{escape(widget["name"])}"{_attrs(widget["attrs"])}>']
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(f'<optgroup label="{conditional_escape(group_name)}">')
            parts.extend(_option(o) for o in options)
            if group_name:
                parts.append("</optgroup>")
        parts.append("</select>")
        # Every name, value, label and attribute above went through escape/conditional_escape
        # (test_widgets.py compares with Django's output, escaping included).
        return mark_safe("".join(parts))  # nosec B308 B703


def _option(option: dict) -> str:
    attrs = option["attrs"]
    flat = "" if not attrs else " selected" if attrs == {"selected": True} else _attrs(attrs)
    return (
        f'<option value="{escape(option["value"])}"{flat}>'
        f"{conditional_escape(option['label'])}</option>"
    )


def _attrs(attrs: dict) -> str:
    """Django's attrs.html: in order, True as a bare name, False left out."""
    return "".join(
        f" {name}" if value is True else f' {name}="{escape(value)}"'
        for name, value in attrs.items()
        if value is not False
    )
