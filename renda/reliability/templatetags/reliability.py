import uuid

from django import template
from django.utils.html import format_html

from renda.reliability.idempotency import FIELD

register = template.Library()


@register.simple_tag
def idempotency_field() -> str:
    """A hidden field with a fresh key: sending this form twice takes effect once."""
    return format_html('<input type="hidden" name="{}" value="{}">', FIELD, uuid.uuid4().hex)
