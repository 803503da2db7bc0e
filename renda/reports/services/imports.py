"""Excel import of suggestions, deputies and handling units: a dry run that reports every
problem by row, column and reason, then an all-or-nothing import (congress staff only)."""

import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import IO

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from renda.accounts.models import User
from renda.congress.models import Session, Term
from renda.core.errors import RuleViolation
from renda.reports import access
from renda.reports.exporters import Column, Exporter, Sheet, render_xlsx
from renda.reports.imports import base
from renda.reports.imports.columns import DEPUTY_COLUMNS, SUGGESTION_COLUMNS, UNIT_COLUMNS
from renda.reports.imports.roster import DeputyRoster, UnitRoster
from renda.reports.imports.suggestions import SuggestionRegister

COLUMNS = {"suggestions": SUGGESTION_COLUMNS, "deputies": DEPUTY_COLUMNS, "units": UNIT_COLUMNS}
SAMPLE_ROWS = 20
Progress = Callable[[float], None]


@dataclass
class ImportResult:
    """What a dry run found (or an import did): counts, a sample of rows, and the problems."""

    kind: str
    rows: int = 0
    issues: list[base.Issue] = field(default_factory=list)
    summary: dict = field(default_factory=dict)
    sample: list[dict] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.issues

    def as_dict(self) -> dict:
        return {
            "kind": self.kind,
            "rows": self.rows,
            "ok": self.ok,
            "issues": [i.as_dict() for i in self.issues],
            "summary": self.summary,
            "sample": self.sample,
        }


def preview_import(
    kind: str,
    source: IO[bytes],
    *,
    actor: User,
    session: Session | None = None,
    progress: Progress | None = None,
) -> ImportResult:
    """试导入: check every row and say what an import would do; writes nothing."""
    access.require_staff(actor)
    result, _plan, _importer = _check(kind, source, session, progress)
    return result


def run_import(
    kind: str,
    source: IO[bytes],
    *,
    actor: User,
    session: Session | None = None,
    progress: Progress | None = None,
) -> ImportResult:
    """导入: check again, then write every row in one transaction — or raise ImportRejected
    with every problem and write nothing."""
    access.require_staff(actor)
    report = (lambda share: progress(share / 2)) if progress else None
    result, plan, importer = _check(kind, source, session, report)
    if not result.ok:
        raise base.ImportRejected(result.issues)
    if kind == "suggestions":
        later = (lambda share: progress(0.5 + share / 2)) if progress else None
        importer.commit(plan, actor=actor, progress=later)
    else:
        importer.commit(plan)
    return result


def _check(kind: str, source, session: Session | None, progress: Progress | None):
    if kind not in COLUMNS:
        raise ValueError(f"unknown import {kind!r}")
    sheet = base.read_sheet(source, COLUMNS[kind])
    if progress:
        progress(0.3)
    if sheet.issues:
        return ImportResult(kind, 0, sheet.issues), None, None
    if kind == "suggestions":
        if session is None:
            raise RuleViolation(_("Choose the session the suggestions belong to."))
        importer = SuggestionRegister(session)
        plan, issues = importer.plan(sheet.rows)
        summary = {
            "create": len(plan),
            "assign": sum(1 for s in plan if s.lead_unit),
            "numbered": sum(1 for s in plan if s.number),
        }
        sample = [_suggestion_sample(s) for s in plan[:SAMPLE_ROWS]]
    else:
        importer = _roster(kind, session)
        plan, issues = importer.plan(sheet.rows)
        summary = {
            "create": len(plan.create),
            "update": len(plan.update),
            "new_delegations": plan.new_groups,
        }
        sample = [{k: str(v or "") for k, v in row.items()} for row in plan.create[:SAMPLE_ROWS]]
    if progress:
        progress(1.0)
    return ImportResult(kind, len(sheet.rows), issues, summary, sample), plan, importer


def _roster(kind: str, session: Session | None):
    if kind == "units":
        return UnitRoster()
    term = session.term if session else Term.objects.order_by("-number").first()
    if term is None:
        raise RuleViolation(_("Set up the term before importing its deputies."))
    return DeputyRoster(term)


def _suggestion_sample(s) -> dict:
    return {
        "row": s.row,
        "number": f"第{s.number:04d}号" if s.number else "",
        "title": s.title,
        "lead": s.lead.name,
        "delegation": s.lead.delegation.name,
        "submitted_on": s.submitted_on.isoformat(),
        "lead_unit": s.lead_unit.name if s.lead_unit else "",
    }


# -- templates and problem lists ---------------------------------------------------------------


class ImportTemplate(Exporter):
    """The empty sheet to fill in, with a second sheet explaining each column."""

    identifier = "import_template"
    verbose_name = gettext_lazy("import template")

    def __init__(self, kind: str):
        self.columns = COLUMNS[kind]
        self.filename = f"{kind}-template.xlsx"

    def sheets(self) -> Iterator[Sheet]:
        yield Sheet(_("Sheet to fill in"), [Column(c.header, c.width) for c in self.columns], [])
        notes = [
            Column(gettext_lazy("Column"), 14),
            Column(gettext_lazy("Required"), 6),
            Column(gettext_lazy("How to fill it in"), 70, "wrap"),
        ]
        rows = [(c.header, _("yes") if c.required else "", str(c.note)) for c in self.columns]
        yield Sheet(_("Instructions"), notes, rows)


class IssueList(Exporter):
    """The problems of a rejected sheet, to fix and import again."""

    identifier = "import_issues"
    verbose_name = gettext_lazy("import problems")
    filename = "import-problems.xlsx"

    def __init__(self, issues: list[base.Issue]):
        self.issues = issues

    def sheets(self) -> Iterator[Sheet]:
        columns = [
            Column(gettext_lazy("Row"), 6, "int"),
            Column(gettext_lazy("Column"), 14),
            Column(gettext_lazy("Problem"), 70, "wrap"),
        ]
        rows = [(i.row or None, i.column, i.message) for i in self.issues]
        yield Sheet(_("Problems"), columns, rows)


def workbook_bytes(exporter: Exporter) -> bytes:
    out = io.BytesIO()
    render_xlsx(exporter, out)
    return out.getvalue()


def import_template(kind: str) -> bytes:
    """The downloadable .xlsx template of an import (generated, so it always matches)."""
    return workbook_bytes(ImportTemplate(kind))
