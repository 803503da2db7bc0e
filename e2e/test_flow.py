"""The whole journey in a real browser: a motion drafted, co-signed by ten deputies each in
their own session, submitted, handled as a suggestion by the presidium's decision, assigned,
signed for, replied B, evaluated 不满意, re-handled, replied A, evaluated 满意, published, and
found by an anonymous visitor on the public pages."""

import re

import pytest

from e2e.pages import Person
from renda.accounts.models import Role
from renda.proposals.models import Kind, Proposal
from renda.testing.factories import (
    CategoryFactory,
    DelegationFactory,
    DeputyFactory,
    SessionFactory,
    UnitFactory,
    UserFactory,
    deputy_user,
    unit_officer,
)

pytestmark = pytest.mark.django_db(transaction=True)
TITLE = "关于加快推进城乡融合共同富裕先行试验区建设的议案"


@pytest.fixture
def people(db):
    session = SessionFactory()
    delegation = DelegationFactory(term=session.term, name="魏都区代表团")
    lead = deputy_user(
        DeputyFactory(term=session.term, delegation=delegation, name="何建国"), username="lead"
    )
    cosigners = [
        deputy_user(
            DeputyFactory(term=session.term, delegation=delegation, name=f"联名代表{i:02d}"),
            username=f"co{i:02d}",
        )
        for i in range(1, 11)
    ]
    CategoryFactory(name="城乡建设")
    unit = UnitFactory(name="市发展和改革委员会")
    return {
        "lead": lead,
        "cosigners": cosigners,
        "unit": unit,
        "staff": UserFactory(username="staff", role=Role.STAFF, full_name="周文静"),
        "presidium": UserFactory(
            username="presidium", role=Role.PRESIDIUM_SECRETARY, full_name="主席团秘书处"
        ),
        "officer": unit_officer(unit, username="unit", full_name="冯海涛"),
    }


def assign(page):
    page.select_option("#id_assign-category", label="城乡建设")
    page.select_option("#id_assign-lead_unit", label="市发展和改革委员会")


def reply(klass, text):
    def fill(page):
        page.check(f"input[name=draft_reply-result_class][value={klass}]")
        page.fill("#id_draft_reply-body", text)
        if klass == "B":
            page.fill("#id_draft_reply-promised_date", "2027-06-30")

    return fill


def reply_through_the_path(officer, staff, pk, klass, text):
    """Drafted, submitted, checked and signed off by the unit; released by staff."""
    officer.act(pk, "draft_reply", reply(klass, text))
    for step in ("submit_for_check", "check", "sign_off"):
        officer.act_on_reply(pk, step)
    staff.act_on_reply(pk, "release")


def evaluate(result, comment=""):
    def fill(page):
        page.check(f"input[name=evaluate-result][value={result}]")
        page.fill("#id_evaluate-comment", comment)

    return fill


def test_a_motion_from_draft_to_the_public_pages(browser, live_server, people, screenshots):
    base = live_server.url
    lead = Person(browser, base, "lead").log_in()

    # The lead deputy drafts the motion and invites ten co-signers found by name.
    page = lead.go("/items/new/motion/")
    page.fill("#id_title", TITLE)
    page.fill("#id_reasons", "试验区建设需要人大依法监督推动。")
    page.fill("#id_plan", "制定实施方案，建立共同富裕指标体系。")
    page.click("#draft-new button[type=submit]")
    page.wait_for_url(re.compile(r".*/items/\d+/edit/$"))
    motion_pk = int(re.search(r"/items/(\d+)/edit/", page.url).group(1))
    page.fill("#deputy-search", "联名代表")
    page.locator("#deputy-options input[type=checkbox]").first.wait_for()
    for box in page.locator("#deputy-options input[type=checkbox]").all():
        box.check()
    page.click("#form-invite button[type=submit]")
    page.wait_for_url(f"{base}/items/{motion_pk}/")
    assert Proposal.objects.get(pk=motion_pk).signatures.filter(status="invited").count() == 10

    # Each co-signer confirms in their own session, from their work queue.
    for user in people["cosigners"]:
        person = Person(browser, base, user.username).log_in()
        person.page.click("[data-queue=invitations]")
        person.page.click(f"a[href='/items/{motion_pk}/']")
        person.act(motion_pk, "confirm_signature")
        person.close()

    lead.act(motion_pk, "submit")
    motion = Proposal.objects.get(pk=motion_pk)
    assert (
        motion.state == "submitted" and motion.signatures.filter(status="confirmed").count() == 11
    )

    staff = Person(browser, base, "staff").log_in()
    staff.act(motion_pk, "begin_review")

    # The presidium's secretariat records the decision: handled as a suggestion.
    presidium = Person(browser, base, "presidium").log_in()
    page = presidium.go("/presidium/")
    page.fill("#meeting", "大会主席团第三次会议")
    page.select_option(f"select[name=decision-{motion_pk}]", "convert")
    page.click("#presidium-form button[type=submit]")
    page.wait_for_url(f"{base}/presidium/")
    suggestion = Proposal.objects.get(source_id=motion_pk)
    assert suggestion.kind == Kind.SUGGESTION and suggestion.state == "accepted"

    staff.act(suggestion.pk, "assign", assign)
    officer = Person(browser, base, "unit").log_in()
    officer.act(suggestion.pk, "sign_for")

    reply_through_the_path(officer, staff, suggestion.pk, "B", "已列入明年计划，正在推进。")
    lead.act(suggestion.pk, "evaluate", evaluate("unsatisfied", "进度太慢，请拿出具体措施。"))
    suggestion.refresh_from_db()
    assert suggestion.state == "rehandling"
    reply_through_the_path(
        officer, staff, suggestion.pk, "A", "实施方案已经印发，试验区建设全面启动。"
    )
    lead.act(suggestion.pk, "evaluate", evaluate("satisfied"))
    staff.act(suggestion.pk, "publish")
    suggestion.refresh_from_db()
    assert (suggestion.state, suggestion.disclosure) == ("closed", "public")

    # The timeline the deputy sees tells the whole story.
    timeline = lead.go(f"/items/{suggestion.pk}/").locator("#timeline li")
    assert timeline.count() >= 16  # the motion's history followed by the suggestion's

    visitor = Person(browser, base, "")
    page = visitor.go("/public/?q=试验区")
    page.click(f"a[href='/public/{suggestion.pk}/']")
    assert "实施方案已经印发" in page.content()
    assert "何建国" not in page.content()

    for person in (lead, staff, presidium, officer):
        person.go("/").screenshot(path=str(screenshots / f"flow-{person.username}-home.png"))
        person.close()
    visitor.close()
