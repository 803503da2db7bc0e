"""Word (and PDF) documents: the handling report, a unit's report, a reply letter.

`build_*` functions make the file with no permission check (the management command and the
background jobs call them after checking); `*_document` functions check the actor first.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from renda.accounts.models import User
from renda.congress.models import Organization
from renda.core.errors import RuleViolation
from renda.proposals.access import get_proposal_for
from renda.proposals.models import Proposal, Reply
from renda.reports import access
from renda.reports.documents import context
from renda.reports.documents.render import render
from renda.reports.pdf import docx_to_pdf
from renda.reports.scope import ReportScope

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF = "application/pdf"


@dataclass(frozen=True)
class GeneratedFile:
    name: str
    content: bytes
    content_type: str


def _file(stem: str, docx: bytes, pdf: bool) -> GeneratedFile:
    if pdf:
        return GeneratedFile(f"{stem}.pdf", docx_to_pdf(docx), PDF)
    return GeneratedFile(f"{stem}.docx", docx, DOCX)


def build_handling_report(scope: ReportScope) -> bytes:
    return render("handling_report", context.handling_report_context(scope))


def build_unit_report(scope: ReportScope, unit: Organization) -> bytes:
    return render("unit_report", context.unit_report_context(scope, unit))


def build_reply_letter(reply: Reply) -> bytes:
    return render("reply_letter", context.reply_letter_context(reply))


def handling_report_document(*, actor: User, scope: ReportScope, pdf: bool = False):
    """办理情况的报告 for a session or a year (congress staff)."""
    access.require_staff(actor)
    return _file(f"{scope.title}代表议案和建议办理情况的报告", build_handling_report(scope), pdf)


def unit_report_document(
    *, actor: User, scope: ReportScope, unit: Organization, pdf: bool = False
) -> GeneratedFile:
    """承办单位办理情况报告: staff, the unit's officers, the coordinator for government units."""
    access.require_unit_access(actor, unit)
    return _file(f"{unit.name}{scope.slug}建议办理情况报告", build_unit_report(scope, unit), pdf)


def reply_letter_document(
    *, actor: User, proposal_id: int, round: int | None = None, pdf: bool = False
) -> GeneratedFile:
    """答复函 printout of an item's reply (the latest unless `round` is given), for whoever may
    see the item; 404 alike for a missing item and someone else's."""
    access.require_data_role(actor)
    p: Proposal = get_proposal_for(actor, proposal_id)
    replies = Reply.objects.select_related("unit").filter(proposal=p).order_by("-round")
    reply = replies.filter(round=round).first() if round else replies.first()
    if reply is None:
        raise RuleViolation(_("This item has no reply to print yet."))
    stem = f"{p.display_number}答复函" if p.number else _("reply letter")
    return _file(stem, build_reply_letter(reply), pdf)
