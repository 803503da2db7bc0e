"""Who is told: the officers of a unit, a deputy's own account, congress staff."""

from collections import defaultdict
from collections.abc import Iterable

from django.db.models import QuerySet

from renda.accounts.models import Role, User
from renda.congress.models import Deputy, Organization
from renda.proposals.models import Assignment, Proposal, Signature


def unit_officers(unit: Organization | int) -> QuerySet[User]:
    """The active accounts of a handling unit's officers (承办单位经办人)."""
    unit_id = unit if isinstance(unit, int) else unit.pk
    return User.objects.filter(role=Role.UNIT_OFFICER, organization_id=unit_id, is_active=True)


def officers_by_unit(unit_ids: Iterable[int]) -> dict[int, list[User]]:
    """Each unit's officers, for many units in one query."""
    found: dict[int, list[User]] = defaultdict(list)
    users = User.objects.filter(
        role=Role.UNIT_OFFICER, organization_id__in=set(unit_ids), is_active=True
    ).order_by("pk")
    for user in users:
        found[user.organization_id].append(user)
    return found


def deputy_users(deputies: Iterable[Deputy | int]) -> QuerySet[User]:
    """The accounts of these deputies (a deputy without an account is told on paper)."""
    ids = [d if isinstance(d, int) else d.pk for d in deputies]
    return User.objects.filter(role=Role.DEPUTY, deputy_id__in=ids, is_active=True)


def deputy_user(deputy: Deputy | int | None) -> User | None:
    return None if deputy is None else deputy_users([deputy]).first()


def signing_deputies(item: Proposal) -> QuerySet[User]:
    """The lead deputy and every confirmed co-signer: each is answered (答复到每位代表)."""
    signed = Signature.objects.filter(proposal=item, status=Signature.Status.CONFIRMED)
    return deputy_users(signed.values_list("deputy_id", flat=True))


def congress_staff() -> QuerySet[User]:
    """The congress's staff (人大常委会办事机构)."""
    return User.objects.filter(role=Role.STAFF, is_active=True)


def item_unit_officers(item: Proposal, role: str | None = None) -> QuerySet[User]:
    """The officers of the units now handling the item; `role` "lead" or "co" for one kind."""
    current = Assignment.objects.filter(proposal=item, active=True)
    if role is not None:
        current = current.filter(role=role)
    return User.objects.filter(
        role=Role.UNIT_OFFICER, organization_id__in=current.values("unit_id"), is_active=True
    )


def coordinators() -> QuerySet[User]:
    """The government's supervising office (政府督查室), reviewer of government units' replies."""
    return User.objects.filter(role=Role.COORDINATOR, is_active=True)
