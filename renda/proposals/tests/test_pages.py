"""The pages do the day's work through the services: each test drives a page as its user
would and asserts the effect in the database."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from renda.proposals import services
from renda.proposals.models import Kind, Proposal
from renda.proposals.tests.builders import build_item
from renda.proposals.tests.snapshot import snapshot
from renda.testing.factories import PASSWORD, CategoryFactory, DeputyFactory

pytestmark = pytest.mark.django_db


class TestLogin:
    def test_by_username_or_mobile(self, client, cast):
        deputy = cast.proposer
        deputy.mobile = "13912345678"
        deputy.save()
        for login in (deputy.username, "13912345678"):
            client.logout()
            response = client.post("/accounts/login/", {"username": login, "password": PASSWORD})
            assert response.status_code == 302, login
            assert client.get("/").context["user"] == deputy

    def test_a_failure_does_not_say_which_part_was_wrong(self, client, cast):
        wrong_password = client.post(
            "/accounts/login/", {"username": cast.staff.username, "password": "nope-nope"}
        )
        no_such_user = client.post("/accounts/login/", {"username": "ghost", "password": "x"})
        assert wrong_password.status_code == no_such_user.status_code == 200
        message = "用户名/手机号或密码不正确"
        assert message in wrong_password.content.decode()
        assert message in no_such_user.content.decode()


class TestLanguage:
    def test_chinese_even_when_the_browser_asks_for_english(self, client, cast):
        client.force_login(cast.staff)
        page = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
        assert 'lang="zh-hans"' in page

    def test_english_when_chosen(self, client, cast):
        client.force_login(cast.staff)
        client.post("/i18n/setlang/", {"language": "en", "next": "/"})
        page = client.get("/").content.decode()
        assert 'lang="en"' in page and "To review" in page


class TestWorkQueues:
    def test_staff_counts_link_to_the_same_items(self, client, cast):
        for state in ("accepted", "accepted", "submitted"):
            build_item(cast, Kind.SUGGESTION, state)
        client.force_login(cast.staff)
        counts = {q.key: n for q, n in client.get("/").context["queues"]}
        assert counts["to_assign"] == 2 and counts["review"] == 1
        listed = client.get("/items/?queue=to_assign").context["page"]
        assert listed.paginator.count == 2

    def test_a_unit_sees_what_to_sign_for(self, client, cast):
        build_item(cast, Kind.SUGGESTION, "assigned")
        build_item(cast, Kind.SUGGESTION, "in_handling")
        client.force_login(cast.lead_officer)
        counts = {q.key: n for q, n in client.get("/").context["queues"]}
        assert counts["to_sign"] == 1 and counts["handling"] == 1

    def test_another_roles_queue_is_not_found(self, client, cast):
        client.force_login(cast.proposer)
        assert client.get("/items/?queue=to_assign").status_code == 404


class TestLists:
    def test_filters_combine(self, client, cast):
        a = build_item(cast, Kind.SUGGESTION, "in_handling")
        b = build_item(cast, Kind.SUGGESTION, "in_handling")
        b.category = CategoryFactory(name="教育")
        b.due_date = timezone.localdate() - dt.timedelta(days=1)
        b.save()
        client.force_login(cast.staff)
        page = client.get("/items/", {"category": b.category_id}).context["page"]
        assert [i.pk for i in page] == [b.pk]
        page = client.get("/items/", {"deadline": "overdue"}).context["page"]
        assert [i.pk for i in page] == [b.pk]
        page = client.get("/items/", {"unit": cast.lead_unit.pk, "state": "in_handling"}).context[
            "page"
        ]
        assert {i.pk for i in page} == {a.pk, b.pk}

    def test_nonsense_filter_values_answer_an_empty_list_not_an_error(self, client, cast):
        build_item(cast, Kind.SUGGESTION, "in_handling")
        client.force_login(cast.staff)
        response = client.get("/items/", {"category": "abc", "state": "<script>", "page": "x"})
        assert response.status_code == 200

    def test_htmx_gets_only_the_table(self, client, cast):
        build_item(cast, Kind.SUGGESTION, "in_handling")
        client.force_login(cast.staff)
        response = client.get("/items/", HTTP_HX_REQUEST="true")
        assert b"<table" in response.content and b'<nav class="navbar' not in response.content


class TestDetail:
    def test_contacts_are_masked_for_co_signers_and_full_for_staff_and_units(self, client, cast):
        item = build_item(cast, Kind.SUGGESTION, "in_handling")
        phone = cast.proposer.deputy.mobile
        masked = phone[:3] + "****" + phone[-4:]
        client.force_login(cast.cosigner)
        page = client.get(f"/items/{item.pk}/").content.decode()
        assert masked in page and phone not in page
        for viewer in (cast.staff, cast.lead_officer):
            client.force_login(viewer)
            assert phone in client.get(f"/items/{item.pk}/").content.decode()

    def test_history_reads_as_sentences(self, client, cast):
        s = services.create_draft(
            actor=cast.proposer, kind=Kind.SUGGESTION, title="建议", body="内容"
        )
        services.submit(s, actor=cast.proposer)
        client.force_login(cast.staff)
        page = client.get(f"/items/{s.pk}/").content.decode()
        assert f"{cast.proposer.full_name}提交了该事项" in page

    def test_buttons_follow_the_lifecycle_table(self, client, cast):
        item = build_item(cast, Kind.SUGGESTION, "assigned")
        client.force_login(cast.lead_officer)
        actions = [t.action for t in client.get(f"/items/{item.pk}/").context["actions"]]
        assert actions == ["sign_for", "request_reassignment", "request_extension"]


class TestActions:
    def test_staff_accept_through_the_page(self, client, cast):
        item = build_item(cast, Kind.SUGGESTION, "submitted")
        category = CategoryFactory(name="交通运输")
        client.force_login(cast.staff)
        response = client.post(f"/items/{item.pk}/accept/", {"accept-category": category.pk})
        assert response.status_code == 302
        item.refresh_from_db()
        assert item.state == "accepted" and item.category == category
        assert item.events.last().action == "suggestion.accept"

    def test_a_missing_field_gets_a_field_error_in_chinese_and_changes_nothing(self, client, cast):
        item = build_item(cast, Kind.SUGGESTION, "submitted")
        before = snapshot(item)
        client.force_login(cast.staff)
        response = client.post(
            f"/items/{item.pk}/return_for_revision/", {"return_for_revision-reason": ""}
        )
        assert response.status_code == 200
        assert "这个字段是必填项" in response.content.decode()
        assert snapshot(item) == before

    def test_a_refused_transition_shows_the_domain_error(self, client, cast):
        item = build_item(cast, Kind.SUGGESTION, "accepted")
        before = snapshot(item)
        client.force_login(cast.staff)
        far = (timezone.localdate() + dt.timedelta(days=400)).isoformat()
        response = client.post(
            f"/items/{item.pk}/assign/",
            {
                "assign-category": item.category_id,
                "assign-lead_unit": cast.lead_unit.pk,
                "assign-due_date": far,
            },
        )
        assert response.status_code == 200
        assert "答复期限" in response.content.decode()
        assert snapshot(item) == before

    def test_a_unit_drafts_a_reply_with_a_document_that_the_deputy_downloads_once_released(
        self, client, cast, settings, tmp_path
    ):
        settings.MEDIA_ROOT = tmp_path
        item = build_item(cast, Kind.SUGGESTION, "in_handling")
        item.assignments.filter(role="co").update(active=False)
        client.force_login(cast.lead_officer)
        response = client.post(
            f"/items/{item.pk}/draft_reply/",
            {
                "draft_reply-result_class": "B",
                "draft_reply-body": "正在推进，计划明年完成。",
                "draft_reply-promised_date": "2027-06-30",
                "draft_reply-document": SimpleUploadedFile("答复函.pdf", b"%PDF-1.4 reply"),
            },
        )
        assert response.status_code == 302
        draft = item.reply_drafts.get()
        for action, user, data in [
            ("submit_for_check", cast.lead_officer, {}),
            ("check", cast.lead_officer, {}),
            ("sign_off", cast.lead_officer, {"reply-sign_off-signed_by_name": "王局长"}),
            ("release", cast.staff, {}),
        ]:
            client.force_login(user)
            response = client.post(f"/items/{item.pk}/reply/{draft.pk}/{action}/", data)
            assert response.status_code == 302, action
        reply = item.replies.get()
        assert reply.signed_by_name == "王局长"
        client.force_login(cast.proposer)
        download = client.get(f"/items/{item.pk}/replies/{reply.pk}/document/")
        assert download.status_code == 200
        assert b"".join(download.streaming_content) == b"%PDF-1.4 reply"
        assert "attachment" in download["Content-Disposition"]

    def test_deputies_do_not_see_a_reply_before_it_is_released(self, client, cast):
        item = build_item(cast, Kind.SUGGESTION, "in_handling")
        services.start_reply(item, actor=cast.lead_officer, result_class="A", body="草稿中的答复")
        client.force_login(cast.proposer)
        assert "草稿中的答复" not in client.get(f"/items/{item.pk}/").content.decode()
        client.force_login(cast.staff)
        assert "草稿中的答复" in client.get(f"/items/{item.pk}/").content.decode()

    def test_a_reply_step_out_of_turn_is_refused(self, client, cast):
        item = build_item(cast, Kind.SUGGESTION, "in_handling")
        draft = services.start_reply(item, actor=cast.lead_officer, result_class="A", body="答复")
        client.force_login(cast.staff)
        response = client.post(f"/items/{item.pk}/reply/{draft.pk}/release/")
        assert response.status_code == 302  # back to the item, with the reason
        draft.refresh_from_db()
        assert draft.state == "drafting" and not item.replies.exists()
        client.force_login(cast.co_officer)
        assert client.post(f"/items/{item.pk}/reply/{draft.pk}/check/").status_code == 403

    def test_a_disallowed_upload_is_refused_with_a_message(self, client, cast):
        item = build_item(cast, Kind.SUGGESTION, "in_handling")
        before = snapshot(item)
        client.force_login(cast.lead_officer)
        response = client.post(
            f"/items/{item.pk}/draft_reply/",
            {
                "draft_reply-result_class": "A",
                "draft_reply-body": "答复",
                "draft_reply-document": SimpleUploadedFile("virus.exe", b"MZ"),
            },
        )
        assert ".docx" in response.content.decode()
        assert snapshot(item) == before

    def test_evaluation_through_the_page(self, client, cast):
        item = build_item(cast, Kind.SUGGESTION, "replied")
        client.force_login(cast.proposer)
        response = client.post(f"/items/{item.pk}/evaluate/", {"evaluate-result": "unsatisfied"})
        assert "不满意" in response.content.decode()  # the reason is required
        client.post(
            f"/items/{item.pk}/evaluate/",
            {"evaluate-result": "unsatisfied", "evaluate-comment": "没有实质进展"},
        )
        item.refresh_from_db()
        assert item.state == "rehandling"


class TestDrafting:
    def test_a_deputy_drafts_autosaves_invites_and_submits(self, client, cast):
        client.force_login(cast.proposer)
        response = client.post(
            "/items/new/suggestion/", {"title": "关于增设路灯的建议", "body": "初稿"}
        )
        item = Proposal.objects.get(title="关于增设路灯的建议")
        assert response.url == f"/items/{item.pk}/edit/"
        saved = client.post(
            f"/items/{item.pk}/autosave/",
            {"title": item.title, "body": "第二稿"},
            HTTP_HX_REQUEST="true",
        )
        assert "自动保存" in saved.content.decode()
        item.refresh_from_db()
        assert item.body == "第二稿"
        friend = DeputyFactory(term=cast.session.term, delegation=cast.delegation, name="张建国")
        found = client.get(f"/items/{item.pk}/deputies/", {"q": "zjg"}).content.decode()
        assert "张建国" in found
        client.post(f"/items/{item.pk}/invite/", {"invite-deputies": [friend.pk]})
        assert item.signatures.get(deputy=friend).status == "invited"
        client.post(f"/items/{item.pk}/submit/")
        item.refresh_from_db()
        assert item.state == "submitted"

    def test_autosave_after_submission_is_refused(self, client, cast):
        item = build_item(cast, Kind.SUGGESTION, "submitted")
        client.force_login(cast.proposer)
        response = client.post(f"/items/{item.pk}/autosave/", {"title": "改", "body": "改"})
        assert response.status_code == 409
        item.refresh_from_db()
        assert item.title != "改"


class TestPresidium:
    def test_decisions_for_many_motions_at_once(self, client, cast):
        a = build_item(cast, Kind.MOTION, "under_review")
        b = build_item(cast, Kind.MOTION, "under_review")
        c = build_item(cast, Kind.MOTION, "under_review")
        client.force_login(cast.presidium)
        client.post(
            "/presidium/",
            {
                "meeting": "大会主席团第三次会议",
                f"decision-{a.pk}": "convert",
                f"decision-{b.pk}": "list",
                f"decision-{c.pk}": "",
            },
        )
        states = dict(Proposal.objects.filter(pk__in=[a.pk, b.pk, c.pk]).values_list("pk", "state"))
        assert states == {a.pk: "converted", b.pk: "listed", c.pk: "under_review"}
        assert Proposal.objects.filter(source=a, kind=Kind.SUGGESTION).exists()

    def test_the_meeting_is_required(self, client, cast):
        a = build_item(cast, Kind.MOTION, "under_review")
        client.force_login(cast.presidium)
        client.post("/presidium/", {"meeting": "", f"decision-{a.pk}": "convert"})
        a.refresh_from_db()
        assert a.state == "under_review"


def test_public_pages_show_no_personal_data(client, cast):
    item = build_item(cast, Kind.SUGGESTION, "closed")
    services.publish_reply(item, actor=cast.staff)
    page = client.get(f"/public/{item.pk}/").content.decode()
    assert item.title in page and "答复" in page
    deputy = cast.proposer.deputy
    for personal in (deputy.name, deputy.mobile, deputy.id_number, cast.lead_officer.full_name):
        assert personal not in page
    listing = client.get("/public/").content.decode()
    assert item.title in listing and deputy.name not in listing
