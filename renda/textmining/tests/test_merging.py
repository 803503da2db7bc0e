"""并案处理: a merge keeps every proposer and their evaluations, each deputy evaluates the joint
reply, and undoing the merge restores both items."""

import pytest

from renda.core.errors import InvalidTransition, NotPermitted, RuleViolation
from renda.proposals import services
from renda.proposals.access import relations_of, visible_proposals
from renda.proposals.models import Evaluation, Proposal, Signature
from renda.proposals.tests.snapshot import snapshot
from renda.testing.factories import DeputyFactory, deputy_user
from renda.testing.workflow import reply_through_path
from renda.textmining.search import search_proposals
from renda.textmining.tests.helpers import accepted

pytestmark = pytest.mark.django_db

TEXT = "老旧小区加装电梯审批手续复杂，建议简化流程并给予资金补贴。"


@pytest.fixture
def other_deputy(cast):
    return deputy_user(DeputyFactory(term=cast.session.term, delegation=cast.delegation))


@pytest.fixture
def pair(cast, other_deputy):
    primary = accepted(cast, "关于老旧小区加装电梯的建议", TEXT)
    item = accepted(cast, "关于加快老旧小区加装电梯的建议", TEXT, by=other_deputy)
    return primary, item


def _signers(p):
    return set(
        Signature.objects.filter(proposal=p, status="confirmed").values_list("deputy", flat=True)
    )


def test_a_merge_keeps_every_proposer(cast, pair, other_deputy):
    primary, item = pair
    services.merge_suggestion(item, actor=cast.staff, into=primary)
    item.refresh_from_db()
    assert item.state == "merged" and item.merged_into == primary
    assert _signers(primary) == {cast.proposer.deputy_id, other_deputy.deputy_id}
    assert relations_of(other_deputy, primary) == {"cosigner"}
    assert primary in visible_proposals(other_deputy)
    assert item.events.last().action == "suggestion.merge"
    assert primary.events.last().action == "suggestion.merge_in"
    assert primary.events.last().data["signers"] == 1
    # the index of the primary now carries the merged deputy's name
    hits = search_proposals(Proposal.objects.all(), other_deputy.deputy.name)
    assert primary in [h.proposal for h in hits]
    services.assign_suggestion(primary, actor=cast.staff, lead_unit=cast.lead_unit)
    assert item in visible_proposals(cast.lead_officer)  # the unit reads the merged item too
    assert item not in visible_proposals(cast.other_officer)


def test_the_joint_reply_is_evaluated_by_each_deputy(cast, pair, other_deputy):
    primary, item = pair
    services.merge_suggestion(item, actor=cast.staff, into=primary)
    services.assign_suggestion(primary, actor=cast.staff, lead_unit=cast.lead_unit)
    services.sign_for(primary, actor=cast.lead_officer)
    reply = reply_through_path(
        primary,
        officer=cast.lead_officer,
        reviewer=cast.staff,
        result_class="A",
        body="已简化审批流程。",
    )
    services.evaluate_merged_reply(item, actor=other_deputy, result="basically")
    services.evaluate_reply(primary, actor=cast.proposer, result="satisfied")
    got = dict(Evaluation.objects.filter(reply=reply).values_list("deputy", "result"))
    assert got == {cast.proposer.deputy_id: "satisfied", other_deputy.deputy_id: "basically"}
    primary.refresh_from_db()
    item.refresh_from_db()
    assert primary.state == "closed" and item.state == "merged"
    with pytest.raises(RuleViolation):
        services.evaluate_merged_reply(item, actor=other_deputy, result="satisfied")


def test_a_merged_deputy_cannot_evaluate_before_the_reply(cast, pair, other_deputy):
    primary, item = pair
    services.merge_suggestion(item, actor=cast.staff, into=primary)
    before = snapshot(item)
    with pytest.raises(RuleViolation):
        services.evaluate_merged_reply(item, actor=other_deputy, result="satisfied")
    assert snapshot(item) == before


def test_an_unmerge_restores_both_items(cast, pair, other_deputy):
    primary, item = pair
    signers_before = _signers(primary)
    services.merge_suggestion(item, actor=cast.staff, into=primary)
    services.unmerge_suggestion(item, actor=cast.staff, reason="并非同一事项")
    item.refresh_from_db()
    assert item.state == "accepted" and item.merged_into is None
    assert _signers(primary) == signers_before
    assert _signers(item) == {other_deputy.deputy_id}
    assert relations_of(other_deputy, primary) == frozenset()
    assert primary.events.last().action == "suggestion.unmerge_out"
    # the item can now be assigned on its own
    services.assign_suggestion(item, actor=cast.staff, lead_unit=cast.lead_unit)
    item.refresh_from_db()
    assert item.state == "assigned"


def test_no_unmerge_after_the_joint_reply(cast, pair):
    primary, item = pair
    services.merge_suggestion(item, actor=cast.staff, into=primary)
    services.assign_suggestion(primary, actor=cast.staff, lead_unit=cast.lead_unit)
    services.sign_for(primary, actor=cast.lead_officer)
    reply_through_path(
        primary, officer=cast.lead_officer, reviewer=cast.staff, result_class="B", body="计划"
    )
    before = snapshot(item)
    with pytest.raises(RuleViolation):
        services.unmerge_suggestion(item, actor=cast.staff)
    assert snapshot(item) == before


@pytest.mark.parametrize("target", ["self", "merged", "replied"])
def test_merging_needs_an_open_primary(cast, pair, target):
    primary, item = pair
    if target == "self":
        primary = item
    elif target == "merged":
        third = accepted(cast, "第三件", TEXT)
        services.merge_suggestion(primary, actor=cast.staff, into=third)
    else:
        services.assign_suggestion(primary, actor=cast.staff, lead_unit=cast.lead_unit)
        services.sign_for(primary, actor=cast.lead_officer)
        reply_through_path(
            primary, officer=cast.lead_officer, reviewer=cast.staff, result_class="A", body="好"
        )
    before = snapshot(item)
    with pytest.raises(RuleViolation):
        services.merge_suggestion(item, actor=cast.staff, into=primary)
    assert snapshot(item) == before


def test_only_staff_merge_and_only_accepted_items(cast, pair):
    primary, item = pair
    with pytest.raises(NotPermitted):
        services.merge_suggestion(item, actor=cast.proposer, into=primary)
    services.assign_suggestion(item, actor=cast.staff, lead_unit=cast.lead_unit)
    with pytest.raises(InvalidTransition):
        services.merge_suggestion(item, actor=cast.staff, into=primary)


def test_staff_merge_and_unmerge_through_the_item_page(client, cast, pair, other_deputy):
    primary, item = pair
    client.force_login(cast.staff)
    page = client.get(f"/items/{item.pk}/")
    assert page.status_code == 200
    assert 'data-action="merge"' in page.content.decode()

    response = client.post(f"/items/{item.pk}/merge/", {"merge-into": primary.pk})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.state == "merged" and item.merged_into_id == primary.pk
    assert other_deputy.deputy_id in _signers(primary)

    response = client.post(f"/items/{item.pk}/unmerge/", {"unmerge-reason": "不是同一事项"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.state == "accepted" and item.merged_into_id is None
    assert other_deputy.deputy_id not in _signers(primary)


def test_a_merge_into_an_item_of_another_session_is_a_field_error(client, cast, pair):
    from renda.testing.factories import SessionFactory

    primary, item = pair
    elsewhere = SessionFactory(term=cast.session.term)
    Proposal.objects.filter(pk=primary.pk).update(session=elsewhere)
    client.force_login(cast.staff)
    before = snapshot(item), snapshot(primary)
    response = client.post(f"/items/{item.pk}/merge/", {"merge-into": primary.pk})
    assert response.status_code == 200
    assert "选择一个有效的选项" in response.content.decode()
    assert (snapshot(item), snapshot(primary)) == before
