"""Small checks shared by the indicator services."""

from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from renda.accounts.models import User
from renda.core.errors import NotPermitted, RuleViolation
from renda.core.uploads import content_matches
from renda.indicators.access import may_manage_systems

_LIMIT = Decimal("1e15")


def to_decimal(raw: Any) -> Decimal:
    """A reported or target figure: a number, or text like "41,728" or " 64.5 "."""
    if isinstance(raw, bool) or raw is None:
        raise RuleViolation(_("Please enter a number."))
    text = str(raw).strip().replace(",", "").replace("，", "")
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise RuleViolation(_("“%(value)s” is not a number.") % {"value": raw}) from None
    if not value.is_finite() or abs(value) >= _LIMIT:
        raise RuleViolation(_("“%(value)s” is not a number.") % {"value": raw})
    return value.quantize(Decimal("0.0001")) if value.as_tuple().exponent < -4 else value


def decimal_text(value: Decimal) -> str:
    """64.5000 → "64.5", 1E+2 → "100": the same number always reads the same."""
    return format(Decimal(value).normalize(), "f")


def require_text(value: str | None, message: str) -> str:
    text = (value or "").strip()
    if not text:
        raise RuleViolation(message)
    return text


def check_attachment(attachment: UploadedFile | None) -> None:
    """Refuse attachments of another type, larger than the limit, or whose content does not
    match their name."""
    if attachment is None:
        return
    suffix = Path(attachment.name or "").suffix.lower()
    allowed = settings.INDICATOR_ATTACHMENT_TYPES
    if suffix not in allowed:
        raise RuleViolation(
            _("An attachment must be one of: %(types)s.") % {"types": " ".join(allowed)}
        )
    limit = settings.INDICATOR_ATTACHMENT_MAX_BYTES
    if attachment.size > limit:
        raise RuleViolation(
            _("The attachment is larger than %(size)s MB.") % {"size": limit // (1024 * 1024)}
        )
    # The content check is shared by every upload: a renamed file is refused.
    if not content_matches(attachment, suffix):
        raise RuleViolation(_("The attachment's content does not match its type."))


def require_manager(actor: User) -> None:
    if not may_manage_systems(actor):
        raise NotPermitted(_("Only congress staff may change indicator systems."))
