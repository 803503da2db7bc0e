"""Hot topics: obviously related items end up together, named by their key words."""

import pytest

from renda.proposals.models import Proposal
from renda.textmining.tests.helpers import suggestion
from renda.textmining.topics import hot_topics

pytestmark = pytest.mark.django_db

PARKING = [
    ("关于解决小区停车难的建议", "小区停车位不足，车辆乱停乱放，停车难问题突出。"),
    ("关于增建停车场的建议", "老城区停车位太少，停车难，建议利用空地增建停车场。"),
    ("关于规范路边停车的建议", "路边停车收费混乱，停车位划线不清，停车难。"),
]
SCHOOL = [
    (
        "关于学校食堂卫生的建议",
        "学校食堂卫生条件差，学生午餐质量需要提高，食堂食品安全要规范管理。",
    ),
    (
        "关于中小学食堂管理的建议",
        "中小学食堂食材来源不明，学生午餐的食品安全让家长担心，食堂要公开。",
    ),
]
LONE = [("关于图书馆延长开放时间的建议", "市图书馆周末闭馆太早，读者希望延长开放时间。")]


def test_related_items_form_topics_named_by_their_words(cast):
    ids = {}
    for group, rows in [("parking", PARKING), ("school", SCHOOL), ("lone", LONE)]:
        ids[group] = sorted(suggestion(cast, t, b).pk for t, b in rows)
    topics = hot_topics(Proposal.objects.all())
    assert [(t.count, t.proposal_ids) for t in topics] == [
        (3, ids["parking"]),
        (2, ids["school"]),
    ]
    assert "停车" in topics[0].words[0]
    assert any("食堂" in w for w in topics[1].words)
    assert topics[0].label == "、".join(topics[0].words)


def test_topics_follow_the_given_set(cast):
    parking = [suggestion(cast, t, b).pk for t, b in PARKING]
    lone = [suggestion(cast, t, b).pk for t, b in LONE]
    for t, b in SCHOOL:
        suggestion(cast, t, b)
    topics = hot_topics(Proposal.objects.filter(pk__in=parking + lone))
    assert [t.proposal_ids for t in topics] == [sorted(parking)]
    assert hot_topics(Proposal.objects.none()) == []
