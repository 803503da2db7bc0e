"""Every demo role in a real browser: its home page (screenshots for a reviewer, on a desktop
and a phone screen), and another's item opened by URL answers "not found"."""

import pytest
from django.core.management import call_command

from e2e.pages import Person
from renda.accounts.models import User
from renda.demo.builder import PASSWORD as DEMO_PASSWORD
from renda.proposals.access import visible_proposals
from renda.proposals.models import Proposal

pytestmark = pytest.mark.django_db(transaction=True)
ROLES = ["deputy", "staff", "presidium", "unit", "committee", "coordinator"]


@pytest.fixture
def demo():
    call_command("load_demo", stdout=open("/dev/null", "w"))


def test_each_role_sees_its_work_and_not_anothers_item(
    browser, live_server, demo, screenshots, monkeypatch
):
    monkeypatch.setattr("e2e.pages.PASSWORD", DEMO_PASSWORD)
    for role in ROLES:
        user = User.objects.get(username=role)
        mine = visible_proposals(user).order_by("pk").first()
        not_mine = Proposal.objects.exclude(pk__in=visible_proposals(user).values("pk")).first()
        person = Person(browser, live_server.url, role).log_in()
        page = person.go("/")
        assert page.locator("[data-queue]").count() >= 1, role
        page.screenshot(path=str(screenshots / f"{role}-home.png"), full_page=True)
        # staff see every item: for them, an id that does not exist answers the same
        target = not_mine.pk if not_mine else Proposal.objects.order_by("-pk").first().pk + 1
        response = page.goto(f"{live_server.url}/items/{target}/")
        assert response.status == 404, role
        assert "页面不存在" in page.content() or "未找到" in page.content(), role
        if mine is not None:
            assert page.goto(f"{live_server.url}/items/{mine.pk}/").status == 200, role
        person.close()
        phone = Person(browser, live_server.url, role, phone=True).log_in()
        phone.go("/").screenshot(path=str(screenshots / f"{role}-home-phone.png"), full_page=True)
        assert phone.page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
        phone.close()
