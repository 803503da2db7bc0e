"""Similar items while drafting and in review, and near-identical submissions flagged."""

import pytest

from renda.proposals import services
from renda.proposals.access import visible_proposals
from renda.proposals.models import Proposal
from renda.textmining.duplicates import similar_items
from renda.textmining.models import DuplicateFlag
from renda.textmining.selectors import duplicate_flags
from renda.textmining.services import dismiss_duplicate_flag
from renda.textmining.tests.helpers import accepted, suggestion

pytestmark = pytest.mark.django_db

ORIGINAL = (
    "城东片区老旧小区雨污管网老化，每逢暴雨污水倒灌进入居民家中，"
    "建议市住房和城乡建设局尽快实施雨污分流改造，并同步修复破损路面。"
)
REWORDED = (
    "尊敬的领导：城东片区老旧小区的雨污管网已经老化，暴雨时污水倒灌居民家中，"
    "希望市住房和城乡建设局早日实施雨污分流改造，同时修复破损的路面。"
)
# A copy with a greeting added and one word changed: what a co-signer submitting the same
# text again looks like.
NEAR_IDENTICAL = "尊敬的领导：" + ORIGINAL.replace("尽快", "早日")
OTHERS = [
    ("关于增开夜间公交的建议", "夜间下班的职工没有公交可乘，建议增开夜班公交线路。"),
    ("关于学校午餐的建议", "小学午餐质量不高，建议引入第三方评估并公开食材来源。"),
    ("关于公园健身器材的建议", "公园健身器材损坏多年无人维修，存在安全隐患。"),
]


@pytest.fixture
def corpus(cast):
    earlier = accepted(cast, "关于老旧小区雨污分流改造的建议", ORIGINAL)
    for title, body in OTHERS:
        accepted(cast, title, body)
    return earlier


def test_a_draft_finds_its_known_duplicate_first(cast, corpus):
    hits = similar_items(Proposal.objects.all(), text=REWORDED)
    assert hits[0].proposal == corpus
    assert hits[0].score > 0.6
    assert all(h.score < hits[0].score for h in hits[1:])


def test_a_stored_item_finds_the_other_not_itself(cast, corpus):
    later = suggestion(cast, "关于城东雨污分流的建议", REWORDED)
    hits = similar_items(Proposal.objects.all(), proposal=later)
    assert hits[0].proposal == corpus
    assert later not in [h.proposal for h in hits]


def test_similar_items_stay_within_the_callers_queryset(cast, corpus):
    hits = similar_items(visible_proposals(cast.outsider), text=REWORDED)
    assert corpus not in [h.proposal for h in hits]


def test_a_near_identical_submission_is_flagged(cast, corpus, django_capture_on_commit_callbacks):
    later = suggestion(cast, "关于老旧小区雨污分流改造的建议", NEAR_IDENTICAL, by=cast.cosigner)
    with django_capture_on_commit_callbacks(execute=True):
        services.submit(later, actor=cast.cosigner)
    flag = DuplicateFlag.objects.get(proposal=later)
    assert flag.similar == corpus and flag.score >= 0.75
    assert list(duplicate_flags(Proposal.objects.all())) == [flag]


def test_a_different_submission_is_not_flagged(cast, corpus, django_capture_on_commit_callbacks):
    later = suggestion(cast, "关于菜市场管理的建议", "菜市场占道经营，环境卫生差，需要整治。")
    with django_capture_on_commit_callbacks(execute=True):
        services.submit(later, actor=cast.proposer)
    assert not DuplicateFlag.objects.filter(proposal=later).exists()


def test_merged_or_dismissed_flags_leave_the_list(cast, corpus, django_capture_on_commit_callbacks):
    later = suggestion(cast, "关于老旧小区雨污分流改造的建议", NEAR_IDENTICAL, by=cast.cosigner)
    with django_capture_on_commit_callbacks(execute=True):
        services.submit(later, actor=cast.cosigner)
    services.accept_suggestion(later, actor=cast.staff)
    services.merge_suggestion(later, actor=cast.staff, into=corpus)
    assert list(duplicate_flags(Proposal.objects.all())) == []
    services.unmerge_suggestion(later, actor=cast.staff)
    flag = duplicate_flags(Proposal.objects.all()).get()
    dismiss_duplicate_flag(flag, actor=cast.staff)
    assert list(duplicate_flags(Proposal.objects.all())) == []


def test_items_arriving_after_an_empty_start_are_found(cast):
    # A new installation: the first look builds an index of nothing; later items are added.
    from renda.textmining.duplicates import reset_similarity_index

    reset_similarity_index()
    assert similar_items(Proposal.objects.all(), text=ORIGINAL) == []
    earlier = accepted(cast, "关于老旧小区雨污分流改造的建议", ORIGINAL)
    found = similar_items(Proposal.objects.all(), text=REWORDED)
    assert [s.proposal for s in found] == [earlier]
