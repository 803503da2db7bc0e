"""Who may submit a motion, and when (地方组织法: ten deputies jointly, or a delegation)."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from renda.congress.models import CongressSettings, Organization
from renda.core.errors import NotPermitted, RuleViolation
from renda.proposals import services
from renda.proposals.models import Kind, Signature
from renda.proposals.tests.snapshot import snapshot
from renda.testing.factories import DeputyFactory, SessionFactory, deputy_user

pytestmark = pytest.mark.django_db


def motion_with(cast, confirmed: int, invited: int = 0, declined: int = 0):
    m = services.create_draft(
        actor=cast.proposer,
        kind=Kind.MOTION,
        title="关于某事的议案",
        reasons="案据",
        plan="方案",
        session=cast.session,
    )
    signers = cast.cosigners[: confirmed + invited + declined]
    if signers:
        services.invite_cosigners(m, actor=cast.proposer, deputies=[u.deputy for u in signers])
    for user in signers[:confirmed]:
        services.confirm_signature(m, actor=user)
    for user in signers[confirmed + invited :]:
        services.decline_signature(m, actor=user)
    return m


def test_nine_signers_are_refused_and_nothing_changes(cast):
    m = motion_with(cast, confirmed=8)  # with the lead: 9
    before = snapshot(m)
    with pytest.raises(RuleViolation) as refused:
        services.submit(m, actor=cast.proposer)
    assert "10" in str(refused.value) and "9" in str(refused.value)
    assert snapshot(m) == before


def test_ten_signers_lead_included_are_enough(cast):
    m = motion_with(cast, confirmed=9)
    services.submit(m, actor=cast.proposer)
    assert m.state == "submitted" and m.number == 1
    assert m.events.last().data["signers"] == 10


def test_invited_and_declined_deputies_do_not_count(cast):
    m = motion_with(cast, confirmed=7, invited=1, declined=1)
    with pytest.raises(RuleViolation):
        services.submit(m, actor=cast.proposer)


def test_unanswered_invitations_lapse_on_submission(cast):
    m = motion_with(cast, confirmed=9)
    late = DeputyFactory(term=cast.session.term, delegation=cast.delegation)
    services.invite_cosigners(m, actor=cast.proposer, deputies=[late])
    services.submit(m, actor=cast.proposer)
    assert m.signatures.get(deputy=late).status == Signature.Status.LAPSED


def test_the_threshold_is_configurable(cast):
    CongressSettings.objects.update_or_create(
        pk=CongressSettings.current().pk, defaults={"motion_min_signers": 5}
    )
    m = motion_with(cast, confirmed=4)
    services.submit(m, actor=cast.proposer)
    assert m.state == "submitted"


def test_a_deputy_signs_once(cast):
    m = motion_with(cast, confirmed=1)
    with pytest.raises(RuleViolation):
        services.invite_cosigners(m, actor=cast.proposer, deputies=[cast.cosigners[0].deputy])
    with pytest.raises(RuleViolation):
        services.invite_cosigners(m, actor=cast.proposer, deputies=[cast.proposer.deputy])
    assert m.signatures.filter(deputy=cast.cosigners[0].deputy).count() == 1


def test_a_deputy_who_declined_may_be_invited_again(cast):
    m = motion_with(cast, confirmed=0, declined=1)
    services.invite_cosigners(m, actor=cast.proposer, deputies=[cast.cosigners[0].deputy])
    services.confirm_signature(m, actor=cast.cosigners[0])
    assert m.signatures.get(deputy=cast.cosigners[0].deputy).status == "confirmed"


def test_after_the_deadline_a_motion_is_refused_and_pointed_to_a_suggestion(cast):
    m = motion_with(cast, confirmed=9)
    before = snapshot(m)
    with time_machine.travel(cast.session.motion_deadline + dt.timedelta(minutes=1)):
        with pytest.raises(RuleViolation) as refused:
            services.submit(m, actor=cast.proposer)
    assert "suggestion" in str(refused.value) or "建议" in str(refused.value)
    assert snapshot(m) == before


def test_a_motion_cannot_be_drafted_for_a_session_that_has_closed(cast):
    past = SessionFactory(
        term=cast.session.term,
        start_date=dt.date(2025, 1, 10),
        end_date=dt.date(2025, 1, 13),
        motion_deadline=timezone.make_aware(dt.datetime(2025, 1, 11, 12)),
    )
    with pytest.raises(RuleViolation):
        services.create_draft(actor=cast.proposer, kind=Kind.MOTION, title="议案", session=past)


class TestDelegationMotion:
    def draft(self, cast, votes):
        m = services.create_draft(
            actor=cast.proposer,
            kind=Kind.MOTION,
            title="代表团议案",
            reasons="案据",
            plan="方案",
            proposer_kind="delegation",
            delegation=cast.delegation,
        )
        services.update_draft(m, actor=cast.proposer, delegation_votes_for=votes)
        return m

    def test_more_than_half_of_the_delegation_approves(self, cast):
        members = cast.delegation.deputies.count()  # proposer, 9 co-signers, the invitee
        m = self.draft(cast, members // 2 + 1)
        services.submit(m, actor=cast.proposer)
        assert m.state == "submitted"

    def test_exactly_half_is_not_enough(self, cast):
        members = cast.delegation.deputies.count()
        m = self.draft(cast, members // 2)
        with pytest.raises(RuleViolation):
            services.submit(m, actor=cast.proposer)

    def test_only_in_the_name_of_ones_own_delegation(self, cast):
        with pytest.raises(NotPermitted):
            services.create_draft(
                actor=cast.outsider,
                kind=Kind.MOTION,
                title="议案",
                proposer_kind="delegation",
                delegation=cast.delegation,
            )

    def test_suggestions_are_never_in_a_delegations_name(self, cast):
        with pytest.raises(RuleViolation):
            services.create_draft(
                actor=cast.proposer,
                kind=Kind.SUGGESTION,
                title="建议",
                proposer_kind="delegation",
                delegation=cast.delegation,
            )


class TestOrganisationMotion:
    def test_staff_record_a_motion_of_the_government_without_signers(self, cast):
        government = Organization.objects.create(name="市人民政府办公室", kind="government_office")
        m = services.create_draft(
            actor=cast.staff,
            kind=Kind.MOTION,
            title="市政府提请的议案",
            reasons="案据",
            plan="方案",
            proposer_kind="organization",
            proposer_org=government,
        )
        services.submit(m, actor=cast.staff)
        assert m.state == "submitted" and m.lead_deputy is None

    def test_deputies_cannot_propose_in_an_organisations_name(self, cast):
        with pytest.raises(NotPermitted):
            services.create_draft(
                actor=cast.proposer,
                kind=Kind.MOTION,
                title="议案",
                proposer_kind="organization",
                proposer_org=cast.committee,
            )


def test_a_deputy_of_another_term_cannot_propose(cast):
    from renda.testing.factories import TermFactory

    old = deputy_user(DeputyFactory(term=TermFactory(number=6)))
    with pytest.raises(NotPermitted):
        services.create_draft(actor=old, kind=Kind.SUGGESTION, title="建议", session=cast.session)


def test_a_motion_needs_grounds_and_a_plan(cast):
    m = services.create_draft(actor=cast.proposer, kind=Kind.MOTION, title="议案")
    with pytest.raises(RuleViolation):
        services.submit(m, actor=cast.proposer)


def test_an_empty_title_is_refused(cast):
    with pytest.raises(RuleViolation):
        services.create_draft(actor=cast.proposer, kind=Kind.SUGGESTION, title="   ")
