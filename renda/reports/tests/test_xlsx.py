"""The Excel exports, opened with openpyxl and checked against the database."""

import datetime as dt
import io

import pytest
from django.utils import translation
from openpyxl import load_workbook

from renda.proposals.models import Assignment
from renda.reports import statistics as st
from renda.reports.exporters import render_xlsx
from renda.reports.exporters.lists import (
    AssignmentListExporter,
    ItemListExporter,
    SuggestionSheetExporter,
)
from renda.reports.exporters.tables import StatisticsExporter
from renda.reports.tests.scenario import TODAY, build_year

pytestmark = pytest.mark.django_db


@pytest.fixture
def year():
    return build_year()


def workbook(exporter):
    out = io.BytesIO()
    with translation.override("zh-hans"):
        render_xlsx(exporter, out)
    out.seek(0)
    return load_workbook(out)


def table(ws, header_row=1):
    rows = list(ws.iter_rows(min_row=header_row, values_only=True))
    header = rows[0]
    return [dict(zip(header, r, strict=True)) for r in rows[1:]]


def test_the_item_list_has_one_row_per_item_with_its_facts(year):
    items = st.session_items(year.session)
    wb = workbook(ItemListExporter(items))
    ws = wb.active
    assert ws.title == "议案建议"
    assert ws.freeze_panes == "A2"
    assert ws.column_dimensions["E"].width == 42  # the title column is wide
    rows = table(ws)
    assert len(rows) == items.count()
    s2 = next(r for r in rows if r["标题"] == "关于s2的建议")
    p = year.s["s2"]
    assert s2["编号"] == p.display_number
    assert s2["领衔代表"] == p.lead_deputy.name
    assert s2["主办单位"] == "市U1局"
    assert s2["答复类别"] == "A"  # the latest reply, after re-handling
    assert s2["满意度"] == "基本满意"
    assert s2["状态"] == "已办结"
    assert s2["交办日期"] == dt.datetime(2026, 2, 26)  # a real date cell
    assert ws.cell(row=rows.index(s2) + 2, column=13).number_format == "yyyy-mm-dd"


def test_the_item_list_respects_the_queryset_it_is_given(year):
    only_u2 = st.filter_items(st.session_items(year.session), unit=year.units["U2"].pk)
    rows = table(workbook(ItemListExporter(only_u2)).active)
    assert sorted(r["标题"] for r in rows) == ["关于s4的建议", "关于s5的建议"]
    s4 = next(r for r in rows if r["标题"] == "关于s4的建议")
    assert (s4["重点督办"], s4["超期"]) == ("是", "是")


def test_each_unit_gets_its_assignment_list(year):
    wb = workbook(AssignmentListExporter(st.session_items(year.session)))
    assert wb.sheetnames == ["市U1局", "市U2局", "市U3局"]
    u1 = wb["市U1局"]
    assert u1["A1"].value == "市U1局交办清单"
    rows = table(u1, header_row=2)
    expected = Assignment.objects.filter(
        unit=year.units["U1"], active=True, proposal__kind="suggestion"
    )
    assert len(rows) == expected.count() == 3
    s1 = next(r for r in rows if r["标题"] == "关于s1的建议")
    assert s1["承办方式"] == "主办"
    assert s1["其他承办单位"] == "市U3局（协办）"
    assert s1["手机"] == year.s["s1"].lead_deputy.mobile
    u3 = table(wb["市U3局"], header_row=2)
    assert [(r["标题"], r["承办方式"]) for r in u3] == [("关于s1的建议", "协办")]


def test_one_units_assignment_list(year):
    from renda.congress.models import Organization

    units = Organization.objects.filter(pk=year.units["U2"].pk)
    wb = workbook(AssignmentListExporter(st.session_items(year.session), units))
    assert wb.sheetnames == ["市U2局"]


def test_the_statistics_tables_carry_the_selectors_figures(year):
    stats = st.compute_statistics(st.session_items(year.session), TODAY)
    wb = workbook(StatisticsExporter(stats, heading="统计表"))
    assert wb.sheetnames == ["总体情况", "承办单位", "按类别", "按代表团", "按状态", "督办活动"]
    overview = dict(list(wb["总体情况"].iter_rows(min_row=3, values_only=True)))
    assert overview["收到议案"] == 2
    assert overview["收到建议"] == 8
    assert overview["按期答复率"] == "50.0%"
    assert overview["满意率"] == "100.0%"
    units = table(wb["承办单位"], header_row=2)
    u1 = next(r for r in units if r["承办单位"] == "市U1局")
    assert (u1["主办件数"], u1["已答复"], u1["A类"], u1["C类"]) == (3, 3, 2, 1)
    assert u1["按期答复率"] == pytest.approx(2 / 3)
    total = units[-1]
    assert (total["承办单位"], total["主办件数"]) == ("合计", 5)
    assert wb["承办单位"].cell(row=3, column=9).number_format == "0.0%"
    activities = dict(list(wb["督办活动"].iter_rows(min_row=2, values_only=True)))
    assert activities["调研视察"] == 2


def test_the_register_lists_accepted_suggestions_in_the_import_format(year):
    rows = table(workbook(SuggestionSheetExporter(st.session_items(year.session))).active)
    assert len(rows) == 7  # s1–s6 and s10
    s1 = next(r for r in rows if r["标题"] == "关于s1的建议")
    assert s1["主办单位"] == "市U1局"
    assert s1["协办单位"] == "市U3局"
    assert s1["交办日期"] == dt.datetime(2026, 2, 26)
    assert s1["答复期限"] == dt.datetime.combine(year.s["s1"].due_date, dt.time())
    s2 = next(r for r in rows if r["标题"] == "关于s2的建议")
    # re-handling moved s2's due date; the register keeps the one set at assignment
    assert s2["答复期限"] == s1["答复期限"]
