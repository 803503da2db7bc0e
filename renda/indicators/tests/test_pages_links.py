"""Linking a motion to indicators through the pages, and the motion's page showing their
progress."""

import pytest

from renda.indicators import services
from renda.indicators.models import IndicatorLink
from renda.proposals.models import Kind
from renda.proposals.tests.builders import build_item

pytestmark = pytest.mark.django_db


@pytest.fixture
def motion(cast):
    return build_item(cast, Kind.MOTION, "in_handling")


def link_url(motion) -> str:
    return f"/indicators/link/proposals.proposal/{motion.pk}/"


def linked_codes(motion) -> list[str]:
    return sorted(
        IndicatorLink.objects.filter(object_id=motion.pk).values_list("indicator__code", flat=True)
    )


@pytest.mark.parametrize("persona", ["staff", "committee_member"])
def test_staff_and_the_leading_committee_link_indicators(client, cast, page_world, motion, persona):
    client.force_login(getattr(cast, persona))
    w = page_world
    response = client.post(link_url(motion), {"indicators": [w.e01.pk, w.s01.pk], "note": "试验区"})
    assert response.status_code == 302 and response["Location"] == f"/items/{motion.pk}/"
    assert linked_codes(motion) == ["E01", "S01"]
    assert set(IndicatorLink.objects.values_list("note", flat=True)) == {"试验区"}


def test_unlinking_one(client, cast, page_world, motion):
    services.link_indicators(motion, actor=cast.staff, indicators=[page_world.e01, page_world.s01])
    client.force_login(cast.staff)
    client.post(link_url(motion), {"unlink": page_world.e01.pk})
    assert linked_codes(motion) == ["S01"]


def test_a_unit_handling_the_motion_may_not_link(client, cast, page_world, motion):
    client.force_login(cast.lead_officer)
    response = client.post(link_url(motion), {"indicators": [page_world.e01.pk]})
    assert response.status_code == 403
    assert linked_codes(motion) == []


class TestTheItemPage:
    def test_it_shows_the_linked_indicators_progress(self, client, cast, page_world, motion):
        w = page_world
        services.link_indicators(motion, actor=cast.staff, indicators=[w.e01, w.s01, w.e02])
        client.force_login(cast.proposer)
        page = client.get(f"/items/{motion.pk}/")
        panel = page.context["linked_panel"]
        assert [(x.indicator.code, x.city.status) for x in panel.items] == [
            ("E01", "seriously_lagging"),
            ("E02", "no_data"),
            ("S01", "on_track"),
        ]
        assert panel.items[0].county_counts["lagging"] == 1
        assert not panel.may_link
        html = page.content.decode()
        assert 'id="linked-indicators"' in html
        assert f'href="/indicators/indicator/{w.e01.pk}/"' in html
        assert link_url(motion) not in html

    def test_staff_get_the_link_button_even_before_any_link(self, client, cast, motion):
        client.force_login(cast.staff)
        html = client.get(f"/items/{motion.pk}/").content.decode()
        assert link_url(motion) in html

    def test_a_viewer_who_may_not_link_sees_no_empty_panel(self, client, cast, motion):
        client.force_login(cast.proposer)
        html = client.get(f"/items/{motion.pk}/").content.decode()
        assert 'id="linked-indicators"' not in html
