from django import template
from django.utils.translation import gettext_lazy as _

from renda.notifications.models import Delivery
from renda.notifications.selectors import unread_count

register = template.Library()

STATUS_COLOURS = {
    Delivery.Status.PENDING: "text-bg-secondary",
    Delivery.Status.SENDING: "text-bg-info",
    Delivery.Status.SENT: "text-bg-success",
    Delivery.Status.FAILED: "text-bg-danger",
}
CHANNELS = {"email": _("e-mail"), "sms": _("SMS")}


@register.simple_tag(takes_context=True)
def unread_notifications(context) -> int:
    """The signed-in user's unread notifications (0 for visitors)."""
    user = getattr(context.get("request"), "user", None)
    return unread_count(user) if user is not None and user.is_authenticated else 0


@register.filter
def status_colour(status: str) -> str:
    return STATUS_COLOURS.get(status, "text-bg-light")


@register.filter
def status_label(status: str) -> str:
    return str(dict(Delivery.Status.choices).get(status, status))


@register.filter
def channel_label(channel: str) -> str:
    return str(CHANNELS.get(channel, channel))


@register.filter
def get_count(counts: dict, key: str) -> int:
    return counts.get(key, 0)


@register.filter
def get_summary(summaries: dict, key: int) -> dict:
    return dict(summaries.get(key, {}))
