"""Named people around one item (healthchecks' Alice/Bob/Charlie, for a congress).

`Cast` holds a proposer with co-signers and an invitee, staff, a presidium secretary, a lead
unit, a co-unit and a committee — and outsiders of each kind, who must see and do nothing.
"""

from dataclasses import dataclass

from renda.accounts.models import Role, User
from renda.congress.models import Delegation, Organization, Session
from renda.testing.factories import (
    CommitteeFactory,
    DelegationFactory,
    DeputyFactory,
    SessionFactory,
    UnitFactory,
    UserFactory,
    committee_member,
    deputy_user,
    unit_officer,
)


@dataclass
class Cast:
    session: Session
    delegation: Delegation
    proposer: User
    cosigners: list[User]
    invitee: User
    outsider: User  # a deputy of another delegation
    staff: User
    presidium: User
    lead_unit: Organization
    lead_officer: User
    co_unit: Organization
    co_officer: User
    other_officer: User
    committee: Organization
    committee_member: User
    other_committee_member: User
    system_admin: User
    coordinator: User  # the government's supervising office
    security_admin: User
    audit_admin: User

    @property
    def cosigner(self) -> User:
        return self.cosigners[0]


def make_cast(cosigners: int = 9) -> Cast:
    session = SessionFactory()
    delegation = DelegationFactory(term=session.term)
    other_delegation = DelegationFactory(term=session.term)

    def member(delegation=delegation):
        return deputy_user(DeputyFactory(term=session.term, delegation=delegation))

    lead_unit, co_unit = UnitFactory(), UnitFactory()
    committee = CommitteeFactory()
    return Cast(
        session=session,
        delegation=delegation,
        proposer=member(),
        cosigners=[member() for _ in range(cosigners)],
        invitee=member(),
        outsider=member(other_delegation),
        staff=UserFactory(role=Role.STAFF, full_name="工作人员甲"),
        presidium=UserFactory(role=Role.PRESIDIUM_SECRETARY, full_name="主席团秘书"),
        lead_unit=lead_unit,
        lead_officer=unit_officer(lead_unit),
        co_unit=co_unit,
        co_officer=unit_officer(co_unit),
        other_officer=unit_officer(),
        committee=committee,
        committee_member=committee_member(committee),
        other_committee_member=committee_member(),
        system_admin=UserFactory(role=Role.SYSTEM_ADMIN, full_name="系统管理员"),
        coordinator=UserFactory(
            role=Role.COORDINATOR,
            full_name="政府督查室",
            organization=_government_office(),
        ),
        security_admin=UserFactory(role=Role.SECURITY_ADMIN, full_name="安全管理员"),
        audit_admin=UserFactory(role=Role.AUDIT_ADMIN, full_name="审计管理员"),
    )


def _government_office() -> Organization:
    # One per city: a second cast in the same test shares it (names are unique).
    office = Organization.objects.filter(name="市政府督查室").first()
    return office or UnitFactory(name="市政府督查室", kind="government_office", unit_type="")
