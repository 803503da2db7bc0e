"""Password rules (口令策略): length by role, character classes, no reuse, expiry.

The numbers come from settings at call time (RENDA_PASSWORD_*), so the "dengbao" and "asvs"
profiles differ only in their defaults: asvs sets no classes and no expiry.
"""

import datetime as dt

from django.conf import settings
from django.contrib.auth.hashers import check_password
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from renda.core import clock


def _is_administrator(user) -> bool:
    return bool(user is not None and getattr(user, "is_administrator", False))


def min_length_for(user) -> int:
    if _is_administrator(user):
        return settings.RENDA_PASSWORD_ADMIN_MIN_LENGTH
    return settings.RENDA_PASSWORD_MIN_LENGTH


def character_classes(password: str) -> int:
    """How many of lower case, upper case, digits and other characters the password uses."""
    kinds = (str.islower, str.isupper, str.isdigit)
    used = {i for c in password for i, kind in enumerate(kinds) if kind(c)}
    others = any(not (c.islower() or c.isupper() or c.isdigit()) for c in password)
    return len(used) + int(others)


class RoleMinimumLengthValidator:
    """At least RENDA_PASSWORD_MIN_LENGTH characters; RENDA_PASSWORD_ADMIN_MIN_LENGTH for the
    three administrators and the superuser."""

    def validate(self, password: str, user=None) -> None:
        needed = min_length_for(user)
        if len(password) < needed:
            raise ValidationError(
                ngettext(
                    "The password must have at least %(n)d character.",
                    "The password must have at least %(n)d characters.",
                    needed,
                )
                % {"n": needed},
                code="password_too_short",
            )

    def get_help_text(self) -> str:
        return _("At least %(n)d characters (%(admin)d for administrators).") % {
            "n": settings.RENDA_PASSWORD_MIN_LENGTH,
            "admin": settings.RENDA_PASSWORD_ADMIN_MIN_LENGTH,
        }


class CharacterClassesValidator:
    """Characters from at least RENDA_PASSWORD_MIN_CLASSES of: lower case, upper case, digits,
    other characters (等保 composition rule; 0 turns it off)."""

    def validate(self, password: str, user=None) -> None:
        needed = settings.RENDA_PASSWORD_MIN_CLASSES
        if needed and character_classes(password) < needed:
            raise ValidationError(
                _(
                    "The password must mix at least %(n)d of: lower-case letters, upper-case "
                    "letters, digits, other characters."
                )
                % {"n": needed},
                code="password_too_simple",
            )

    def get_help_text(self) -> str:
        needed = settings.RENDA_PASSWORD_MIN_CLASSES
        if not needed:
            return ""
        return _(
            "Mix at least %(n)d of: lower-case letters, upper-case letters, digits, other "
            "characters."
        ) % {"n": needed}


class PasswordHistoryValidator:
    """Refuses the current password and the last RENDA_PASSWORD_HISTORY ones, and keeps each
    new hash when the password is saved (Django calls `password_changed` then)."""

    def validate(self, password: str, user=None) -> None:
        if user is None or user.pk is None or not settings.RENDA_PASSWORD_HISTORY:
            return
        hashes = [user.password, *_recent_hashes(user)]
        if any(h and check_password(password, h) for h in hashes):
            raise ValidationError(
                ngettext(
                    "You may not reuse your last password.",
                    "You may not reuse any of your last %(n)d passwords.",
                    settings.RENDA_PASSWORD_HISTORY,
                )
                % {"n": settings.RENDA_PASSWORD_HISTORY},
                code="password_reused",
            )

    def password_changed(self, password: str, user=None) -> None:
        from renda.accounts.models import PasswordHistory

        keep = settings.RENDA_PASSWORD_HISTORY
        if user is None or user.pk is None or not keep:
            return
        PasswordHistory.objects.create(user=user, password=user.password)
        old = PasswordHistory.objects.filter(user=user).values_list("pk", flat=True)[keep:]
        PasswordHistory.objects.filter(pk__in=list(old)).delete()

    def get_help_text(self) -> str:
        return _("Not one of your recent passwords.")


def _recent_hashes(user) -> list[str]:
    from renda.accounts.models import PasswordHistory

    rows = PasswordHistory.objects.filter(user=user)
    return list(rows.values_list("password", flat=True)[: settings.RENDA_PASSWORD_HISTORY])


def password_expired(user) -> bool:
    """The user must choose a new password before doing anything else: an administrator reset
    it, or it is older than RENDA_PASSWORD_MAX_AGE_DAYS (0: never expires)."""
    if user.password_reset_required:
        return True
    days = settings.RENDA_PASSWORD_MAX_AGE_DAYS
    if not days or not user.has_usable_password():
        return False
    changed = user.password_changed_at or user.date_joined
    return clock.now() - changed > dt.timedelta(days=days)
