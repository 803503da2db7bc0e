"""The strict Content-Security-Policy breaks nothing: pages with htmx, Bootstrap and ECharts
run in a real browser without one CSP violation."""

import pytest

from e2e.pages import Person
from renda.proposals.models import Kind
from renda.proposals.tests.builders import build_item

pytestmark = pytest.mark.django_db(transaction=True)


def test_no_page_violates_the_policy(browser, live_server, cast):
    item = build_item(cast, Kind.SUGGESTION, "closed")
    staff = Person(browser, live_server.url, cast.staff.username).log_in()
    violations = []
    staff.page.on(
        "console",
        lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None,
    )
    for path in ("/", "/items/", f"/items/{item.pk}/", "/reports/", "/privacy/my-data/"):
        page = staff.go(path)
        page.wait_for_load_state("networkidle")
    page = staff.go("/items/")
    page.fill("input[name=q]", "建议")  # the htmx-driven filter form
    page.keyboard.press("Enter")
    page.wait_for_load_state("networkidle")
    staff.close()
    assert violations == []
