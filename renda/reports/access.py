"""Who may generate, export and import what. Items are always scoped by
`visible_proposals(user)`; these checks add the rules for the documents themselves."""

from django.utils.translation import gettext as _

from renda.accounts.models import Role, User
from renda.congress.models import Organization
from renda.core.errors import NotPermitted

# Roles that work with the data (administrators keep the system, not the business data).
DATA_ROLES = {
    Role.STAFF,
    Role.PRESIDIUM_SECRETARY,
    Role.DEPUTY,
    Role.UNIT_OFFICER,
    Role.COMMITTEE_MEMBER,
    Role.COORDINATOR,
}


def _active(user) -> bool:
    return user is not None and user.is_authenticated and user.is_active


def require_staff(user: User) -> None:
    """The handling report, imports and report templates are the congress staff's work."""
    if not _active(user) or user.role != Role.STAFF:
        raise NotPermitted(_("Only congress staff may do this."))


def require_data_role(user: User) -> None:
    """Lists and statistics: anyone who works with items (over the items they may see)."""
    if not _active(user) or user.role not in DATA_ROLES:
        raise NotPermitted(_("Your account cannot export items."))


def may_report_on_unit(user: User, unit: Organization) -> bool:
    """Staff on any unit; a unit's own officers; the government coordinator on its units."""
    if not _active(user):
        return False
    if user.role == Role.STAFF:
        return True
    if user.role == Role.UNIT_OFFICER:
        return user.organization_id == unit.pk
    return user.role == Role.COORDINATOR and unit.is_government


def require_unit_access(user: User, unit: Organization) -> None:
    if not may_report_on_unit(user, unit):
        raise NotPermitted(_("You may only see the reports of your own unit."))


def sees_full_contacts(user: User) -> bool:
    """Deputies' phone numbers in exports: in full for staff and handling units, who contact
    the deputies; masked for everyone else (as on the item page)."""
    return _active(user) and user.role in {Role.STAFF, Role.UNIT_OFFICER}


def may_download(user: User, owner_id: int) -> bool:
    """A job's result: its owner, and congress staff (who see every item anyway)."""
    return _active(user) and (user.pk == owner_id or user.role == Role.STAFF)


GOVERNMENT_TYPES = (
    Organization.UnitType.GOVERNMENT_DEPARTMENT,
    Organization.UnitType.COUNTY_GOVERNMENT,
)


def allowed_units(user: User) -> set[int] | None:
    """The units whose per-unit figures `user` sees on the dashboards (None: every unit):
    a unit officer their own, the government coordinator the government's units."""
    if user.role == Role.UNIT_OFFICER:
        return {user.organization_id}
    if user.role == Role.COORDINATOR:
        return set(
            Organization.objects.filter(
                kind=Organization.Kind.HANDLING_UNIT, unit_type__in=GOVERNMENT_TYPES
            ).values_list("pk", flat=True)
        )
    return None


UNIT_REPORT_ROLES = (Role.STAFF, Role.UNIT_OFFICER, Role.COORDINATOR)


def require_report_role(user: User) -> None:
    """Reports from the pages: staff (any), unit officers (their unit's), the government
    coordinator (the government's units')."""
    if not _active(user) or user.role not in UNIT_REPORT_ROLES:
        raise NotPermitted(_("Only congress staff and the handling units generate reports."))


def scored_units(user: User) -> set[int] | None:
    """办理考评: staff rank every unit; a unit officer sees their own unit's score, the
    coordinator the government's units; nobody else."""
    if not _active(user) or user.role not in UNIT_REPORT_ROLES:
        raise NotPermitted(_("Only congress staff and the handling units see the scores."))
    return allowed_units(user)
