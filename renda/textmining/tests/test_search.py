"""Full-text search: Chinese segmentation with the platform's names, ranking, snippets, scoping,
and an index that follows every change."""

import pytest
from django.db import connection

from renda.proposals import services
from renda.proposals.access import visible_proposals
from renda.proposals.models import Proposal
from renda.proposals.tests.builders import build_item
from renda.testing.factories import UnitFactory
from renda.testing.workflow import reply_through_path
from renda.textmining import segmenter
from renda.textmining.models import SearchEntry
from renda.textmining.search import parse_query, search_proposals
from renda.textmining.tests.helpers import suggestion

pytestmark = pytest.mark.django_db


def _titles(hits):
    return [h.proposal.title for h in hits]


def test_a_unit_name_from_the_dictionary_is_one_word(cast):
    UnitFactory(name="市城市管理综合执法局")
    segmenter.rebuild_dictionary()
    assert "市城市管理综合执法局" in segmenter.words("请市城市管理综合执法局加强巡查")


def test_search_by_a_unit_name_finds_the_item_that_names_it(cast):
    UnitFactory(name="市城市管理综合执法局")
    named = suggestion(cast, "关于占道经营的建议", "建议市城市管理综合执法局加强夜市巡查。")
    suggestion(cast, "关于城市绿化的建议", "城市公园的管理和养护需要加强。")
    hits = search_proposals(Proposal.objects.all(), "市城市管理综合执法局")
    assert [h.proposal for h in hits] == [named]


def test_a_query_word_matches_its_parts_in_longer_words(cast):
    item = suggestion(cast, "关于公交线路的建议", "请市交通运输局优化公交线路。")
    assert parse_query("交通运输").groups[0][1]  # 交通运输 has parts (交通, 运输)
    assert [h.proposal for h in search_proposals(Proposal.objects.all(), "交通运输")] == [item]


def test_every_query_word_must_match(cast):
    suggestion(cast, "关于停车难的建议", "老旧小区停车位严重不足。")
    both = suggestion(cast, "关于学校周边停车的建议", "学校门口接送孩子时停车混乱。")
    hits = search_proposals(Proposal.objects.all(), "学校 停车")
    assert [h.proposal for h in hits] == [both]


def test_a_hit_in_the_title_ranks_above_one_in_the_body(cast):
    in_body = suggestion(
        cast, "关于城市管理的建议", "另外，垃圾分类的宣传还不够，垃圾分类设施也少。"
    )
    in_title = suggestion(cast, "关于垃圾分类的建议", "社区宣传不够。")
    hits = search_proposals(Proposal.objects.all(), "垃圾分类")
    assert [h.proposal for h in hits] == [in_title, in_body]
    assert hits[0].rank > hits[1].rank


def test_snippets_are_escaped_and_mark_the_hits(cast):
    suggestion(cast, "关于<b>噪音</b>的建议", "夜间施工噪音扰民 <script>alert(1)</script> 请处理。")
    hit = search_proposals(Proposal.objects.all(), "噪音")[0]
    assert "<mark>噪音</mark>" in hit.snippet
    assert "<script>" not in hit.snippet and "&lt;script&gt;" in hit.snippet
    assert "&lt;b&gt;<mark>噪音</mark>&lt;/b&gt;" in hit.title_html


def test_search_stays_within_the_callers_queryset(cast):
    mine = suggestion(cast, "关于路灯维修的建议", "小区路灯损坏。")
    suggestion(cast, "关于路灯照明的建议", "道路路灯太暗。", by=cast.outsider)
    hits = search_proposals(visible_proposals(cast.proposer), "路灯")
    assert [h.proposal for h in hits] == [mine]


def test_an_edit_updates_the_index(cast):
    item = suggestion(cast, "关于河道治理的建议", "河道淤积严重。")
    services.update_draft(item, actor=cast.proposer, body="湖泊水质变差。")
    everything = Proposal.objects.all()
    assert search_proposals(everything, "湖泊") and not search_proposals(everything, "淤积")


def test_a_reply_and_deputy_names_are_searchable(cast):
    item = build_item(cast, "suggestion", "in_handling")
    reply_through_path(
        item,
        officer=cast.lead_officer,
        reviewer=cast.staff,
        result_class="A",
        body="已完成排水管网改造。",
    )
    everything = Proposal.objects.all()
    assert [h.proposal for h in search_proposals(everything, "排水管网")] == [item]
    hit = search_proposals(everything, "排水管网")[0]
    assert "<mark>排水管网</mark>" in hit.snippet
    own = suggestion(cast, "关于菜市场的建议", "菜市场环境脏乱。")
    name = cast.proposer.deputy.name
    assert own in [h.proposal for h in search_proposals(everything, name)]


def test_deleting_an_item_removes_it_from_the_index(cast):
    item = suggestion(cast, "关于养老服务的建议", "社区养老服务设施不足。")
    assert search_proposals(Proposal.objects.all(), "养老")
    item.events.all().delete()
    item.signatures.all().delete()
    item.delete()
    assert not SearchEntry.objects.filter(proposal_id=item.pk).exists()
    assert search_proposals(Proposal.objects.all(), "养老") == []
    if connection.vendor == "sqlite":
        with connection.cursor() as c:
            c.execute("SELECT count(*) FROM textmining_fts WHERE rowid = %s", [item.pk])
            assert c.fetchone()[0] == 0


def test_rebuild_recreates_every_entry(cast):
    a = suggestion(cast, "关于供暖的建议", "冬季供暖温度不达标。")
    SearchEntry.objects.all().delete()
    assert search_proposals(Proposal.objects.all(), "供暖") == []
    from django.core.management import call_command

    call_command("rebuild_search_index", stdout=open("/dev/null", "w"))
    assert [h.proposal for h in search_proposals(Proposal.objects.all(), "供暖")] == [a]


def test_an_empty_or_punctuation_query_finds_nothing(cast):
    suggestion(cast, "关于供水的建议", "供水压力不足。")
    assert search_proposals(Proposal.objects.all(), "") == []
    assert search_proposals(Proposal.objects.all(), "，。！'\"&|") == []


def test_a_renamed_unit_schedules_one_index_rebuild(cast):
    from django.db import connection

    from renda.textmining import signals

    unit = UnitFactory(name="市农业农村局")
    item = suggestion(cast, "关于高标准农田的建议", "请市农业农村局加快高标准农田建设。")
    unit.name, unit.short_name = "市乡村振兴局", ""
    unit.save()
    UnitFactory(name="市林业局")
    pending = [e for e in connection.run_on_commit if e[1] is signals._schedule_rebuild]
    assert len(pending) == 1  # one rebuild for the whole transaction, run at commit
    assert "市乡村振兴局" in segmenter.words("请市乡村振兴局调研")
    signals._schedule_rebuild()  # what the commit runs (tasks run inline in tests)
    assert [h.proposal for h in search_proposals(Proposal.objects.all(), "农业农村")] == [item]
