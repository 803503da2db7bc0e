"""System checks for renda's own settings."""

from django.conf import settings
from django.core.checks import Warning, register


@register()
def field_keys_configured(app_configs=None, **kwargs) -> list[Warning]:
    """Development runs with field keys derived from SECRET_KEY; say so, once per check."""
    if settings.FIELD_KEYS and settings.BLIND_INDEX_KEY:
        return []
    return [
        Warning(
            "Personal numbers are encrypted with a key derived from SECRET_KEY.",
            hint="Set RENDA_FIELD_KEYS and RENDA_BLIND_INDEX_KEY (required in production).",
            id="renda.W001",
        )
    ]
