"""Staff review values through the queue: adopt one, adopt the ticked ones at once, or return
one with the reason; others cannot, and a refusal changes nothing."""

from decimal import Decimal

import pytest

from renda.indicators.models import IndicatorValue, ValueEvent
from renda.indicators.tests.world import report

pytestmark = pytest.mark.django_db


@pytest.fixture
def queue(cast, page_world):
    """Three values awaiting review: the world's 2023 figure and two more."""
    w = page_world
    return [
        w.pending,
        report(cast, w.e01, w.yuzhou, 2023, 54),
        report(cast, w.s01, w.city, 2022, 53.5, actor=cast.co_officer),
    ]


def states(values):
    return [IndicatorValue.objects.get(pk=v.pk).state for v in values]


def test_the_queue_lists_what_awaits_review_oldest_first(client, cast, queue):
    client.force_login(cast.staff)
    page = client.get("/indicators/review/")
    assert [v.pk for v in page.context["page"]] == [v.pk for v in queue]
    html = page.content.decode()
    assert html.count('name="value"') == 2 * len(queue)  # a tick box and an adopt button each
    assert f"/indicators/values/{queue[0].pk}/attachment/" in html


def test_staff_adopt_one_value(client, cast, queue):
    client.force_login(cast.staff)
    response = client.post("/indicators/review/accept/", {"value": queue[1].pk})
    assert response.status_code == 302
    assert states(queue) == ["submitted", "accepted", "submitted"]
    adopted = IndicatorValue.objects.get(pk=queue[1].pk)
    assert (adopted.accepted_value, adopted.reviewed_by) == (Decimal("54"), cast.staff)
    assert adopted.events.last().action == "value.accept"


def test_staff_adopt_the_ticked_values_at_once(client, cast, queue):
    client.force_login(cast.staff)
    client.post("/indicators/review/accept/", {"value": [queue[0].pk, queue[2].pk]})
    assert states(queue) == ["accepted", "submitted", "accepted"]
    assert ValueEvent.objects.filter(action="value.accept", reported__in=queue).count() == 2


def test_a_batch_with_a_value_no_longer_awaiting_review_adopts_none(client, cast, queue):
    client.force_login(cast.staff)
    client.post("/indicators/review/accept/", {"value": queue[1].pk})
    client.post("/indicators/review/accept/", {"value": [queue[0].pk, queue[1].pk]})
    assert states(queue) == ["submitted", "accepted", "submitted"]


def test_staff_return_a_value_with_the_reason(client, cast, queue):
    client.force_login(cast.staff)
    client.post(f"/indicators/values/{queue[2].pk}/return/", {"reason": "请附统计公报"})
    returned = IndicatorValue.objects.get(pk=queue[2].pk)
    assert (returned.state, returned.return_reason) == ("returned", "请附统计公报")
    assert returned.events.last().reason == "请附统计公报"


def test_a_return_without_reason_changes_nothing(client, cast, queue):
    client.force_login(cast.staff)
    client.post(f"/indicators/values/{queue[2].pk}/return/", {"reason": "  "})
    assert states(queue) == ["submitted"] * 3


@pytest.mark.parametrize("persona", ["lead_officer", "proposer", "committee_member"])
def test_nobody_else_reviews(client, cast, queue, persona):
    client.force_login(getattr(cast, persona))
    assert client.post("/indicators/review/accept/", {"value": queue[0].pk}).status_code == 403
    response = client.post(f"/indicators/values/{queue[0].pk}/return/", {"reason": "x"})
    assert response.status_code == 403
    assert states(queue) == ["submitted"] * 3


def test_review_answers_only_post(client, cast, queue):
    client.force_login(cast.staff)
    assert client.get("/indicators/review/accept/").status_code == 405
    assert client.get(f"/indicators/values/{queue[0].pk}/return/").status_code == 405
