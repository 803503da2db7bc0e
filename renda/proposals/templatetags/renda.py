from django import template
from django.urls import reverse
from django.utils.html import format_html

from renda.congress.masking import mask_email, mask_id_number, mask_phone
from renda.proposals.history import describe as describe_event
from renda.proposals.lifecycles import lifecycle_of

register = template.Library()

STATE_COLOURS = {
    "draft": "secondary",
    "submitted": "info",
    "under_review": "info",
    "referred": "info",
    "accepted": "primary",
    "listed": "primary",
    "assigned": "primary",
    "in_handling": "warning",
    "rehandling": "danger",
    "replied": "success",
    "reported": "success",
    "closed": "dark",
}


@register.simple_tag
def state_badge(item):
    colour = STATE_COLOURS.get(item.state, "light")
    text = "text-dark" if colour in ("warning", "info", "light") else ""
    return format_html(
        '<span class="badge text-bg-{} {}">{}</span>',
        colour,
        text,
        lifecycle_of(item).state_label(item.state),
    )


@register.filter
def describe(event) -> str:
    return describe_event(event)


@register.filter
def overdue_on(item, today) -> bool:
    return item.is_overdue(today)


@register.simple_tag
def action_url(item, action: str) -> str:
    return reverse("proposals:action", args=[item.pk, action])


@register.simple_tag
def contact(deputy, rule, field: str) -> str:
    """A signer's phone / ID / e-mail, in full where the viewer may see it, masked otherwise."""
    value = getattr(deputy, field) or ""
    if rule is True or (rule and rule == deputy.pk):
        return value
    masker = {"mobile": mask_phone, "id_number": mask_id_number, "email": mask_email}[field]
    return masker(value) if value else ""


@register.simple_tag(takes_context=True)
def reference(context, item) -> str:
    """The item's citation (市七届人大九次会议第0012号建议) without a query per row."""
    return item.reference_for(context["congress"].short_name)
