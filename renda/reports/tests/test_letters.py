"""The reply letter (答复函) as issue 7 asks: titled 《关于市七届人大九次会议第0012号建议的答复》,
the class mark at the top right of each letter's first page, addressed to every deputy who
signed — one letter each, or one listing them (CongressSettings.reply_letters) — with the
unit's name and date, and the evaluation form (征询意见表) for the lead deputy only."""

import io

import pytest
from django.utils import timezone
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from renda.congress.models import CongressSettings, ReplyLetters
from renda.proposals.models import Kind, Reply
from renda.proposals.tests.builders import build_item
from renda.reports.scope import chinese_date
from renda.reports.services import documents
from renda.testing.personas import make_cast

pytestmark = pytest.mark.django_db
FORM_TITLE = "代表建议办理情况征询意见表"


@pytest.fixture
def world():
    cast = make_cast(cosigners=2)
    config = CongressSettings.current()
    config.short_name = "市"
    config.save(update_fields=["short_name"])
    item = build_item(cast, Kind.SUGGESTION, "closed")  # a B-class reply, 2 co-signers
    reply = Reply.objects.get(proposal=item)
    reply.signed_by_name, reply.body = "王局长", "答复正文第一段。\n答复正文第二段。"
    reply.save(update_fields=["signed_by_name", "body"])
    return cast, item, reply


def letter(cast, item, mode: str):
    CongressSettings.objects.update(reply_letters=mode)
    f = documents.reply_letter_document(actor=cast.staff, proposal_id=item.pk)
    assert f.name.endswith(".docx")
    return Document(io.BytesIO(f.content))


def names(cast) -> list[str]:
    return [cast.proposer.deputy.name, *(u.deputy.name for u in cast.cosigners)]


def body_blocks(doc):
    """Paragraphs and tables in document order, as ("p", paragraph) / ("t", table)."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in doc.element.body.iterchildren():
        if child.tag == qn("w:p"):
            yield "p", Paragraph(child, doc)
        elif child.tag == qn("w:tbl"):
            yield "t", Table(child, doc)


def letters_of(doc) -> list[dict]:
    """Split the document at each class mark: one entry per letter, with what follows it."""
    letters: list[dict] = []
    for kind, block in body_blocks(doc):
        if kind == "p" and block.style.name == "类别标记":
            letters.append({"mark": block, "paragraphs": [], "tables": []})
        elif letters:
            letters[-1]["paragraphs" if kind == "p" else "tables"].append(block)
    return letters


def starts_new_page(paragraph) -> bool:
    return any(br.type == "page" for r in paragraph.runs for br in r._r.br_lst)


def test_one_letter_to_each_deputy_with_the_form_for_the_lead(world):
    cast, item, reply = world
    doc = letter(cast, item, ReplyLetters.EACH)
    letters = letters_of(doc)
    assert len(letters) == 3
    expected_title = f"关于{item.reference}的答复"
    assert expected_title == f"关于市{item.session.short_title}{item.display_number}建议的答复"
    for one, name in zip(letters, names(cast), strict=True):
        texts = [p.text for p in one["paragraphs"]]
        assert one["mark"].text == "B"  # the class mark, top right of the letter's first page
        assert one["mark"].alignment == WD_ALIGN_PARAGRAPH.RIGHT or (
            one["mark"].style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.RIGHT
        )
        assert texts[:2] == [reply.unit.name, expected_title]
        assert f"{name}代表：" in texts
        assert "答复正文第一段。" in texts and "答复正文第二段。" in texts
        assert texts.count(reply.unit.name) == 2  # the heading and the signature
        assert chinese_date(timezone.localdate(reply.replied_at)) in texts
    lead, *others = letters
    assert FORM_TITLE in [p.text for p in lead["paragraphs"]]
    assert all(FORM_TITLE not in [p.text for p in o["paragraphs"]] for o in others)
    [form] = lead["tables"]
    cells = {r.cells[0].text: r.cells[1].text for r in form.rows}
    assert cells["建议编号"] == item.reference
    assert cells["领衔代表"] == f"{cast.proposer.deputy.name}（{cast.delegation.name}）"
    assert cells["对办理工作的评价"] == "□满意　　□基本满意　　□不满意"
    assert cells["答复类别"].startswith("B类")
    # each letter after the first starts on a new page
    for previous in letters[:-1]:
        assert starts_new_page(previous["paragraphs"][-1])


def test_one_letter_listing_every_deputy(world):
    cast, item, _reply = world
    doc = letter(cast, item, ReplyLetters.JOINT)
    [only] = letters_of(doc)
    texts = [p.text for p in only["paragraphs"]]
    assert only["mark"].text == "B"
    assert texts[1] == f"关于{item.reference}的答复"
    assert "、".join(f"{n}代表" for n in names(cast)) + "：" in texts
    assert any(t.startswith("你们提出的《") for t in texts)
    assert texts.count(FORM_TITLE) == 1
    assert len(doc.tables) == 1


def test_a_deputy_alone_gets_one_letter_either_way(world):
    cast, item, _reply = world
    item.signatures.filter(is_lead=False).delete()
    for mode in ReplyLetters.values:
        [only] = letters_of(letter(cast, item, mode))
        texts = [p.text for p in only["paragraphs"]]
        assert f"{cast.proposer.deputy.name}代表：" in texts
        assert any(t.startswith("您提出的《") for t in texts)


def test_the_letter_page_answers_those_who_see_the_item_and_404_for_others(client, world):
    cast, item, _reply = world
    client.force_login(cast.proposer)
    page = client.get(f"/items/{item.pk}/").content.decode()
    assert f'href="/reports/items/{item.pk}/letter/?round=1"' in page
    response = client.get(f"/reports/items/{item.pk}/letter/?round=1")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    doc = Document(io.BytesIO(response.content))
    assert doc.paragraphs[0].text == "B"
    client.force_login(cast.outsider)
    assert client.get(f"/reports/items/{item.pk}/letter/").status_code == 404
    client.force_login(cast.system_admin)
    assert client.get(f"/reports/items/{item.pk}/letter/").status_code == 403
