"""Object-level permissions: who sees which item, and whose contact details in full."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from renda.core.errors import NotPermitted
from renda.proposals import services
from renda.proposals.access import can_see_contact_details, get_proposal_for, visible_proposals
from renda.proposals.models import Kind
from renda.proposals.tests.builders import build_item
from renda.testing.factories import CategoryFactory, DeputyFactory, UserFactory, deputy_user

pytestmark = pytest.mark.django_db


def seen_by(user):
    return set(visible_proposals(user).values_list("pk", flat=True))


def test_a_deputy_sees_own_cosigned_and_invited_items_and_the_delegations_submitted_ones(cast):
    own_draft = build_item(cast, Kind.SUGGESTION, "draft")
    neighbour = deputy_user(DeputyFactory(term=cast.session.term, delegation=cast.delegation))
    neighbours_draft = services.create_draft(actor=neighbour, kind=Kind.SUGGESTION, title="草稿")
    neighbours_submitted = services.create_draft(
        actor=neighbour, kind=Kind.SUGGESTION, title="已提交", body="内容"
    )
    services.submit(neighbours_submitted, actor=neighbour)

    assert seen_by(cast.proposer) == {own_draft.pk, neighbours_submitted.pk}
    assert own_draft.pk in seen_by(cast.cosigner)  # co-signed
    assert own_draft.pk in seen_by(cast.invitee)  # invited: must be able to read before signing
    assert neighbours_draft.pk not in seen_by(cast.proposer)
    assert seen_by(cast.outsider) == set()


def test_a_unit_sees_only_what_is_assigned_to_it_now(cast):
    item = build_item(cast, Kind.SUGGESTION, "in_handling")
    unassigned = build_item(cast, Kind.SUGGESTION, "accepted")
    assert seen_by(cast.lead_officer) == {item.pk}
    assert seen_by(cast.co_officer) == {item.pk}
    assert seen_by(cast.other_officer) == set()
    item.assignments.filter(unit=cast.co_unit).update(active=False)
    assert seen_by(cast.co_officer) == set()
    assert unassigned.pk not in seen_by(cast.lead_officer)


def test_a_committee_sees_what_it_supervises(cast):
    item = build_item(cast, Kind.SUGGESTION, "in_handling")
    assert seen_by(cast.committee_member) == {item.pk}
    assert seen_by(cast.other_committee_member) == set()


def test_staff_see_everything_administrators_nothing(cast):
    items = {build_item(cast, Kind.SUGGESTION, s).pk for s in ("draft", "replied", "closed")}
    assert seen_by(cast.staff) == items
    assert seen_by(cast.presidium) == items
    assert seen_by(cast.system_admin) == set()


def test_the_public_sees_only_published_replies(cast):
    published = build_item(cast, Kind.SUGGESTION, "closed")
    services.publish_reply(published, actor=cast.staff)
    withheld = build_item(cast, Kind.SUGGESTION, "closed")
    services.withhold_reply(withheld, actor=cast.staff, reason="涉及个人隐私")
    build_item(cast, Kind.SUGGESTION, "in_handling")
    assert seen_by(AnonymousUser()) == {published.pk}
    assert seen_by(None) == {published.pk}


def test_not_yours_and_missing_answer_the_same_404(cast):
    item = build_item(cast, Kind.SUGGESTION, "in_handling")
    assert get_proposal_for(cast.lead_officer, item.pk) == item
    for pk in (item.pk, 999_999, "abc"):
        with pytest.raises(Http404):
            get_proposal_for(cast.other_officer, pk)


def test_inactive_users_see_and_do_nothing(cast):
    item = build_item(cast, Kind.SUGGESTION, "submitted")
    cast.staff.is_active = False
    cast.staff.save()
    assert seen_by(cast.staff) == set()
    with pytest.raises(NotPermitted):
        services.accept_suggestion(item, actor=cast.staff, category=CategoryFactory())


class TestContactDetails:
    def test_staff_and_the_deputy_see_them(self, cast):
        deputy = cast.proposer.deputy
        assert can_see_contact_details(cast.staff, deputy)
        assert can_see_contact_details(cast.proposer, deputy)

    def test_a_unit_handling_one_of_the_deputys_items_sees_them(self, cast):
        build_item(cast, Kind.SUGGESTION, "in_handling")
        assert can_see_contact_details(cast.lead_officer, cast.proposer.deputy)
        assert can_see_contact_details(cast.lead_officer, cast.cosigner.deputy)
        assert not can_see_contact_details(cast.lead_officer, cast.outsider.deputy)
        assert not can_see_contact_details(cast.other_officer, cast.proposer.deputy)

    def test_other_deputies_committees_and_the_public_do_not(self, cast):
        deputy = cast.proposer.deputy
        for viewer in (
            cast.cosigner,
            cast.committee_member,
            cast.system_admin,
            UserFactory(role="presidium_secretary"),
            AnonymousUser(),
            None,
        ):
            assert not can_see_contact_details(viewer, deputy)
