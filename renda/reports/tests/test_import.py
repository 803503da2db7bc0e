"""Excel import: a sheet full of realistic mistakes is refused row by row and writes nothing;
a good sheet goes in through the services (with history); export and import round-trip."""

import datetime as dt
import io

import pytest
from django.utils import translation
from openpyxl import Workbook, load_workbook

from renda.congress.models import Delegation, Deputy, Organization
from renda.core import clock
from renda.core.errors import NotPermitted
from renda.proposals import deadlines
from renda.proposals.history import describe
from renda.proposals.models import (
    NumberSequence,
    Proposal,
    ProposalEvent,
    Signature,
)
from renda.reports import statistics as st
from renda.reports.exporters.lists import SuggestionSheetExporter
from renda.reports.imports.base import ImportRejected
from renda.reports.imports.columns import SUGGESTION_COLUMNS
from renda.reports.services.imports import (
    import_template,
    preview_import,
    run_import,
    workbook_bytes,
)
from renda.reports.tests.scenario import TODAY, at, build_year
from renda.testing.factories import DeputyFactory, RegionFactory

pytestmark = pytest.mark.django_db
HEADERS = [c.header for c in SUGGESTION_COLUMNS]


@pytest.fixture
def year():
    return build_year()


@pytest.fixture(autouse=True)
def _today_and_chinese():
    with clock.travel(at(TODAY, 18)), translation.override("zh-hans"):
        yield


def sheet(rows: list[dict], headers=HEADERS) -> io.BytesIO:
    wb = Workbook()
    ws = wb.active
    ws.append(headers)
    for row in rows:
        ws.append([row.get(h) for h in headers])
    out = io.BytesIO()
    wb.save(out)
    out.seek(0)
    return out


def good(**changes) -> dict:
    row = {
        "标题": "关于修缮老旧小区的建议",
        "领衔代表": "代表0",
        "代表团": "东区代表团",
        "提出日期": dt.date(2026, 1, 21),
        "类别": "城乡建设",
        "内容": "建议内容。",
    }
    return {**row, **changes}


def database(year) -> dict:
    return {
        "items": Proposal.objects.count(),
        "events": ProposalEvent.objects.count(),
        "signatures": Signature.objects.count(),
        "numbers": sorted(NumberSequence.objects.values_list("scope", "last")),
    }


def test_a_sheet_full_of_mistakes_is_refused_row_by_row_and_nothing_is_written(year):
    DeputyFactory(
        term=year.session.term, delegation=Delegation.objects.get(name="西区代表团"), name="代表1"
    )
    rows = [
        good(建议编号=50, 主办单位="市U1局"),
        good(领衔代表="张三丰"),
        good(领衔代表="代表1", 代表团=None),
        good(提出日期="2026-13-45"),
        good(提出日期=dt.date(2026, 12, 1)),
        good(类别="城建"),
        good(主办单位="市U1局", 协办单位="市U1局、市U9局"),
        good(标题=None, 内容=" "),
        good(建议编号="第0050号"),
        good(建议编号=3),
        good(附议代表="代表0、代表2、代表2"),
        good(类别=None, 主办单位="市U2局"),
        good(主办单位="市U1局", 交办日期=dt.date(2026, 1, 10)),
        good(主办单位="市U1局", 交办日期=dt.date(2026, 2, 26), 答复期限=dt.date(2026, 12, 31)),
        good(期间="会中"),
        good(提出日期=dt.date(2025, 12, 30)),
        good(期间="闭会期间"),
        good(附议代表="代表99"),
        good(代表团="北区代表团"),
    ]
    before = database(year)
    latest = deadlines.latest_reply_due(dt.date(2026, 2, 26), _config())
    expected = [
        (3, "领衔代表", "东区代表团没有名为“张三丰”的在任代表。"),
        (4, "领衔代表", "有多名代表名为“代表1”，请填写代表团以便区分。"),
        (5, "提出日期", "“2026-13-45”不是日期（请写成2026-01-20的格式）。"),
        (6, "提出日期", "日期不能晚于今天。"),
        (7, "类别", "没有名为“城建”的类别。"),
        (8, "协办单位", "主办单位不能同时作为协办单位。"),
        (8, "协办单位", "没有名为“市U9局”的在用承办单位。"),
        (9, "标题", "请填写此项。"),
        (9, "内容", "请填写此项。"),
        (10, "建议编号", "第50号与第2行重复。"),
        (11, "建议编号", "第3号已被占用。"),
        (12, "附议代表", "领衔代表不能同时作为附议代表。"),
        (12, "附议代表", "“代表2”重复填写。"),
        (13, "类别", "请先确定建议的类别，再行交办。"),
        (14, "交办日期", "交办日期不能早于提出日期。"),
        (15, "答复期限", f"答复期限须晚于交办日期，且不晚于{latest.isoformat()}。"),
        (16, "期间", "请填写“大会期间”或“闭会期间”。"),
        (17, "提出日期", "2025-12-30早于第七届第九次会议开幕。"),
        (18, "期间", "2026-01-21属于第七届第九次会议大会期间。"),
        (19, "附议代表", "本届没有名为“代表99”的在任代表。"),
        (20, "代表团", "本届没有名为“北区代表团”的代表团。"),
    ]
    result = preview_import("suggestions", sheet(rows), actor=year.staff, session=year.session)
    assert [(i.row, i.column, i.message) for i in result.issues] == expected
    assert (result.rows, result.ok) == (19, False)
    with pytest.raises(ImportRejected) as refused:
        run_import("suggestions", sheet(rows), actor=year.staff, session=year.session)
    assert [(i.row, i.column, i.message) for i in refused.value.issues] == expected
    assert "21" in str(refused.value)
    assert database(year) == before


def _config():
    from renda.congress.models import CongressSettings

    return CongressSettings.current()


def test_file_level_problems(year):
    not_excel = io.BytesIO(b"this is a csv, not a workbook")
    result = preview_import("suggestions", not_excel, actor=year.staff, session=year.session)
    assert [i.message for i in result.issues] == ["这不是Excel（.xlsx）文件。"]
    missing = sheet([good()], headers=["标题", "领衔代表", "内容"])
    result = preview_import("suggestions", missing, actor=year.staff, session=year.session)
    assert [(i.row, i.column, i.message) for i in result.issues] == [(1, "提出日期", "缺少此列。")]
    empty = sheet([])
    result = preview_import("suggestions", empty, actor=year.staff, session=year.session)
    assert [i.message for i in result.issues] == ["表中没有可导入的数据。"]


def test_only_staff_import(year):
    with pytest.raises(NotPermitted):
        preview_import(
            "suggestions", sheet([good()]), actor=year.officers["U1"], session=year.session
        )


def test_a_good_sheet_goes_in_through_the_services_with_history(year):
    rows = [
        good(
            建议编号=20,
            附议代表="代表2、代表3",
            主办单位="市U1局",
            协办单位="市U3局",
            交办日期=dt.date(2026, 2, 26),
        ),
        good(
            标题="关于增设公交站点的建议",
            领衔代表="代表11",
            代表团=None,
            类别="交通运输",
            提出日期="2026年3月5日",
        ),
    ]
    preview = preview_import("suggestions", sheet(rows), actor=year.staff, session=year.session)
    assert preview.ok and preview.summary == {"create": 2, "assign": 1, "numbered": 1}
    assert database(year)["items"] == Proposal.objects.count()  # a dry run writes nothing
    run_import("suggestions", sheet(rows), actor=year.staff, session=year.session)
    first = Proposal.objects.get(title="关于修缮老旧小区的建议", number=20)
    assert (first.state, first.period, first.category.name) == ("assigned", "session", "城乡建设")
    assert [s.deputy.name for s in first.signatures.all()] == ["代表0", "代表2", "代表3"]
    assert first.due_date == deadlines.reply_due(dt.date(2026, 2, 26), _config())
    assert sorted(first.assignments.values_list("unit__name", "role")) == [
        ("市U1局", "lead"),
        ("市U3局", "co"),
    ]
    events = list(first.events.order_by("at", "pk"))
    assert [e.action for e in events] == [
        "suggestion.register",
        "suggestion.accept",
        "suggestion.assign",
    ]
    register = events[0]
    assert (register.actor, register.relation, register.data["on_behalf"]) == (
        year.staff,
        "staff",
        True,
    )
    assert register.at.date() == dt.date(2026, 1, 21)
    assert "代为" in describe(register) or "代表0" in describe(register)
    second = Proposal.objects.get(title="关于增设公交站点的建议")
    # between sessions, numbered after the session's interim sequence
    assert (second.state, second.period, second.number) == ("accepted", "interim", 1)


def test_export_and_import_round_trip_a_session(year):
    exported = workbook_bytes(SuggestionSheetExporter(st.session_items(year.session)))
    Proposal.objects.filter(session=year.session, kind="suggestion").delete()
    result = run_import("suggestions", io.BytesIO(exported), actor=year.staff, session=year.session)
    assert result.summary["create"] == 7
    again = workbook_bytes(SuggestionSheetExporter(st.session_items(year.session)))
    assert rows_of(again) == rows_of(exported)
    assert len(rows_of(again)) == 8  # the header and seven suggestions


def rows_of(content: bytes) -> list[tuple]:
    return list(load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True))


def test_the_template_names_the_columns_and_reads_back_empty(year):
    content = import_template("suggestions")
    wb = load_workbook(io.BytesIO(content))
    assert [c.value for c in wb.worksheets[0][1]] == HEADERS
    notes = {r[0]: r for r in wb.worksheets[1].iter_rows(min_row=2, values_only=True)}
    assert notes["标题"][1] == "是" and notes["建议编号"][1] is None
    result = preview_import(
        "suggestions", io.BytesIO(content), actor=year.staff, session=year.session
    )
    assert [i.message for i in result.issues] == ["表中没有可导入的数据。"]


# -- rosters -----------------------------------------------------------------------------------

DEPUTY_HEADERS = ["姓名", "代表团", "性别", "手机", "身份证号", "电子邮箱"]
VALID_ID = "11010519491231002X"


def test_deputies_with_mistakes_are_refused(year):
    rows = [
        {
            "姓名": "王芳",
            "代表团": "东区代表团",
            "性别": "女",
            "手机": "13800001111",
            "身份证号": VALID_ID,
        },
        {
            "姓名": "李强",
            "代表团": "东区代表团",
            "性别": "M",
            "手机": "1380000",
            "身份证号": "110105194912310021",
        },
        {"姓名": "王芳", "代表团": "东区代表团", "电子邮箱": "wang@"},
        {"姓名": None, "代表团": "东区代表团", "身份证号": "12345"},
    ]
    before = Deputy.objects.count()
    result = preview_import(
        "deputies", sheet(rows, DEPUTY_HEADERS), actor=year.staff, session=year.session
    )
    assert [(i.row, i.column, i.message) for i in result.issues] == [
        (3, "性别", "请填写男或女。"),
        (3, "手机", "“1380000”不是手机号码。"),
        (3, "身份证号", "身份证号码的校验位不正确。"),
        (4, "姓名", "同一代表已在第2行。"),
        (4, "电子邮箱", "“wang@”不是电子邮箱地址。"),
        (5, "姓名", "请填写此项。"),
        (5, "身份证号", "“12345”不是18位身份证号码。"),
    ]
    with pytest.raises(ImportRejected):
        run_import("deputies", sheet(rows, DEPUTY_HEADERS), actor=year.staff, session=year.session)
    assert Deputy.objects.count() == before


def test_deputies_are_created_or_updated(year):
    rows = [
        {
            "姓名": "王芳",
            "代表团": "南区代表团",
            "性别": "女",
            "手机": "13800001111",
            "身份证号": VALID_ID,
        },
        {"姓名": "代表0", "代表团": "东区代表团", "手机": "13900002222"},
    ]
    result = run_import(
        "deputies", sheet(rows, DEPUTY_HEADERS), actor=year.staff, session=year.session
    )
    assert result.summary == {"create": 1, "update": 1, "new_delegations": ["南区代表团"]}
    wang = Deputy.objects.get(name="王芳")
    assert (wang.delegation.name, wang.gender, wang.initials, wang.term) == (
        "南区代表团",
        "female",
        "wf",
        year.session.term,
    )
    assert Deputy.objects.get(name="代表0", delegation__name="东区代表团").mobile == "13900002222"


def test_units_import(year):
    RegionFactory(name="魏都区")
    headers = ["单位名称", "简称", "单位类型", "所属地区"]
    bad = [
        {"单位名称": "市数据局", "单位类型": "局"},
        {"单位名称": "市人大城乡融合发展委员会", "单位类型": "其他", "所属地区": "火星"},
    ]
    result = preview_import("units", sheet(bad, headers), actor=year.staff)
    assert [(i.row, i.column, i.message) for i in result.issues] == [
        (2, "单位类型", "未知的单位类型“局”。"),
        (3, "单位名称", "“市人大城乡融合发展委员会”已是其他类型的机构。"),
        (3, "所属地区", "没有名为“火星”的地区。"),
    ]
    good_rows = [
        {"单位名称": "市数据局", "简称": "数据局", "单位类型": "政府部门", "所属地区": "魏都区"},
        {"单位名称": "市U1局", "简称": "一局", "单位类型": "政府部门"},
    ]
    result = run_import("units", sheet(good_rows, headers), actor=year.staff)
    assert (result.summary["create"], result.summary["update"]) == (1, 1)
    data = Organization.objects.get(name="市数据局")
    assert (data.kind, data.unit_type, data.region.name) == (
        "handling_unit",
        "government_department",
        "魏都区",
    )
    assert Organization.objects.get(name="市U1局").short_name == "一局"
