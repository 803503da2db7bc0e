"""Who is what to an indicator, and who may see and change indicator systems.

The `get_*_for` helpers load an object for a user and answer Http404 alike for "missing" and
"not yours", so ids cannot be probed (as `renda.proposals.access.get_proposal_for`)."""

from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from renda.accounts.models import Role, User
from renda.indicators.models import Indicator, IndicatorSystem, IndicatorValue, ValueRevision

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


def sees_unreviewed(user: User | AnonymousUser | None, indicator: Indicator) -> bool:
    """Figures not yet adopted — awaiting review, returned, earlier revisions — and their
    history are seen by staff and the responsible unit; other readers see adopted figures."""
    return bool(relations_to(user, indicator))


def _found(queryset, pk):
    try:
        return queryset.get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def get_system_for(user: User | AnonymousUser | None, pk: int) -> IndicatorSystem:
    if not may_read(user):
        raise Http404
    return _found(IndicatorSystem.objects.all(), pk)


def get_indicator_for(user: User | AnonymousUser | None, pk: int) -> Indicator:
    """Any indicator, current or retired, for a reader."""
    if not may_read(user):
        raise Http404
    related = ("system", "dimension", "responsible_unit", "replaces", "replaced_by")
    return _found(Indicator.objects.select_related(*related), pk)


def get_reportable_for(user: User | AnonymousUser | None, pk: int) -> Indicator:
    """An indicator `user` may report values for: their unit's own (staff: any)."""
    indicator = get_indicator_for(user, pk)
    if not relations_to(user, indicator):
        raise Http404
    return indicator


def get_value_for_review(user: User | AnonymousUser | None, pk: int) -> IndicatorValue:
    if not (_active(user) and user.role == Role.STAFF):
        raise Http404
    return _found(
        IndicatorValue.objects.select_related("indicator__responsible_unit", "region"), pk
    )


def get_revision_attachment_for(user: User | AnonymousUser | None, pk: int) -> ValueRevision:
    """A revision with an attachment that `user` may download: any revision for staff and
    the responsible unit, the adopted revision for other readers."""
    if not may_read(user):
        raise Http404
    revision = _found(
        ValueRevision.objects.exclude(attachment="").select_related(
            "reported__indicator", "reported__region"
        ),
        pk,
    )
    value = revision.reported
    if not sees_unreviewed(user, value.indicator) and value.accepted_revision != revision.number:
        raise Http404
    return revision
