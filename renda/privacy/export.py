"""A person's own data (个人数据导出): what renda holds about the signed-in user — the
account, and for a deputy the deputy record, their items, signatures and evaluations —
as JSON or an Excel workbook. Nothing about anyone else: rows are selected by the user's own
account and deputy, and other people appear in none of the columns."""

from __future__ import annotations

import datetime as dt
import io
import json
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from renda.accounts.models import User
from renda.proposals.models import Evaluation, Proposal, Signature


@dataclass
class Section:
    key: str
    title: str
    columns: list[tuple[str, str]]  # (key, header)
    rows: list[dict[str, Any]]


def _text(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    return "" if value is None else value


def _section(key: str, title: str, columns: list[tuple[str, str]], rows) -> Section:
    return Section(key, title, columns, [{k: _text(r.get(k)) for k, _h in columns} for r in rows])


def personal_data(user: User) -> list[Section]:
    """The sections of `user`'s own data, in the order the workbook shows them."""
    sections = [_account(user)]
    deputy = user.deputy if user.deputy_id else None
    if deputy is not None:
        sections += [_deputy(deputy), _items(deputy), _signatures(deputy), _evaluations(deputy)]
    return sections


def _account(user: User) -> Section:
    columns = [
        ("username", _("username")),
        ("full_name", _("full name")),
        ("role", _("role")),
        ("mobile", _("mobile")),
        ("email", _("e-mail")),
        ("date_joined", _("registered")),
        ("last_login", _("last login")),
    ]
    row = {k: getattr(user, k) for k, _h in columns}
    row["role"] = user.get_role_display()
    return _section("account", _("Account"), columns, [row])


def _deputy(deputy) -> Section:
    columns = [
        ("name", _("name")),
        ("gender", _("gender")),
        ("ethnicity", _("ethnicity")),
        ("delegation", _("delegation")),
        ("occupation", _("work unit and position")),
        ("mobile", _("mobile")),
        ("id_number", _("ID number")),
        ("email", _("e-mail")),
        ("address", _("postal address")),
    ]
    row = {k: getattr(deputy, k, "") for k, _h in columns}
    row["gender"] = deputy.get_gender_display()
    row["delegation"] = deputy.delegation.name
    return _section("deputy", _("Deputy"), columns, [row])


def _items(deputy) -> Section:
    columns = [
        ("session", _("session")),
        ("kind", _("kind")),
        ("number", _("number")),
        ("title", _("title")),
        ("state", _("state")),
        ("created_at", _("created")),
        ("submitted_at", _("submitted")),
        ("body", _("content")),
    ]
    items = Proposal.objects.filter(lead_deputy=deputy).select_related("session__term")
    rows = [
        {
            "session": str(p.session),
            "kind": p.get_kind_display(),
            "number": p.display_number,
            "title": p.title,
            "state": p.state_label(),
            "created_at": p.created_at,
            "submitted_at": p.submitted_at,
            "body": "\n\n".join(t for t in (p.body, p.reasons, p.plan) if t),
        }
        for p in items.order_by("created_at", "pk")
    ]
    return _section("items", _("My items"), columns, rows)


def _signatures(deputy) -> Section:
    columns = [
        ("item", _("item")),
        ("lead", _("lead")),
        ("status", _("status")),
        ("invited_at", _("invited")),
        ("responded_at", _("answered")),
    ]
    signatures = Signature.objects.filter(deputy=deputy).select_related("proposal")
    rows = [
        {
            "item": f"{s.proposal.display_number} {s.proposal.title}".strip(),
            "lead": _("yes") if s.is_lead else _("no"),
            "status": s.get_status_display(),
            "invited_at": s.invited_at,
            "responded_at": s.responded_at,
        }
        for s in signatures.order_by("invited_at", "pk")
    ]
    return _section("signatures", _("Signatures"), columns, rows)


def _evaluations(deputy) -> Section:
    columns = [
        ("item", _("item")),
        ("result", _("result")),
        ("comment", _("comment")),
        ("evaluated_at", _("evaluated")),
    ]
    evaluations = Evaluation.objects.filter(deputy=deputy).select_related("reply__proposal")
    rows = [
        {
            "item": f"{e.reply.proposal.display_number} {e.reply.proposal.title}".strip(),
            "result": e.get_result_display(),
            "comment": e.comment,
            "evaluated_at": e.evaluated_at,
        }
        for e in evaluations.order_by("evaluated_at", "pk")
    ]
    return _section("evaluations", _("Evaluations"), columns, rows)


def as_json(sections: list[Section]) -> bytes:
    data = {s.key: s.rows for s in sections}
    return json.dumps(data, ensure_ascii=False, indent=2, default=str).encode()


def as_xlsx(sections: list[Section]) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for section in sections:
        sheet = book.create_sheet(section.title[:31])
        sheet.append([header for _k, header in section.columns])
        for row in section.rows:
            sheet.append([row[k] for k, _h in section.columns])
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    cell.data_type = "s"  # a title like "=HYPERLINK(…)" stays text
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
