"""Pseudonymisation on request (个人信息去标识化): a person's name and contact details are
replaced by a pseudonym such as 代表#000123, while every record they took part in — items,
signatures, evaluations, history — stays, pointing at the same rows. Free text others wrote
(an item's body naming them) is not rewritten; that needs a person to read it."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from renda.accounts.models import User
from renda.audit.services import record as audit
from renda.congress.models import Deputy
from renda.core import clock
from renda.core.errors import RuleViolation
from renda.privacy.models import Pseudonymisation

DEPUTY_CLEARED = ("mobile", "id_number", "email", "address", "occupation")


def deputy_pseudonym(deputy: Deputy) -> str:
    return f"代表#{deputy.pk:06d}"


def user_pseudonym(user: User) -> str:
    return f"用户#{user.pk:06d}"


def pseudonymise_deputy(deputy: Deputy, *, actor: User | None, reason: str) -> Pseudonymisation:
    """Replace the deputy's identity (and their account's) by a pseudonym, in one transaction."""
    reason = _require_reason(reason)
    with transaction.atomic():
        deputy = Deputy.objects.select_for_update().get(pk=deputy.pk)
        if Pseudonymisation.objects.filter(deputy=deputy).exists():
            raise RuleViolation(_("This person has already been pseudonymised."))
        pseudonym = deputy_pseudonym(deputy)
        deputy.name = pseudonym
        for field in DEPUTY_CLEARED:
            setattr(deputy, field, "")
        deputy.save(update_fields=["name", *DEPUTY_CLEARED])
        user = User.objects.select_for_update().filter(deputy=deputy).first()
        if user is not None:
            _clear_user(user, pseudonym)
        return _record(actor, reason, pseudonym, deputy=deputy, user=user)


def pseudonymise_user(user: User, *, actor: User | None, reason: str) -> Pseudonymisation:
    """An account without a deputy (a unit officer, staff): the account alone; a deputy's
    account goes with its deputy record."""
    if user.deputy_id:
        return pseudonymise_deputy(user.deputy, actor=actor, reason=reason)
    reason = _require_reason(reason)
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        if Pseudonymisation.objects.filter(user=user).exists():
            raise RuleViolation(_("This person has already been pseudonymised."))
        pseudonym = user_pseudonym(user)
        _clear_user(user, pseudonym)
        return _record(actor, reason, pseudonym, user=user)


def _require_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise RuleViolation(_("Please give the reason (the person's request)."))
    return reason


def _clear_user(user: User, pseudonym: str) -> None:
    """The account can no longer log in and names no one."""
    user.username = f"pseudonym-{user.pk}"
    user.full_name = pseudonym
    user.first_name = user.last_name = user.email = ""
    user.mobile = None
    user.is_active = False
    user.set_unusable_password()
    user.save(
        update_fields=[
            "username",
            "full_name",
            "first_name",
            "last_name",
            "email",
            "mobile",
            "is_active",
            "password",
        ]
    )


def _record(actor, reason, pseudonym, *, deputy=None, user=None) -> Pseudonymisation:
    row = Pseudonymisation.objects.create(
        deputy=deputy,
        user=user,
        pseudonym=pseudonym,
        reason=reason,
        done_by=actor,
        done_at=clock.now(),
    )
    audit(
        "state_change",
        "privacy.pseudonymise",
        actor=actor,
        obj=deputy or user,
        label=pseudonym,
        detail={"deputy": deputy.pk if deputy else None, "user": user.pk if user else None},
    )
    return row
