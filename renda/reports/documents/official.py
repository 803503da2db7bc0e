"""An official document's layout (党政机关公文格式, GB/T 9704-2012) with python-docx.

A4; top margin 37 mm, left (binding) margin 28 mm; a 156 × 225 mm text block of 22 lines
(fixed 28.95 pt line pitch) of 28 characters. Title 2号 方正小标宋简体, centred; body 3号
仿宋_GB2312; headings 一、黑体 /（一）楷体_GB2312 / 1. 仿宋_GB2312 bold; page numbers 4号 宋体
between em dashes, odd pages on the right and even pages on the left, each one character in.
Fonts a machine lacks are substituted by Word, WPS or LibreOffice; the names stay in the file.
"""

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING1_FONT = "黑体"
HEADING2_FONT = "楷体_GB2312"
PAGE_NUMBER_FONT = "宋体"

SIZE_2 = Pt(22)  # 二号
SIZE_3 = Pt(16)  # 三号
SIZE_4 = Pt(14)  # 四号
SIZE_TABLE = Pt(10.5)  # 五号, for the appended tables
LINE_PITCH = Pt(28.95)  # 225 mm / 22 lines
CHARS_PER_LINE = 28
CHARACTER_SPACING_TWIPS = -5  # 16 pt - 0.25 pt = 15.75 pt; 28 × 15.75 pt ≤ 156 mm

PAGE = {
    "page_width": Mm(210),
    "page_height": Mm(297),
    "top_margin": Mm(37),
    "left_margin": Mm(28),
    "right_margin": Mm(26),  # 210 - 28 - 156
    "bottom_margin": Mm(35),  # 297 - 37 - 225
    "header_distance": Mm(15),
    # The page number's line sits 7 mm below the text block (28 mm above the paper's edge).
    "footer_distance": Mm(22),
}

# style name → (font, size, bold, alignment, first-line indent in characters)
STYLES = {
    "公文标题": (TITLE_FONT, SIZE_2, False, WD_ALIGN_PARAGRAPH.CENTER, 0),
    "发文机关": (HEADING2_FONT, SIZE_3, False, WD_ALIGN_PARAGRAPH.CENTER, 0),
    "主送机关": (BODY_FONT, SIZE_3, False, WD_ALIGN_PARAGRAPH.LEFT, 0),
    "一级标题": (HEADING1_FONT, SIZE_3, False, WD_ALIGN_PARAGRAPH.JUSTIFY, 2),
    "二级标题": (HEADING2_FONT, SIZE_3, False, WD_ALIGN_PARAGRAPH.JUSTIFY, 2),
    "三级标题": (BODY_FONT, SIZE_3, True, WD_ALIGN_PARAGRAPH.JUSTIFY, 2),
    "署名": (BODY_FONT, SIZE_3, False, WD_ALIGN_PARAGRAPH.RIGHT, 0),
    "附表标题": (HEADING1_FONT, SIZE_3, False, WD_ALIGN_PARAGRAPH.LEFT, 0),
    "表格标题": (TITLE_FONT, SIZE_3, False, WD_ALIGN_PARAGRAPH.CENTER, 0),
    "表格文字": (BODY_FONT, SIZE_TABLE, False, WD_ALIGN_PARAGRAPH.CENTER, 0),
    "类别标记": (HEADING1_FONT, SIZE_3, False, WD_ALIGN_PARAGRAPH.RIGHT, 0),
}


def new_document():
    """An empty A4 document with the official page setup, styles and page numbers."""
    doc = Document()
    section = doc.sections[0]
    for name, value in PAGE.items():
        setattr(section, name, value)
    _document_grid(section)
    _body_style(doc)
    for name, spec in STYLES.items():
        _paragraph_style(doc, name, *spec)
    _page_numbers(doc, section)
    return doc


def set_font(element_font, name: str, size=None, bold: bool | None = None) -> None:
    """Set a font for Latin and East Asian text alike (python-docx sets only the Latin one)."""
    element_font.name = name
    if size is not None:
        element_font.size = size
    if bold is not None:
        element_font.bold = bold
    rpr = element_font.element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), name)


def _document_grid(section) -> None:
    # A line grid of 22 lines a page. (A character grid, `linesAndChars`, is read differently
    # by LibreOffice and WPS; 28 characters a line come from the condensed spacing instead.)
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        section._sectPr.append(grid)
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(round(LINE_PITCH.pt * 20)))


def _fixed_lines(paragraph_format, pitch=LINE_PITCH) -> None:
    paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    paragraph_format.line_spacing = pitch
    paragraph_format.space_before = Pt(0)
    paragraph_format.space_after = Pt(0)


def _indent_chars(paragraph_format, chars: int, size) -> None:
    paragraph_format.first_line_indent = Pt(size.pt * chars) if chars else Pt(0)
    ind = paragraph_format.element.get_or_add_pPr().get_or_add_ind()
    ind.set(qn("w:firstLineChars"), str(chars * 100))


def _body_style(doc) -> None:
    normal = doc.styles["Normal"]
    set_font(normal.font, BODY_FONT, SIZE_3, False)
    _fixed_lines(normal.paragraph_format)
    normal.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    _indent_chars(normal.paragraph_format, 2, SIZE_3)
    # 28 characters of 3号 in 156 mm: each character 0.25 pt narrower (in twentieths).
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:val"), str(CHARACTER_SPACING_TWIPS))
    normal.element.get_or_add_rPr().append(spacing)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "zh-CN")
    lang.set(qn("w:eastAsia"), "zh-CN")
    normal.element.get_or_add_rPr().append(lang)


def _paragraph_style(doc, name, font, size, bold, alignment, indent_chars) -> None:
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles["Normal"]
    set_font(style.font, font, size, bold)
    fmt = style.paragraph_format
    fmt.alignment = alignment
    _indent_chars(fmt, indent_chars, size)
    if name == "表格文字":
        fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
        fmt.space_before = fmt.space_after = Pt(2)
        snap = OxmlElement("w:snapToGrid")  # table rows keep their own height, off the grid
        snap.set(qn("w:val"), "0")
        fmt.element.get_or_add_pPr().append(snap)
    if name == "公文标题":
        _fixed_lines(fmt, Pt(36))


def _page_numbers(doc, section) -> None:
    doc.settings.odd_and_even_pages_header_footer = True
    _page_number(section.footer.paragraphs[0], WD_ALIGN_PARAGRAPH.RIGHT)
    _page_number(section.even_page_footer.paragraphs[0], WD_ALIGN_PARAGRAPH.LEFT)


def _page_number(paragraph, alignment) -> None:
    """— 1 —: 4号 宋体, one character in from the right (odd) or left (even) edge."""
    fmt = paragraph.paragraph_format
    fmt.alignment = alignment
    fmt.first_line_indent = Pt(0)
    one_char = Pt(SIZE_4.pt)
    if alignment == WD_ALIGN_PARAGRAPH.RIGHT:
        fmt.right_indent = one_char
    else:
        fmt.left_indent = one_char
    _run(paragraph, "— ")
    _field(paragraph, "PAGE", "1")
    _run(paragraph, " —")


def _run(paragraph, text: str):
    run = paragraph.add_run(text)
    set_font(run.font, PAGE_NUMBER_FONT, SIZE_4)
    return run


def _field(paragraph, instruction: str, placeholder: str) -> None:
    for kind, text in (("begin", None), (None, f" {instruction} "), ("separate", None)):
        run = _run(paragraph, "")
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        else:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
    _run(paragraph, placeholder)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    _run(paragraph, "")._r.append(end)


# -- writing helpers for the template builders --------------------------------------------------


def title(doc, text: str):
    return doc.add_paragraph(text, style="公文标题")


def para(doc, text: str, style: str | None = None):
    return doc.add_paragraph(text, style=style)


def page_break(doc) -> None:
    doc.add_paragraph(style="主送机关").add_run().add_break(WD_BREAK.PAGE)


def table(doc, columns: list[tuple[str, float]], cells: list[str], loop: str):
    """A grid table of (header, width in mm) columns across the 156 mm text block: a header
    row, then one row repeated by docxtpl (`{%tr for … %}` … `{%tr endfor %}`)."""
    headers = [h for h, _ in columns]
    end = "{%tr endfor %}"
    t = doc.add_table(rows=4, cols=len(headers))
    t.style = doc.styles["Table Grid"]
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    t.autofit = False
    rows = [headers, [loop] + [""] * (len(headers) - 1), cells, [end] + [""] * (len(headers) - 1)]
    for row, texts in zip(t.rows, rows, strict=True):
        for cell, text in zip(row.cells, texts, strict=True):
            p = cell.paragraphs[0]
            p.style = doc.styles["表格文字"]
            run = p.add_run(text)
            if row is t.rows[0]:
                run.bold = True
    for i, (_, width) in enumerate(columns):
        t.columns[i].width = Mm(width)
        for cell in t.columns[i].cells:
            cell.width = Mm(width)
    _repeat_header(t.rows[0])
    return t


def form_table(doc, rows: list[tuple[str, str]], widths: tuple[float, float]):
    """A two-column form (label, value) across the text block, e.g. the evaluation form; a
    value's line breaks ("\n") leave room to write by hand."""
    t = doc.add_table(rows=len(rows), cols=2)
    t.style = doc.styles["Table Grid"]
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    t.autofit = False
    for row, (label, value) in zip(t.rows, rows, strict=True):
        for cell, text, bold in ((row.cells[0], label, True), (row.cells[1], value, False)):
            lines = text.split("\n")
            cell.paragraphs[0].style = doc.styles["表格文字"]
            cell.paragraphs[0].add_run(lines[0]).bold = bold
            for line in lines[1:]:
                cell.add_paragraph(line, style="表格文字")
    for i, width in enumerate(widths):
        for cell in t.columns[i].cells:
            cell.width = Mm(width)
    return t


def _repeat_header(row) -> None:
    trpr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    trpr.append(header)


__all__ = ["form_table", "new_document", "page_break", "para", "set_font", "table", "title"]
