from django import template

register = template.Library()


@register.filter
def get(mapping, key):
    """mapping[key] in a template (None when missing)."""
    return mapping.get(key) if hasattr(mapping, "get") else None


@register.filter
def weight(rule, component: str):
    """A scoring rule's weight of one component."""
    return getattr(rule, f"{component}_weight", "")
