"""The Word documents, opened with python-docx: the official layout (page, fonts, page numbers)
and the numbers, checked against the statistics of the same data."""

import io
import os
import time
import zipfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.http import Http404
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Length, Pt

from renda.core import clock
from renda.core.errors import DomainError, NotPermitted, RuleViolation
from renda.reports import statistics as st
from renda.reports.documents import defaults
from renda.reports.pdf import PdfUnavailable, docx_to_pdf, pdf_available
from renda.reports.scope import ReportScope
from renda.reports.services import documents
from renda.reports.tests.scenario import TODAY, at, build_year

pytestmark = pytest.mark.django_db


@pytest.fixture
def year():
    return build_year()


def generate(year, **kwargs):
    with clock.travel(at(TODAY)):
        return documents.handling_report_document(
            actor=year.staff, scope=ReportScope(session=year.session), **kwargs
        )


def open_docx(content: bytes):
    return Document(io.BytesIO(content))


def text_of(doc) -> str:
    return "\n".join(p.text for p in doc.paragraphs)


def east_asian_font(style) -> str:
    return style.element.rPr.rFonts.get(qn("w:eastAsia"))


def test_the_page_is_set_up_as_an_official_document(year):
    doc = open_docx(generate(year).content)
    section = doc.sections[0]
    mm = {
        name: round(getattr(section, name).mm, 1)
        for name in ("page_width", "page_height", "top_margin", "left_margin")
    }
    assert mm == {"page_width": 210, "page_height": 297, "top_margin": 37, "left_margin": 28}
    # the text block is 156 × 225 mm
    width = section.page_width - section.left_margin - section.right_margin
    height = section.page_height - section.top_margin - section.bottom_margin
    assert (round(Length(width).mm, 1), round(Length(height).mm, 1)) == (
        156,
        225,
    )
    grid = section._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:linePitch")) == "579"  # 28.95 pt: 22 lines in 225 mm


def test_titles_body_and_headings_use_the_official_fonts(year):
    doc = open_docx(generate(year).content)
    normal = doc.styles["Normal"]
    assert (east_asian_font(normal), normal.font.size) == ("仿宋_GB2312", Pt(16))
    assert normal.paragraph_format.line_spacing == Pt(28.95)
    expected = {
        "公文标题": ("方正小标宋简体", Pt(22), None),
        "一级标题": ("黑体", Pt(16), None),
        "二级标题": ("楷体_GB2312", Pt(16), None),
        "三级标题": ("仿宋_GB2312", Pt(16), True),
    }
    for name, (font, size, bold) in expected.items():
        style = doc.styles[name]
        assert (east_asian_font(style), style.font.size, style.font.bold or None) == (
            font,
            size,
            bold,
        ), name
    title = doc.paragraphs[0]
    assert (title.style.name, title.text) == ("公文标题", "颍川市第七届人民代表大会第九次会议")
    assert title.style.paragraph_format.alignment == 1  # centred
    headings = [p.text for p in doc.paragraphs if p.style.name == "一级标题"]
    assert headings == ["一、办理工作的组织情况", "二、办理结果", "三、存在的问题和下一步工作"]
    assert [p.text for p in doc.paragraphs if p.style.name == "二级标题"] == [
        "（一）议案办理",
        "（二）建议交办和督办",
        "（一）议案办理成效",
        "（二）建议答复情况",
        "（三）代表满意度测评情况",
        "（四）重点督办建议办理情况",
    ]


def test_page_numbers_sit_right_on_odd_and_left_on_even_pages(year):
    doc = open_docx(generate(year).content)
    assert doc.settings.odd_and_even_pages_header_footer
    section = doc.sections[0]
    for footer, alignment in ((section.footer, 2), (section.even_page_footer, 0)):
        [p] = footer.paragraphs
        assert p.paragraph_format.alignment == alignment
        assert p.text.replace(" ", "") == "—1—"
        assert " PAGE " in "".join(t.text for t in p._p.iter(qn("w:instrText")))
        fonts = {r.element.rPr.rFonts.get(qn("w:eastAsia")) for r in p.runs}
        assert fonts == {"宋体"}
        assert {r.font.size for r in p.runs} == {Pt(14)}


def test_the_report_says_the_numbers_of_the_database(year):
    doc = open_docx(generate(year).content)
    text = text_of(doc)
    f = st.overall_figures(st.session_items(year.session), TODAY)
    assert "{{" not in text and "{%" not in text
    assert "市七届人大九次会议期间，共收到代表联名提出的议案2件。" in text
    assert "《关于先行试验区建设的议案》" in text
    assert "经市人大常委会第五十一次会议审议，列为议案办理；其余1件作为建议处理。" in text
    assert "共收到代表建议、批评和意见8件（含议案转为建议1件），立案7件，转为来信处理1件。" in text
    assert "开展专题调研视察2次" in text and "报送阶段性书面总结1次" in text
    assert f"截至2026年11月20日，已答复{f.replied}件，答复率60.0%。" in text
    assert "A类2件，占66.7%" in text and "C类1件，占33.3%" in text
    assert "按期答复率50.0%，答复前与代表沟通联系率66.7%。" in text
    assert "满意1件、基本满意1件、不满意0件，满意率（含基本满意）100.0%" in text
    assert "首次评价不满意的1件建议" in text
    assert "目前仍有1件建议超过答复期限尚未答复，涉及市U2局1件。" in text
    assert "1.《关于s4的建议》" in text
    assert "2026年11月20日" in [p.text for p in doc.paragraphs if p.style.name == "署名"]


def test_the_appended_unit_table_matches_the_unit_figures(year):
    doc = open_docx(generate(year).content)
    units = st.unit_figures(st.session_items(year.session), TODAY)
    table = doc.tables[0]
    header = [c.text for c in table.rows[0].cells]
    assert header[:3] == ["序号", "承办单位", "主办"]
    rows = [[c.text for c in row.cells] for row in table.rows[1:]]
    assert rows == [
        [
            str(n),
            u.name,
            str(u.figures.assigned),
            str(u.co_assigned),
            str(u.figures.replied),
            str(u.figures.class_a),
            str(u.figures.class_b),
            str(u.figures.class_c),
            u.figures.on_time_rate.percent,
            u.figures.contact_rate.percent,
            u.figures.satisfaction_rate.percent,
        ]
        for n, u in enumerate(units, start=1)
    ]
    categories = [[c.text for c in row.cells] for row in doc.tables[1].rows[1:]]
    assert categories == [["1", "城乡建设", "2", "6", "8"], ["2", "交通运输", "0", "2", "2"]]


def test_only_staff_generate_the_handling_report(year):
    with pytest.raises(NotPermitted):
        documents.handling_report_document(
            actor=year.officers["U1"], scope=ReportScope(session=year.session)
        )


def test_a_year_report(year):
    with clock.travel(at(TODAY)):
        doc = open_docx(
            documents.handling_report_document(
                actor=year.staff, scope=ReportScope(year=2026)
            ).content
        )
    assert doc.paragraphs[0].text.endswith("2026年度")
    assert "2026年，共收到代表联名提出的议案2件" in text_of(doc)


def test_a_units_report(year):
    scope = ReportScope(session=year.session)
    with clock.travel(at(TODAY)):
        f = documents.unit_report_document(
            actor=year.officers["U1"], scope=scope, unit=year.units["U1"]
        )
    assert f.name.endswith(".docx") and "市U1局" in f.name
    doc = open_docx(f.content)
    text = text_of(doc)
    assert doc.paragraphs[0].text == "市U1局"
    assert "我单位共承办代表建议3件，其中主办3件、协办0件。" in text
    assert (
        "已答复3件。其中A类2件，占66.7%；B类0件，占0.0%；C类1件，占33.3%。按期答复率66.7%" in text
    )
    rows = [[c.text for c in r.cells] for r in doc.tables[0].rows[1:]]
    assert [(r[2], r[4], r[6], r[7]) for r in rows] == [
        ("关于s1的建议", "主办", "A", "满意"),
        ("关于s2的建议", "主办", "A", "基本满意"),
        ("关于s3的建议", "主办", "C", ""),
    ]
    with pytest.raises(NotPermitted):
        documents.unit_report_document(
            actor=year.officers["U2"], scope=scope, unit=year.units["U1"]
        )


def test_a_reply_letter(year):
    s2 = year.s["s2"]
    f = documents.reply_letter_document(actor=year.officers["U1"], proposal_id=s2.pk)
    doc = open_docx(f.content)
    texts = [p.text for p in doc.paragraphs]
    assert texts[0] == "A"  # the class mark, top right
    assert doc.paragraphs[0].style.name == "类别标记"
    assert texts[1:3] == ["市U1局", f"关于{s2.reference}的答复"]
    assert f"{s2.lead_deputy.name}代表：" in texts
    assert "答复正文。" in texts and "第二段。" in texts
    assert "2026年7月1日" in texts  # the second reply's date
    assert "签发人：王局长　联系人：李明　联系电话：0374-1234567" in texts
    first = open_docx(
        documents.reply_letter_document(actor=year.staff, proposal_id=s2.pk, round=1).content
    )
    assert first.paragraphs[0].text == "B"


def test_a_reply_letter_is_404_for_those_who_may_not_see_the_item(year):
    with pytest.raises(Http404):
        documents.reply_letter_document(actor=year.officers["U2"], proposal_id=year.s["s1"].pk)
    with pytest.raises(RuleViolation):
        documents.reply_letter_document(actor=year.officers["U2"], proposal_id=year.s["s4"].pk)


def test_the_committed_default_templates_are_what_the_code_builds():
    for kind, build in defaults.BUILDERS.items():
        built, committed = build(), Document(defaults.TEMPLATE_DIR / f"{kind}.docx")
        assert [p.text for p in committed.paragraphs] == [p.text for p in built.paragraphs], kind
        assert [[c.text for c in r.cells] for t in committed.tables for r in t.rows] == [
            [c.text for c in r.cells] for t in built.tables for r in t.rows
        ], kind


def test_the_handling_report_command(year, tmp_path, settings):
    out = tmp_path / "report.docx"
    with clock.travel(at(TODAY)):
        call_command("handling_report", "--session", "latest", "--out", str(out))
    assert open_docx(out.read_bytes()).paragraphs[0].text == "颍川市第七届人民代表大会第九次会议"
    settings.REPORTS_SOFFICE = "no-such-soffice"
    with pytest.raises(CommandError, match="LibreOffice"):
        call_command(
            "handling_report", "--session", str(year.session.pk), "--out", str(out), "--pdf"
        )
    with pytest.raises(CommandError, match="No session"):
        call_command("handling_report", "--session", "9999", "--out", str(out))


def test_without_libreoffice_pdf_is_refused_with_a_clear_message(settings):
    settings.REPORTS_SOFFICE = "no-such-soffice"
    assert not pdf_available()
    with pytest.raises(PdfUnavailable) as refused:
        docx_to_pdf(b"")
    assert "LibreOffice" in str(refused.value)


def test_a_conversion_that_hangs_is_stopped(settings, tmp_path):
    fake = tmp_path / "soffice"
    fake.write_text("#!/bin/sh\nsleep 30\n")
    fake.chmod(0o755)
    settings.REPORTS_SOFFICE = str(fake)
    started = time.monotonic()
    with pytest.raises(DomainError):
        docx_to_pdf(b"x", timeout=1)
    assert time.monotonic() - started < 10


def test_the_report_converts_to_a_real_pdf(year):
    if not pdf_available():
        if os.environ.get("CI"):
            pytest.fail("LibreOffice (soffice) is missing on CI; `make test` installs it")
        pytest.skip("LibreOffice is not installed here (make test installs it as root)")
    from pypdf import PdfReader

    f = generate(year, pdf=True)
    assert f.name.endswith(".pdf") and f.content.startswith(b"%PDF")
    pdf = PdfReader(io.BytesIO(f.content))
    assert len(pdf.pages) >= 3  # body and the appended tables
    page = pdf.pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)
    text = "".join(p.extract_text() for p in pdf.pages).replace(" ", "").replace("\n", "")
    assert "代表议案和建议办理情况的报告" in text
    assert "按期答复率50.0%" in text


def test_generated_documents_are_valid_zip_packages(year):
    content = generate(year).content
    with zipfile.ZipFile(io.BytesIO(content)) as z:
        assert z.testzip() is None
        assert "word/document.xml" in z.namelist()


def test_templates_are_shipped_inside_the_package():
    assert all((Path(defaults.TEMPLATE_DIR) / f"{k}.docx").exists() for k in defaults.BUILDERS)
