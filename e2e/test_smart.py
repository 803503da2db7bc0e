"""Text mining in a real browser: staff search the list (best match first, words highlighted),
see renda's recommendation on the assign form and use it with one click, and merge a
near-duplicate from the flags page."""

import pytest

from e2e.pages import Person
from renda.proposals import services
from renda.proposals.models import Proposal
from renda.textmining import segmenter
from renda.textmining.duplicates import reset_similarity_index
from renda.textmining.models import DuplicateFlag, RecommendationLog
from renda.textmining.services import train_recommender
from renda.textmining.tests.helpers import accepted, suggestion
from renda.textmining.tests.test_duplicates import NEAR_IDENTICAL, ORIGINAL
from renda.textmining.tests.test_recommend import history  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db(transaction=True)
TITLE = "关于老旧小区雨污分流改造的建议"


@pytest.fixture
def smart(cast, history, settings, tmp_path):  # noqa: F811
    settings.VAR_DIR = tmp_path
    segmenter.mark_stale()
    reset_similarity_index()
    units, _categories = history
    train_recommender(actor=cast.staff, force=True)
    earlier = accepted(cast, TITLE, ORIGINAL)
    later = suggestion(cast, TITLE, NEAR_IDENTICAL, by=cast.outsider)
    services.submit(later, actor=cast.outsider)  # flagged after commit
    services.accept_suggestion(later, actor=cast.staff)
    bus = accepted(cast, "关于开通夜间公交的建议", "夜间没有公交，建议开通夜班公交线路。")
    yield {"earlier": earlier, "later": later, "bus": bus, "units": units}
    reset_similarity_index()


def test_staff_search_use_a_recommendation_and_merge_a_duplicate(
    browser, live_server, cast, smart, screenshots
):
    staff = Person(browser, live_server.url, cast.staff.username).log_in()
    page = staff.page

    # search from the navigation bar: the matching item, its words highlighted
    page.fill("nav input[name=q]", "雨污分流")
    page.press("nav input[name=q]", "Enter")
    page.wait_for_url("**/items/?q=*")
    first = page.locator("#results tbody tr").first
    assert first.locator("mark").first.inner_text() == "雨污分流"
    assert TITLE in first.inner_text()

    # the assign form proposes units with confidence and words; one click chooses one
    page = staff.go(f"/items/{smart['bus'].pk}/")
    page.click("#actions [data-action=assign]")
    page.locator("#recommendation").wait_for()
    transport = smart["units"]["transport"]
    assert page.input_value("#id_assign-lead_unit") == ""
    best = page.locator(".rec-unit").first
    assert transport.name in best.inner_text() and "%" in best.inner_text()
    best.locator("[data-fill]").click()
    assert page.input_value("#id_assign-lead_unit") == str(transport.pk)
    page.screenshot(path=str(screenshots / "staff-recommendation.png"), full_page=True)
    page.locator("#form-assign button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/items/{smart['bus'].pk}/")
    assert RecommendationLog.objects.get(proposal=smart["bus"]).unit_rank == 1

    # the near-duplicate flag: both items side by side, merged with one click
    flag = DuplicateFlag.objects.get(proposal=smart["later"])
    page = staff.go("/")
    page.click("#nav-text")
    page.click("a[href='/text/duplicates/']")
    card = page.locator(f"#flag-{flag.pk}")
    assert card.locator(".flag-score").inner_text().endswith("%")
    page.screenshot(path=str(screenshots / "staff-duplicates.png"), full_page=True)
    page.on("dialog", lambda dialog: dialog.accept())
    card.locator("button", has_text="并案").click()
    page.wait_for_load_state()
    page.locator(".alert-success").wait_for()
    assert page.locator(f"#flag-{flag.pk}").count() == 0
    later = Proposal.objects.get(pk=smart["later"].pk)
    assert later.state == "merged" and later.merged_into_id == smart["earlier"].pk
    page = staff.go(f"/items/{smart['earlier'].pk}/")
    assert smart["later"].display_number in page.locator("#merged-items").inner_text()
    staff.close()
