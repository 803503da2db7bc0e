"""Recommendation trained on a small synthetic history: the right unit and category come first,
with the words that drove them; versions, automatic retraining and accuracy over time."""

import pytest
from django.core.management import call_command

from renda.core.errors import NotPermitted
from renda.proposals import services
from renda.proposals.models import Category
from renda.testing.factories import UnitFactory
from renda.textmining.models import RecommendationLog, RecommenderVersion
from renda.textmining.selectors import recommendation_accuracy
from renda.textmining.services import recommend, train_recommender
from renda.textmining.tests.helpers import accepted

pytestmark = pytest.mark.django_db

HISTORY = {
    "transport": [
        ("关于优化公交线路的建议", "公交线路绕行严重，建议优化公交站点设置。"),
        ("关于增开公交班次的建议", "早晚高峰公交班次太少，乘客候车时间长。"),
        ("关于治理出租车拒载的建议", "出租车拒载、绕路现象多，建议加强出租车管理。"),
        ("关于改善道路拥堵的建议", "主干道交通拥堵，建议优化信号灯配时和公交专用道。"),
    ],
    "education": [
        ("关于增加学位供给的建议", "城区小学学位紧张，建议新建学校扩大招生。"),
        ("关于减轻学生课业负担的建议", "学生作业太多，建议学校落实减负措施。"),
        ("关于改善乡村学校条件的建议", "乡村学校教师短缺，教学设施陈旧。"),
        ("关于规范校外培训的建议", "校外培训机构收费高，建议教育部门规范管理。"),
    ],
    "health": [
        ("关于缓解看病难的建议", "医院挂号难、排队久，建议推广预约诊疗。"),
        ("关于加强基层医疗的建议", "社区卫生服务中心医生少，群众看病不便。"),
        ("关于提高医保报销比例的建议", "慢性病患者医保报销比例低，医疗负担重。"),
        ("关于建设区域医疗中心的建议", "建议建设区域医疗中心，提升医院诊疗水平。"),
    ],
}


@pytest.fixture
def history(cast):
    units = {
        "transport": UnitFactory(name="市交通运输局"),
        "education": UnitFactory(name="市教育局"),
        "health": UnitFactory(name="市卫生健康委员会"),
    }
    categories = {
        k: Category.objects.create(name=n)
        for k, n in [("transport", "交通运输"), ("education", "教育文体"), ("health", "卫生计生")]
    }
    for key, rows in HISTORY.items():
        for title, body in rows:
            p = accepted(cast, title, body)
            services.assign_suggestion(
                p, actor=cast.staff, lead_unit=units[key], category=categories[key]
            )
    return units, categories


def test_the_right_unit_and_category_come_first_with_their_words(cast, history):
    units, categories = history
    version = train_recommender(actor=cast.staff, force=True)
    assert version.number == 1 and version.examples == 12
    assert "unit_top1" in version.metrics and "category_top3" in version.metrics
    item = accepted(cast, "关于开通夜间公交的建议", "夜间没有公交，建议开通夜班公交线路。")
    r = recommend(item, actor=cast.staff)
    assert r.units[0].choice == units["transport"]
    assert r.category.choice == categories["transport"]
    assert len(r.units) == 3
    assert r.units[0].confidence > r.units[1].confidence >= r.units[2].confidence
    assert abs(sum(u.confidence for u in r.units) - 1) < 1e-6
    assert any("公交" in w for w in r.units[0].words)
    other = accepted(cast, "关于医院停车难的建议", "医院就诊人多，看病停车难，建议医院增加车位。")
    assert recommend(other, actor=cast.staff).units[0].choice == units["health"]


def test_only_staff_see_recommendations(cast, history):
    train_recommender(actor=cast.staff, force=True)
    item = accepted(cast, "关于公交的建议", "公交班次少。")
    with pytest.raises(NotPermitted):
        recommend(item, actor=cast.proposer)


def test_no_recommendation_before_any_training(cast, history, settings):
    settings.TEXTMINING_MIN_TRAINING_ITEMS = 1000  # history too short to train automatically
    item = accepted(cast, "关于公交的建议", "公交班次少。")
    assert recommend(item, actor=cast.staff) is None
    assert not RecommenderVersion.objects.exists()


def test_staffs_decision_is_compared_with_what_was_shown(cast, history):
    units, categories = history
    train_recommender(actor=cast.staff, force=True)
    followed = accepted(cast, "关于公交站台的建议", "公交站台没有遮雨棚，建议改造公交站台。")
    overruled = accepted(cast, "关于校车安全的建议", "学生乘坐校车安全隐患多，建议规范校车。")
    recommend(followed, actor=cast.staff)
    shown = recommend(overruled, actor=cast.staff)
    services.assign_suggestion(
        followed, actor=cast.staff, lead_unit=units["transport"], category=categories["transport"]
    )
    other_unit = next(u for u in units.values() if u != shown.units[0].choice)
    services.assign_suggestion(
        overruled, actor=cast.staff, lead_unit=other_unit, category=categories["health"]
    )
    train_recommender(actor=cast.staff)  # settles outcomes; not due, trains nothing
    logs = {log.proposal_id: log for log in RecommendationLog.objects.all()}
    assert logs[followed.pk].unit_rank == 1 and logs[followed.pk].category_accepted
    assert logs[overruled.pk].unit_rank != 1
    [row] = recommendation_accuracy()
    assert (row.version, row.decided, row.unit_top1) == (1, 2, 0.5)
    assert RecommenderVersion.objects.count() == 1


def test_enough_new_decisions_train_a_new_version_in_the_background(
    cast, history, settings, django_capture_on_commit_callbacks
):
    units, categories = history
    train_recommender(actor=cast.staff, force=True)
    settings.TEXTMINING_RETRAIN_AFTER = 2
    for title in ["关于地铁换乘的建议", "关于公交票价的建议"]:
        p = accepted(cast, title, "公交地铁换乘不便。")
        services.assign_suggestion(
            p, actor=cast.staff, lead_unit=units["transport"], category=categories["transport"]
        )
    item = accepted(cast, "关于公交的建议", "公交班次少。")
    with django_capture_on_commit_callbacks(execute=True):
        recommend(item, actor=cast.staff)
    latest = RecommenderVersion.objects.first()
    assert latest.number == 2 and latest.examples == 14


def test_the_command_trains_a_version_saved_under_var_dir(cast, history, settings, tmp_path):
    call_command("train_recommender", stdout=open("/dev/null", "w"))
    version = RecommenderVersion.objects.get()
    assert version.path.startswith(str(tmp_path)) and (tmp_path / "textmining").is_dir()
