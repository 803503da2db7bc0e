"""History rows as readable sentences (as `renda.proposals.history` does for items)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from renda.indicators.models import Indicator, SystemEvent, Target, ValueEvent

SENTENCES = {
    "value.report": gettext_lazy("%(actor)s reported %(value)s for %(period)s."),
    "value.revise": gettext_lazy("%(actor)s revised the figure for %(period)s to %(value)s."),
    "value.accept": gettext_lazy("%(actor)s adopted %(value)s."),
    "value.return": gettext_lazy("%(actor)s returned it: %(reason)s"),
    "system.create": gettext_lazy("%(actor)s set up the system."),
    "system.update": gettext_lazy("%(actor)s changed the system's target year or description."),
    "indicator.add": gettext_lazy("%(actor)s added %(code)s %(name)s."),
    "indicator.update": gettext_lazy("%(actor)s changed %(code)s: %(fields)s."),
    "indicator.retire": gettext_lazy("%(actor)s retired %(code)s %(name)s: %(reason)s"),
    "indicator.redefine": gettext_lazy("%(actor)s redefined %(code)s as %(name)s."),
    "link.add": gettext_lazy("%(actor)s linked %(code)s to %(subject)s."),
    "link.remove": gettext_lazy("%(actor)s removed the link of %(code)s to %(subject)s."),
}


class _Params(dict):
    def __missing__(self, key: str) -> str:
        return ""


def describe(event: ValueEvent | SystemEvent) -> str:
    """One sentence for a value's or a system's history row (actor select_related)."""
    template = SENTENCES.get(event.action)
    if template is None:
        return event.action
    params = _Params(event.data)
    params["actor"] = str(event.actor)
    params["reason"] = event.reason
    indicator = getattr(event, "indicator", None)
    if indicator is not None:
        params.setdefault("code", indicator.code)
        params.setdefault("name", indicator.name)
    if event.action == "indicator.update":
        params["fields"] = "、".join(_field_label(name) for name in sorted(event.data))
    sentence = str(template) % params
    on_behalf = isinstance(event, ValueEvent) and event.relation == "staff"
    if on_behalf and event.action in ("value.report", "value.revise"):
        sentence += _("(entered by staff for the unit)")
    return sentence


def _field_label(name: str) -> str:
    if name == "targets":
        return str(Target._meta.verbose_name_plural)
    return str(Indicator._meta.get_field(name).verbose_name)
