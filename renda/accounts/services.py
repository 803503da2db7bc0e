"""What the separated administrators do to accounts (三权分立), one function per action.

Every function takes the acting user keyword-only, refuses with `NotPermitted` when the actor's
role may not do it, changes the account in one transaction and writes one audit row
(`renda.accounts.audit.audit`, category permission_change).
"""

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from renda.accounts.audit import PERMISSION_CHANGE, audit
from renda.accounts.models import ADMIN_ROLES, LoginLock, Role, User
from renda.core import clock
from renda.core.errors import NotPermitted, RuleViolation

# The roles a system administrator may give a new account; administrators' roles are given by
# the security administrator only.
EVERYDAY_ROLES = [role for role in Role if role not in ADMIN_ROLES]
PROFILE_FIELDS = ("full_name", "mobile", "organization", "deputy", "email")


def _require(actor: User, role: str) -> None:
    if not (actor.is_active and actor.role == role):
        raise NotPermitted(_("Only the %(role)s may do this.") % {"role": Role(role).label})


def _not_an_administrator(user: User) -> None:
    # A system administrator who could reset another administrator's password could log in as
    # them; administrators are looked after at the console (manage.py changepassword).
    if user.is_administrator:
        raise NotPermitted(_("Administrators' accounts are not managed on this page."))


def _check(user: User, password: str | None = None) -> None:
    try:
        user.full_clean(exclude=["password"])
        if password is not None:
            validate_password(password, user)
    except ValidationError as error:
        raise RuleViolation(" ".join(error.messages)) from error


@transaction.atomic
def create_user(*, actor: User, password: str, role: str, **profile) -> User:
    """A new account with an everyday role; the user must change the password at first login."""
    _require(actor, Role.SYSTEM_ADMIN)
    if role not in EVERYDAY_ROLES:
        raise NotPermitted(_("Administrators' roles are given by the security administrator."))
    user = User(role=role, **profile)
    _check(user, password)
    user.set_password(password)
    user.password_reset_required = True
    user.save()
    audit(PERMISSION_CHANGE, "accounts.user_created", actor=actor, obj=user, detail={"role": role})
    return user


@transaction.atomic
def update_user(user: User, *, actor: User, **profile) -> User:
    """Name, mobile, e-mail, organisation, deputy: never the role."""
    _require(actor, Role.SYSTEM_ADMIN)
    user = User.objects.select_for_update().get(pk=user.pk)
    changed = [name for name in PROFILE_FIELDS if name in profile]
    for name in changed:
        setattr(user, name, profile[name])
    _check(user)
    user.save(update_fields=changed)
    audit(
        PERMISSION_CHANGE,
        "accounts.user_changed",
        actor=actor,
        obj=user,
        detail={"fields": changed},
    )
    return user


@transaction.atomic
def set_active(user: User, *, actor: User, active: bool) -> User:
    _require(actor, Role.SYSTEM_ADMIN)
    _not_an_administrator(user)
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.is_active == active:
        return user
    user.is_active = active
    user.save(update_fields=["is_active"])
    action = "accounts.user_activated" if active else "accounts.user_deactivated"
    audit(PERMISSION_CHANGE, action, actor=actor, obj=user)
    return user


@transaction.atomic
def reset_password(user: User, *, actor: User, password: str) -> User:
    """A temporary password the user must change at the next login."""
    _require(actor, Role.SYSTEM_ADMIN)
    _not_an_administrator(user)
    user = User.objects.select_for_update().get(pk=user.pk)
    _check(user, password)
    user.set_password(password)
    user.password_reset_required = True
    user.save()
    audit(PERMISSION_CHANGE, "accounts.password_reset", actor=actor, obj=user)
    return user


@transaction.atomic
def set_role(user: User, *, actor: User, role: str) -> User:
    """The security administrator gives anyone but themselves any role; the account must
    already be bound to what the role needs (a deputy, an organisation of the matching kind)."""
    _require(actor, Role.SECURITY_ADMIN)
    if user.pk == actor.pk:
        raise NotPermitted(_("You may not change your own role."))
    if role not in Role.values:
        raise RuleViolation(_("Unknown role."))
    user = User.objects.select_for_update().get(pk=user.pk)
    before = user.role
    if before == role:
        return user
    user.role = role
    _check(user)
    user.save(update_fields=["role"])
    audit(
        PERMISSION_CHANGE,
        "accounts.role_changed",
        actor=actor,
        obj=user,
        detail={"from": before, "to": role},
    )
    return user


@transaction.atomic
def reset_two_factor(user: User, *, actor: User) -> None:
    """Remove the user's TOTP devices (a lost phone); they enrol again at the next login."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    _require(actor, Role.SECURITY_ADMIN)
    if user.pk == actor.pk:
        raise NotPermitted(_("You may not reset your own second factor."))
    TOTPDevice.objects.filter(user=user).delete()
    audit(PERMISSION_CHANGE, "accounts.two_factor_reset", actor=actor, obj=user)


@transaction.atomic
def unlock(lock: LoginLock, *, actor: User) -> None:
    _require(actor, Role.SECURITY_ADMIN)
    LoginLock.objects.filter(pk=lock.pk).update(locked_until=None, counted_from=clock.now())
    audit(
        PERMISSION_CHANGE,
        "accounts.login_unlocked",
        actor=actor,
        detail={"account": lock.account, "address": lock.address},
    )


def claim_session(user: User, session_key: str | None) -> None:
    """This session is now the account's only one (RENDA_SINGLE_SESSION): the others are
    logged out at their next request."""
    User.objects.filter(pk=user.pk).update(current_session_key=session_key or "")
    user.current_session_key = session_key or ""
