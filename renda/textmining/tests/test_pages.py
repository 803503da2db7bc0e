"""The text-mining pages, driven as users drive them: similar items while drafting, the
near-duplicate page with merge and dismiss, search on the lists and the public pages, the
recommendation on the accept and assign forms, the recommender's page, hot topics — and who
may open what."""

import re

import pytest
from django.urls import reverse

from renda.proposals import services
from renda.proposals.models import Proposal
from renda.testing.factories import CategoryFactory
from renda.textmining.models import DuplicateFlag, RecommendationLog, RecommenderVersion
from renda.textmining.services import train_recommender
from renda.textmining.tests.helpers import accepted, suggestion
from renda.textmining.tests.test_duplicates import NEAR_IDENTICAL, ORIGINAL, OTHERS, REWORDED
from renda.textmining.tests.test_recommend import history  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db
TITLE = "关于老旧小区雨污分流改造的建议"


@pytest.fixture
def corpus(cast):
    earlier = accepted(cast, TITLE, ORIGINAL)
    for title, body in OTHERS:
        accepted(cast, title, body)
    return earlier


def similar_panel(client, draft, **text) -> str:
    response = client.post(reverse("textmining:similar", args=[draft.pk]), text)
    assert response.status_code == 200
    return response.content.decode()


def test_a_known_duplicate_is_shown_while_drafting_and_flagged(
    client, cast, corpus, django_capture_on_commit_callbacks
):
    draft = suggestion(cast, "关于城东的建议", "待写", by=cast.cosigner)
    client.force_login(cast.cosigner)
    assert 'id="similar"' in client.get(reverse("proposals:edit", args=[draft.pk])).content.decode()
    assert TITLE not in similar_panel(client, draft, title="关于菜市场的建议", body="菜价太高")
    html = similar_panel(client, draft, title="关于城东雨污分流的建议", body=REWORDED)
    first = re.search(r'data-pk="(\d+)">\s*<span[^>]*>(\d+)%', html)
    assert int(first.group(1)) == corpus.pk and int(first.group(2)) >= 60
    assert TITLE in html and reverse("proposals:detail", args=[corpus.pk]) in html

    client.post(
        reverse("proposals:autosave", args=[draft.pk]), {"title": TITLE, "body": NEAR_IDENTICAL}
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("proposals:action", args=[draft.pk, "submit"]), {})
    flag = DuplicateFlag.objects.get(proposal=draft)
    assert flag.similar == corpus
    client.force_login(cast.staff)
    page = client.get(reverse("textmining:duplicates")).content.decode()
    assert f'id="flag-{flag.pk}"' in page and NEAR_IDENTICAL[:20] in page
    assert f"{round(flag.score * 100)}%" in page


def test_a_deputy_sees_only_titles_of_published_items_of_others(client, cast, corpus):
    draft = suggestion(cast, "关于城东的建议", "待写", by=cast.outsider)
    client.force_login(cast.outsider)
    assert TITLE not in similar_panel(client, draft, title="城东", body=REWORDED)
    Proposal.objects.filter(pk=corpus.pk).update(state="replied", disclosure="public")
    html = similar_panel(client, draft, title="城东", body=REWORDED)
    assert TITLE in html
    assert reverse("public:detail", args=[corpus.pk]) in html
    assert reverse("proposals:detail", args=[corpus.pk]) not in html


@pytest.fixture
def flagged(cast, corpus, django_capture_on_commit_callbacks):
    later = suggestion(cast, TITLE, NEAR_IDENTICAL, by=cast.outsider)
    with django_capture_on_commit_callbacks(execute=True):
        services.submit(later, actor=cast.outsider)
    return DuplicateFlag.objects.get(proposal=later)


def test_merging_from_the_flag_page_keeps_the_proposers(client, cast, corpus, flagged):
    client.force_login(cast.staff)
    page = client.get(reverse("textmining:duplicates")).content.decode()
    assert reverse("textmining:merge_flag", args=[flagged.pk]) not in page  # accept it first
    services.accept_suggestion(flagged.proposal, actor=cast.staff)
    page = client.get(reverse("textmining:duplicates")).content.decode()
    assert reverse("textmining:merge_flag", args=[flagged.pk]) in page
    response = client.post(reverse("textmining:merge_flag", args=[flagged.pk]))
    assert response.status_code == 302
    later = Proposal.objects.get(pk=flagged.proposal_id)
    assert later.state == "merged" and later.merged_into == corpus
    signers = set(corpus.signatures.values_list("deputy_id", flat=True))
    assert {cast.proposer.deputy_id, cast.outsider.deputy_id} <= signers
    assert f'id="flag-{flagged.pk}"' not in client.get(response.url).content.decode()
    primary = client.get(reverse("proposals:detail", args=[corpus.pk])).content.decode()
    assert (
        'id="merged-items"' in primary and reverse("proposals:detail", args=[later.pk]) in primary
    )
    merged = client.get(reverse("proposals:detail", args=[later.pk])).content.decode()
    assert 'id="merged-into"' in merged


def test_the_merge_form_lists_the_most_similar_first(client, cast, corpus, flagged):
    services.accept_suggestion(flagged.proposal, actor=cast.staff)
    client.force_login(cast.staff)
    html = client.get(reverse("proposals:action", args=[flagged.proposal_id, "merge"]))
    options = re.findall(r'<option value="(\d+)"[^>]*>([^<]*)</option>', html.content.decode())
    assert int(options[0][0]) == corpus.pk and "%" in options[0][1]


def test_dismissing_a_flag(client, cast, flagged):
    client.force_login(cast.staff)
    client.post(reverse("textmining:dismiss_flag", args=[flagged.pk]))
    flagged.refresh_from_db()
    assert flagged.dismissed_by == cast.staff
    page = client.get(reverse("textmining:duplicates")).content.decode()
    assert f'id="flag-{flagged.pk}"' not in page


def test_search_ranks_highlights_and_follows_edits(client, cast, corpus):
    client.force_login(cast.proposer)
    page = client.get(reverse("proposals:list"), {"q": "雨污分流"}).content.decode()
    assert "<mark>雨污分流</mark>" in page
    assert re.findall(r'<td><a href="/items/(\d+)/">', page) == [str(corpus.pk)]
    draft = suggestion(cast, "关于菜市场的建议", "占道经营。")
    search = {"q": "夜市摊点"}
    assert f'href="/items/{draft.pk}/"' not in client.get("/items/", search).content.decode()
    client.post(
        reverse("proposals:autosave", args=[draft.pk]),
        {"title": "关于菜市场的建议", "body": "夜市摊点占道经营，建议规范夜市摊点。"},
    )
    page = client.get("/items/", search).content.decode()
    assert f'href="/items/{draft.pk}/"' in page and "<mark>夜市摊点</mark>" in page
    # combined with the list's filters: another category leaves nothing
    other = CategoryFactory()
    assert (
        f'href="/items/{draft.pk}/"'
        not in client.get("/items/", {**search, "category": other.pk}).content.decode()
    )


def test_public_search_finds_replies_but_never_by_name(client, cast, corpus):
    Proposal.objects.filter(pk=corpus.pk).update(state="replied", disclosure="public")
    page = client.get(reverse("public:list"), {"q": "雨污分流"}).content.decode()
    assert f'href="/public/{corpus.pk}/"' in page and "<mark>雨污分流</mark>" in page
    name = cast.proposer.deputy.name
    assert name not in page
    by_name = client.get(reverse("public:list"), {"q": name}).content.decode()
    assert f'href="/public/{corpus.pk}/"' not in by_name


def test_the_recommendation_shows_on_the_forms_and_staffs_choice_is_logged(
    client,
    cast,
    history,  # noqa: F811
):
    units, categories = history
    train_recommender(actor=cast.staff, force=True)
    item = suggestion(cast, "关于开通夜间公交的建议", "夜间没有公交，建议开通夜班公交线路。")
    services.submit(item, actor=cast.proposer)
    client.force_login(cast.staff)
    accept = client.get(reverse("proposals:action", args=[item.pk, "accept"])).content.decode()
    assert 'id="recommendation"' in accept and "交通运输" in accept
    assert 'data-fill="#id_accept-category"' in accept
    chosen = accept.split('id="id_accept-category"')[1].split("</select>")[0]
    assert re.findall(r'<option value="(\d*)" selected', chosen) == [""]  # staff choose
    services.accept_suggestion(item, actor=cast.staff, category=categories["transport"])

    form = client.get(reverse("proposals:action", args=[item.pk, "assign"])).content.decode()
    units_shown = re.findall(r'class="rec-unit" data-pk="(\d+)">([^<]+)<span[^>]*>(\d+)%', form)
    assert len(units_shown) == 3 and int(units_shown[0][0]) == units["transport"].pk
    assert "公交" in form.split('class="rec-unit"')[1].split("</li>")[0]
    lead = form.split('id="id_assign-lead_unit"')[1].split("</select>")[0]
    assert re.findall(r'<option value="(\d*)" selected', lead) == [""]  # staff choose
    log = RecommendationLog.objects.get(proposal=item)
    assert log.decided_at is None

    response = client.post(
        reverse("proposals:action", args=[item.pk, "assign"]),
        {
            "assign-category": categories["transport"].pk,
            "assign-lead_unit": units["transport"].pk,
            "assign-due_date": re.search(r'name="assign-due_date" value="([^"]+)"', form)[1],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    log.refresh_from_db()
    assert log.unit_rank == 1 and log.category_accepted and log.decided_at
    page = client.get(reverse("textmining:recommender")).content.decode()
    assert re.search(r"<td>v1</td><td>1</td><td>100%</td><td>100%</td><td>100%</td>", page)


def test_staff_retrain_from_the_page(client, cast, history):  # noqa: F811
    train_recommender(actor=cast.staff, force=True)
    client.force_login(cast.staff)
    client.post(reverse("textmining:recommender"))
    newest = RecommenderVersion.objects.first()
    assert newest.number == 2 and newest.trained_by == cast.staff
    page = client.get(reverse("textmining:recommender")).content.decode()
    assert "<td>v2</td>" in page and "<td>v1</td>" in page


def test_hot_topic_counts_match_their_lists(client, cast):
    from renda.textmining.tests.test_topics import LONE, PARKING, SCHOOL

    for title, body in PARKING + SCHOOL + LONE:
        accepted(cast, title, body)
    suggestion(cast, *PARKING[0])  # a draft is no topic yet
    client.force_login(cast.staff)
    page = client.get(reverse("textmining:topics")).content.decode()
    topics = re.findall(r'data-count="(\d+)">\s*<div[^>]*>\s*<a[^>]*href="([^"]+)"', page)
    assert [int(n) for n, _url in topics] == [3, 2]
    for count, url in topics:
        listed = client.get(url.replace("&amp;", "&")).content.decode()
        assert len(re.findall(r'<td><a href="/items/\d+/">', listed)) == int(count)
    first = client.get(topics[0][1].replace("&amp;", "&")).content.decode()
    assert first.count("停车") >= 3
    assert re.search(r'class="small text-muted topic-sentence">3', page)


STAFF_PAGES = ["textmining:duplicates", "textmining:recommender"]


@pytest.mark.parametrize("name", STAFF_PAGES)
@pytest.mark.parametrize("persona", ["proposer", "lead_officer", "committee_member", "presidium"])
def test_only_staff_open_the_staff_pages(client, cast, name, persona):
    client.force_login(getattr(cast, persona))
    assert client.get(reverse(name)).status_code == 403
    assert client.post(reverse(name)).status_code == 403


def test_flag_actions_are_staff_only(client, cast, flagged):
    client.force_login(cast.proposer)
    for name in ("textmining:merge_flag", "textmining:dismiss_flag"):
        assert client.post(reverse(name, args=[flagged.pk])).status_code == 403
    flagged.refresh_from_db()
    assert flagged.dismissed_at is None and flagged.proposal.state == "submitted"
    client.logout()
    assert client.get(reverse("textmining:duplicates")).status_code == 302


def test_similar_items_of_another_deputys_draft_answer_404(client, cast, corpus):
    draft = suggestion(cast, "关于城东的建议", "待写", by=cast.cosigner)
    client.force_login(cast.outsider)
    response = client.post(reverse("textmining:similar", args=[draft.pk]), {"body": REWORDED})
    assert response.status_code == 404


def test_a_deputy_sees_topics_only_of_their_items(client, cast, corpus):
    client.force_login(cast.lead_officer)
    page = client.get(reverse("textmining:topics")).content.decode()
    assert 'data-count="' not in page
