"""Who is what to an item, and which items a user may see.

`relations_of` answers the lifecycle tables' role question; `visible_proposals` scopes every
query; `get_proposal_for` answers 404 alike for "does not exist" and "not yours".
"""

from collections.abc import Callable

from django.contrib.auth.models import AnonymousUser
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from renda.accounts.models import Role, User
from renda.congress.models import Deputy
from renda.proposals.models import (
    Assignment,
    Disclosure,
    Proposal,
    ProposerKind,
    Signature,
)

# Roles that see every item (they record decisions, assign and supervise).
ALL_SEEING = {Role.STAFF, Role.PRESIDIUM_SECRETARY}
PUBLIC_STATES = ("replied", "closed")


def relations_of(user: User | AnonymousUser | None, proposal: Proposal) -> frozenset[str]:
    """The lifecycle roles `user` holds on `proposal` (empty for strangers and the public)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return frozenset()
    rel: set[str] = set()
    if user.role == Role.STAFF:
        rel.add("staff")
    elif user.role == Role.PRESIDIUM_SECRETARY:
        rel.add("presidium")
    elif user.role == Role.DEPUTY:
        rel |= _deputy_relations(user.deputy_id, proposal)
    elif user.role == Role.UNIT_OFFICER:
        rel |= _unit_relations(user.organization_id, proposal)
    elif user.role == Role.COMMITTEE_MEMBER and proposal.lead_committee_id == user.organization_id:
        rel.add("committee")
    elif user.role == Role.COORDINATOR and _government_handles(proposal):
        rel.add("coordinator")
    if proposal.proposer_kind == ProposerKind.ORGANIZATION and proposal.created_by_id == user.pk:
        rel.add("proposer")  # staff who record an organisation's motion act as its proposer
    return frozenset(rel)


def _deputy_relations(deputy_id: int | None, proposal: Proposal) -> set[str]:
    rel = set()
    if deputy_id is None:
        return rel
    if proposal.lead_deputy_id == deputy_id:
        rel.add("proposer")
    status = (
        Signature.objects.filter(proposal=proposal, deputy_id=deputy_id, is_lead=False)
        .values_list("status", flat=True)
        .first()
    )
    if status == Signature.Status.INVITED:
        rel.add("invitee")
    elif status == Signature.Status.CONFIRMED:
        rel.add("cosigner")
    return rel


def _unit_relations(unit_id: int | None, proposal: Proposal) -> set[str]:
    roles = Assignment.objects.filter(proposal=proposal, unit_id=unit_id, active=True).values_list(
        "role", flat=True
    )
    return {"lead_unit" if r == Assignment.Role.LEAD else "co_unit" for r in roles}


def _government_handles(proposal: Proposal) -> bool:
    return Assignment.objects.filter(
        proposal=proposal, active=True, unit__unit_type__in=_GOVERNMENT_TYPES
    ).exists()


_GOVERNMENT_TYPES = ("government_department", "county_government")


def visible_proposals(user: User | AnonymousUser | None) -> QuerySet[Proposal]:
    """Every item `user` may open: staff all; a deputy their own, co-signed or invited ones and
    their delegation's submitted ones; a unit what is assigned to it; a committee what it
    supervises; the public the published replies."""
    qs = Proposal.objects.all()
    if user is None or not user.is_authenticated or not user.is_active:
        return qs.filter(disclosure=Disclosure.PUBLIC, state__in=PUBLIC_STATES)
    if user.role in ALL_SEEING:
        return qs
    if user.role == Role.DEPUTY:
        return qs.filter(_deputy_scope(user))
    if user.role == Role.UNIT_OFFICER:
        mine = Assignment.objects.filter(unit=user.organization_id, active=True)
        # 并案: the unit handling an item also reads the items merged into it.
        return qs.filter(
            Exists(mine.filter(proposal=OuterRef("pk")))
            | Exists(mine.filter(proposal=OuterRef("merged_into")))
        )
    if user.role == Role.COMMITTEE_MEMBER:
        return qs.filter(lead_committee=user.organization_id)
    if user.role == Role.COORDINATOR:
        return qs.filter(
            Exists(
                Assignment.objects.filter(
                    proposal=OuterRef("pk"), active=True, unit__unit_type__in=_GOVERNMENT_TYPES
                )
            )
        )
    return qs.none()  # administrators keep the system, not the business data (三权分立)


def _deputy_scope(user: User) -> Q:
    signed = Exists(
        Signature.objects.filter(proposal=OuterRef("pk"), deputy=user.deputy_id).exclude(
            status=Signature.Status.LAPSED
        )
    )
    delegation_id = Deputy.objects.filter(pk=user.deputy_id).values("delegation_id")
    same_delegation = Q(delegation_id__in=delegation_id) & ~Q(state="draft")
    return Q(lead_deputy=user.deputy_id) | signed | same_delegation


def get_proposal_for(
    user: User | AnonymousUser | None,
    pk: int,
    prepare: Callable[[QuerySet[Proposal]], QuerySet[Proposal]] | None = None,
) -> Proposal:
    """The item, if `user` may see it; Http404 otherwise (ids cannot be probed). `prepare`
    adds what the caller shows (select/prefetch) to the same query."""
    items = visible_proposals(user)
    try:
        return (prepare(items) if prepare else items).get(pk=pk)
    except (Proposal.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def can_see_contact_details(viewer: User | AnonymousUser | None, deputy: Deputy) -> bool:
    """Full phone, ID and e-mail: staff, the deputy, and units handling one of their items."""
    if viewer is None or not viewer.is_authenticated:
        return False
    if viewer.role == Role.STAFF or (viewer.role == Role.DEPUTY and viewer.deputy_id == deputy.pk):
        return True
    if viewer.role != Role.UNIT_OFFICER:
        return False
    return Assignment.objects.filter(
        unit=viewer.organization_id,
        active=True,
        proposal__signatures__deputy=deputy,
        proposal__signatures__status=Signature.Status.CONFIRMED,
    ).exists()


def reply_relations(user: User | AnonymousUser | None, draft) -> frozenset[str]:
    """The roles `user` holds on a reply draft (the reply lifecycle's roles): the lead unit's
    drafter, checker and signer by their reply duties; a co-unit; the reviewer — congress staff,
    or the government's supervising office for the government's units."""
    if user is None or not user.is_authenticated or not user.is_active:
        return frozenset()
    rel: set[str] = set()
    if user.role == Role.STAFF:
        rel.add("reviewer")
    elif user.role == Role.COORDINATOR and draft.unit.is_government:
        rel.add("reviewer")
    elif user.role == Role.UNIT_OFFICER:
        roles = _unit_relations(user.organization_id, draft.proposal)
        if "lead_unit" in roles and user.organization_id == draft.unit_id:
            rel |= {role for duty, role in _DUTY_ROLES.items() if user.has_reply_duty(duty)}
        if "co_unit" in roles:
            rel.add("co_unit")
    return frozenset(rel)


_DUTY_ROLES = {"draft": "drafter", "check": "checker", "sign": "signer"}
