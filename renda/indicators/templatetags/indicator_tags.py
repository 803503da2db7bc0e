from django import template
from django.utils.html import format_html

from renda.indicators import reasons
from renda.indicators.lifecycles import VALUE_STATES
from renda.indicators.progress import Status

register = template.Library()

STATUS_COLOURS = {
    Status.MET: "success",
    Status.ON_TRACK: "primary",
    Status.LAGGING: "warning",
    Status.SERIOUSLY_LAGGING: "danger",
    Status.NO_DATA: "secondary",
}
VALUE_COLOURS = {"submitted": "info", "accepted": "success", "returned": "danger"}


@register.filter
def figure(value) -> str:
    return reasons.figure(value)


@register.filter
def percent(share) -> str:
    return reasons.percent(share)


@register.simple_tag
def status_badge(status: str | None):
    status = status or Status.NO_DATA
    colour = STATUS_COLOURS.get(status, "secondary")
    text = " text-dark" if colour == "warning" else ""
    return format_html(
        '<span class="badge text-bg-{}{}" data-status="{}">{}</span>',
        colour,
        text,
        status,
        Status(status).label,
    )


@register.simple_tag
def value_badge(value):
    colour = VALUE_COLOURS.get(value.state, "secondary")
    text = " text-dark" if colour == "info" else ""
    return format_html(
        '<span class="badge text-bg-{}{}">{}</span>', colour, text, VALUE_STATES[value.state]
    )


@register.simple_tag
def why(indicator, reading) -> str:
    return reasons.why(indicator, reading) if reading else ""


@register.filter
def get(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def describe_value_event(event) -> str:
    from renda.indicators.history import describe

    return describe(event)
