"""The default Word templates renda ships (docxtpl: Jinja inside a .docx), built from code.

`manage.py build_report_templates` writes them to renda/reports/docx_templates/, where they are
committed so staff can open one in Word or WPS, change the wording and upload it back (see
the README). The variables each template may use are listed in `context.py`.

Tags that stand alone in a paragraph (`{%p for … %}`, `{%p if … %}`) repeat or drop whole
paragraphs; `{%tr … %}` rows repeat table rows.
"""

from pathlib import Path

from renda.reports.documents.official import (
    form_table,
    new_document,
    page_break,
    para,
    table,
    title,
)

TEMPLATE_DIR = Path(__file__).resolve().parent.parent / "docx_templates"


def handling_report():
    """办理情况的报告: the standing committee's report on the year's motions and suggestions."""
    doc = new_document()
    title(doc, "{{ scope_title }}")
    title(doc, "代表议案和建议办理情况的报告")
    para(doc, "{{ author }}", "发文机关")
    para(
        doc,
        "{{ scope_phrase }}，共收到代表联名提出的议案{{ motions.received }}件。"
        "{% for m in listed_motions %}经大会主席团研究，决定将{{ m.proposers }}提出的"
        "《{{ m.title }}》{% if m.referred_to %}交{{ m.referred_to }}{% endif %}"
        "{% if m.meeting %}，经{{ m.meeting }}审议{% endif %}，列为议案办理；{% endfor %}"
        "{% if listed_motions %}其余{{ motions.converted }}件作为建议处理。"
        "{% elif motions.converted %}{{ motions.converted }}件作为建议处理。{% endif %}"
        "{{ suggestion_phrase }}共收到代表建议、批评和意见{{ suggestions.received }}件"
        "{% if suggestions.from_motions %}（含议案转为建议{{ suggestions.from_motions }}件）"
        "{% endif %}，立案{{ suggestions.accepted }}件"
        "{% if suggestions.transferred %}，转为来信处理{{ suggestions.transferred }}件"
        "{% endif %}。{% if categories_text %}按内容分，{{ categories_text }}。{% endif %}"
        "现将办理情况报告如下：",
    )
    _organisation(doc)
    _results(doc)
    _next_steps(doc)
    _signature(doc)
    _report_tables(doc)
    return doc


def _organisation(doc) -> None:
    para(doc, "一、办理工作的组织情况", "一级标题")
    para(doc, "{%p if listed_motions %}")
    para(doc, "（一）议案办理", "二级标题")
    para(doc, "{%p for m in listed_motions %}")
    para(
        doc,
        "围绕《{{ m.title }}》的办理，{{ m.committee }}"
        "{% if m.leader %}在{{ m.leader }}带领下{% endif %}，"
        "{% if m.activities.investigations %}组织部分市人大代表和有关部门负责同志组成调研组，"
        "开展专题调研视察{{ m.activities.investigations }}次，{% endif %}"
        "{% if m.activities.hearings %}听取县（市、区）及市直部门议案办理情况汇报"
        "{{ m.activities.hearings }}次，{% endif %}"
        "{% if m.activities.summaries %}要求各县（市、区）和市直相关单位报送阶段性书面总结"
        "{{ m.activities.summaries }}次，{% endif %}"
        "{% if m.activities.symposiums %}召开研讨座谈会{{ m.activities.symposiums }}次，"
        "{% endif %}督促议案办理。{% if m.units %}承办单位为{{ m.units }}。{% endif %}",
    )
    para(doc, "{%p for a in m.activity_list %}")
    para(
        doc,
        "{{ a.date }}，{{ a.title }}{% if a.participants %}（参加人员：{{ a.participants }}）"
        "{% endif %}。",
    )
    para(doc, "{%p endfor %}")
    para(doc, "{%p endfor %}")
    para(doc, "{%p endif %}")
    para(doc, "（{{ '二' if listed_motions else '一' }}）建议交办和督办", "二级标题")
    para(
        doc,
        "{{ suggestions.assigned }}件建议已交由{{ suggestions.units }}个承办单位办理。"
        "{% if handling.key_supervised %}确定重点督办建议{{ handling.key_supervised }}件，"
        "由有关专门委员会和常委会领导牵头督办。{% endif %}"
        "{% if activities.total %}各专门委员会围绕议案和重点建议开展调研视察"
        "{{ activities.investigations }}次、听取汇报{{ activities.hearings }}次、"
        "召开座谈会{{ activities.symposiums }}次，收到书面总结{{ activities.summaries }}份。"
        "{% endif %}各承办单位在答复前与代表沟通联系{{ contacts.total }}次"
        "{% if contacts_text %}，其中{{ contacts_text }}{% endif %}。",
    )


def _results(doc) -> None:
    para(doc, "二、办理结果", "一级标题")
    para(doc, "{%p if listed_motions %}")
    para(doc, "（一）议案办理成效", "二级标题")
    para(doc, "{%p for m in listed_motions %}")
    para(doc, "{%p for text in m.progress %}")
    para(doc, "{{ text }}")
    para(doc, "{%p endfor %}")
    para(doc, "{%p endfor %}")
    para(doc, "{%p endif %}")
    para(doc, "（{{ numbers[0] }}）建议答复情况", "二级标题")
    para(
        doc,
        "截至{{ as_of }}，已答复{{ handling.replied }}件，答复率{{ handling.reply_rate }}。"
        "其中，所提问题已经解决或基本解决的A类{{ handling.class_a }}件，"
        "占{{ handling.a_share }}；正在解决或已列入计划逐步解决的B类{{ handling.class_b }}件，"
        "占{{ handling.b_share }}；因条件限制或其他原因需以后解决的C类"
        "{{ handling.class_c }}件，占{{ handling.c_share }}。"
        "按期答复率{{ handling.on_time_rate }}，答复前与代表沟通联系率"
        "{{ handling.contact_rate }}。",
    )
    para(doc, "（{{ numbers[1] }}）代表满意度测评情况", "二级标题")
    para(
        doc,
        "代表已对{{ handling.evaluated }}件建议的办理情况作出评价，其中满意"
        "{{ handling.satisfied }}件、基本满意{{ handling.basically_satisfied }}件、不满意"
        "{{ handling.unsatisfied }}件，满意率（含基本满意）{{ handling.satisfaction_rate }}。"
        "{% if handling.rehandled %}对代表首次评价不满意的{{ handling.rehandled }}件建议，"
        "已要求承办单位重新研究办理。{% endif %}"
        "{% if handling.no_feedback %}另有{{ handling.no_feedback }}件代表未反馈意见。{% endif %}",
    )
    para(doc, "{%p if key_items %}")
    para(doc, "（{{ numbers[2] }}）重点督办建议办理情况", "二级标题")
    para(doc, "{%p for k in key_items %}")
    para(
        doc,
        "{{ loop.index }}.《{{ k.title }}》（{{ k.number }}，{{ k.proposer }}代表提出），"
        "由{{ k.committee }}{% if k.leader %}、{{ k.leader }}{% endif %}督办，"
        "{{ k.lead_unit }}主办，{{ k.status }}。",
    )
    para(doc, "{%p endfor %}")
    para(doc, "{%p endif %}")


def _next_steps(doc) -> None:
    para(doc, "三、存在的问题和下一步工作", "一级标题")
    para(
        doc,
        "{% if handling.overdue %}目前仍有{{ handling.overdue }}件建议超过答复期限尚未答复，"
        "涉及{{ overdue_units_text }}。{% endif %}"
        "有的承办单位与代表沟通不够充分，答复内容较为原则；部分B类、C类建议的后续落实跟踪"
        "还不够到位。下一步，市人大常委会将进一步加强对代表建议办理工作的督促检查，"
        "推动已答复事项落地见效，不断提高代表建议办理质量。",
    )


def _signature(doc) -> None:
    para(doc, "")
    para(doc, "{{ author }}", "署名")
    para(doc, "{{ report_date }}", "署名")


def _report_tables(doc) -> None:
    page_break(doc)
    para(doc, "附表1", "附表标题")
    para(doc, "各承办单位代表建议办理情况统计表", "表格标题")
    table(
        doc,
        [
            ("序号", 9),
            ("承办单位", 32),
            ("主办", 12),
            ("协办", 12),
            ("已答复", 13),
            ("A类", 10),
            ("B类", 10),
            ("C类", 10),
            ("按期答复率", 16),
            ("沟通率", 16),
            ("满意率", 16),
        ],
        [
            "{{ u.n }}",
            "{{ u.name }}",
            "{{ u.led }}",
            "{{ u.co }}",
            "{{ u.replied }}",
            "{{ u.class_a }}",
            "{{ u.class_b }}",
            "{{ u.class_c }}",
            "{{ u.on_time_rate }}",
            "{{ u.contact_rate }}",
            "{{ u.satisfaction_rate }}",
        ],
        "{%tr for u in units %}",
    )
    para(doc, "")
    para(doc, "附表2", "附表标题")
    para(doc, "代表议案建议分类统计表", "表格标题")
    table(
        doc,
        [("序号", 16), ("类别", 60), ("议案", 26), ("建议", 27), ("合计", 27)],
        ["{{ c.n }}", "{{ c.name }}", "{{ c.motions }}", "{{ c.suggestions }}", "{{ c.total }}"],
        "{%tr for c in categories %}",
    )
    para(doc, "")
    para(doc, "附表3", "附表标题")
    para(doc, "各代表团提出议案建议情况统计表", "表格标题")
    table(
        doc,
        [("序号", 16), ("代表团", 60), ("议案", 26), ("建议", 27), ("合计", 27)],
        ["{{ d.n }}", "{{ d.name }}", "{{ d.motions }}", "{{ d.suggestions }}", "{{ d.total }}"],
        "{%tr for d in delegations %}",
    )
    para(doc, "{%p if key_items %}")
    para(doc, "")
    para(doc, "附表4", "附表标题")
    para(doc, "重点督办建议一览表", "表格标题")
    table(
        doc,
        [
            ("序号", 10),
            ("编号", 18),
            ("标题", 46),
            ("领衔代表", 16),
            ("督办委员会", 22),
            ("主办单位", 22),
            ("办理情况", 22),
        ],
        [
            "{{ loop.index }}",
            "{{ k.number }}",
            "{{ k.title }}",
            "{{ k.proposer }}",
            "{{ k.committee }}",
            "{{ k.lead_unit }}",
            "{{ k.status }}",
        ],
        "{%tr for k in key_items %}",
    )
    para(doc, "{%p endif %}")


def unit_report():
    """A handling unit's report on the suggestions it handled (承办单位办理情况报告)."""
    doc = new_document()
    title(doc, "{{ unit.name }}")
    title(doc, "关于{{ scope_title }}代表建议办理情况的报告")
    para(doc, "")
    para(doc, "{{ addressee }}：", "主送机关")
    para(
        doc,
        "{{ scope_phrase }}，我单位共承办代表建议{{ unit.total }}件，其中主办{{ unit.led }}件、"
        "协办{{ unit.co }}件。现将办理情况报告如下：",
    )
    para(doc, "一、办理结果", "一级标题")
    para(
        doc,
        "截至{{ as_of }}，我单位主办的建议已答复{{ unit.replied }}件。其中A类"
        "{{ unit.class_a }}件，占{{ unit.a_share }}；B类{{ unit.class_b }}件，占"
        "{{ unit.b_share }}；C类{{ unit.class_c }}件，占{{ unit.c_share }}。按期答复率"
        "{{ unit.on_time_rate }}，答复前与代表沟通联系率{{ unit.contact_rate }}。"
        "代表已评价{{ unit.evaluated }}件，满意率（含基本满意）{{ unit.satisfaction_rate }}"
        "{% if unit.rehandled %}，重新办理{{ unit.rehandled }}件{% endif %}。"
        "{% if unit.overdue %}尚有{{ unit.overdue }}件超过答复期限未答复，正在抓紧办理。"
        "{% endif %}",
    )
    para(doc, "二、下一步工作", "一级标题")
    para(
        doc,
        "我单位将对已答复的B类、C类建议继续跟踪落实，及时向代表反馈进展，"
        "切实提高建议办理质量和实效。",
    )
    para(doc, "")
    para(doc, "{{ unit.name }}", "署名")
    para(doc, "{{ report_date }}", "署名")
    page_break(doc)
    para(doc, "附表", "附表标题")
    para(doc, "代表建议办理情况一览表", "表格标题")
    table(
        doc,
        [
            ("序号", 10),
            ("编号", 18),
            ("标题", 50),
            ("领衔代表", 16),
            ("承办方式", 14),
            ("答复日期", 22),
            ("类别", 10),
            ("满意度", 16),
        ],
        [
            "{{ loop.index }}",
            "{{ i.number }}",
            "{{ i.title }}",
            "{{ i.proposer }}",
            "{{ i.role }}",
            "{{ i.replied }}",
            "{{ i.result_class }}",
            "{{ i.evaluation }}",
        ],
        "{%tr for i in items %}",
    )
    return doc


def reply_letter():
    """答复函: a handling unit's reply to a suggestion, as printed for the deputies — one letter
    each (or one listing them), the lead deputy's followed by the evaluation form."""
    doc = new_document()
    para(doc, "{%p for letter in letters %}")
    para(doc, "{{ result_class }}", "类别标记")
    title(doc, "{{ unit }}")
    title(doc, "关于{{ reference }}的答复")
    para(doc, "")
    para(doc, "{{ letter.addressee }}：", "主送机关")
    para(doc, "{{ letter.you }}提出的《{{ title }}》收悉。经认真研究，现答复如下：")
    para(doc, "{%p for text in paragraphs %}")
    para(doc, "{{ text }}")
    para(doc, "{%p endfor %}")
    para(doc, "感谢{{ letter.you }}对我单位工作的关心和支持，欢迎继续提出宝贵意见和建议。")
    para(doc, "")
    para(doc, "{{ unit }}", "署名")
    para(doc, "{{ reply_date }}", "署名")
    para(doc, "")
    para(
        doc,
        "{% if signed_by %}签发人：{{ signed_by }}　{% endif %}"
        "{% if contact_person %}联系人：{{ contact_person }}　{% endif %}"
        "{% if contact_phone %}联系电话：{{ contact_phone }}{% endif %}",
        "主送机关",
    )
    para(doc, "{% if copy_to %}抄送：{{ copy_to }}。{% endif %}", "主送机关")
    para(doc, "{%p if letter.evaluation_form %}")
    page_break(doc)
    _evaluation_form(doc)
    para(doc, "{%p endif %}")
    para(doc, "{%p if not loop.last %}")
    page_break(doc)
    para(doc, "{%p endif %}")
    para(doc, "{%p endfor %}")
    return doc


def _evaluation_form(doc) -> None:
    """征询意见表: the lead deputy ticks an evaluation and sends the form back (staff then
    enter it on the deputy's behalf)."""
    title(doc, "代表建议办理情况征询意见表")
    para(doc, "")
    form_table(
        doc,
        [
            ("建议编号", "{{ reference }}"),
            ("建议标题", "《{{ title }}》"),
            (
                "领衔代表",
                "{{ form.deputy }}{% if form.delegation %}（{{ form.delegation }}）{% endif %}",
            ),
            ("承办单位", "{{ unit }}"),
            ("答复类别", "{{ result_class }}类（{{ class_words }}）"),
            ("答复前是否与代表沟通联系", "□是　　□否"),
            ("对办理工作的评价", "□满意　　□基本满意　　□不满意"),
            ("意见和建议", "\n\n\n\n"),
            ("代表签名", "\n　　　　　　　　　　　　年　　月　　日"),
        ],
        (44, 112),
    )
    para(
        doc,
        "请于收到答复之日起{{ form.months }}个月内填写本表，寄回{{ form.return_to }}，"
        "也可登录系统在线评价。",
        "表格文字",
    )


BUILDERS = {
    "handling_report": handling_report,
    "unit_report": unit_report,
    "reply_letter": reply_letter,
}


def write_defaults(directory: Path = TEMPLATE_DIR) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for kind, build in BUILDERS.items():
        path = directory / f"{kind}.docx"
        build().save(path)
        written.append(path)
    return written
