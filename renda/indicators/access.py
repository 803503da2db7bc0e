"""Who is what to an indicator, and who may see and change indicator systems."""

from django.contrib.auth.models import AnonymousUser

from renda.accounts.models import Role, User
from renda.indicators.models import Indicator

# Roles that read indicator systems and progress (everyone inside the congress and government;
# the administrators' jobs are elsewhere).
READERS = {
    Role.STAFF,
    Role.DEPUTY,
    Role.UNIT_OFFICER,
    Role.COMMITTEE_MEMBER,
    Role.PRESIDIUM_SECRETARY,
    Role.COORDINATOR,
}


def _active(user: User | AnonymousUser | None) -> bool:
    return user is not None and user.is_authenticated and user.is_active


def relations_to(user: User | AnonymousUser | None, indicator: Indicator) -> frozenset[str]:
    """The value-lifecycle roles `user` holds on `indicator`."""
    if not _active(user):
        return frozenset()
    if user.role == Role.STAFF:
        return frozenset({"staff"})
    if user.role == Role.UNIT_OFFICER and user.organization_id == indicator.responsible_unit_id:
        return frozenset({"responsible_unit"})
    return frozenset()


def may_read(user: User | AnonymousUser | None) -> bool:
    return _active(user) and user.role in READERS


def may_manage_systems(user: User | AnonymousUser | None) -> bool:
    """Staff set up systems, import them and change their structure."""
    return _active(user) and user.role == Role.STAFF


def may_link(user: User | AnonymousUser | None, subject: object) -> bool:
    """Staff link indicators to any linkable object; a committee member to the items their
    committee leads or supervises."""
    if not _active(user):
        return False
    if user.role == Role.STAFF:
        return True
    committee = getattr(subject, "lead_committee_id", None)
    return user.role == Role.COMMITTEE_MEMBER and committee == user.organization_id
