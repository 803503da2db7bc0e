"""Importing a suggestion register (建议登记表): each row is registered on the deputy's behalf,
accepted (立案, keeping the register's number) and, where a lead unit is given, assigned —
all through the proposals services, so every item has its history.

`plan` checks every row against the same rules the services apply and reports every problem;
`commit` writes all rows in one transaction, or nothing."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from renda.accounts.models import User
from renda.congress.models import CongressSettings, Delegation, Deputy, Organization, Session
from renda.core import clock
from renda.proposals import deadlines, services
from renda.proposals.models import Category, Kind, Period, Proposal
from renda.proposals.services.registration import EntryRefused, PaperSuggestion
from renda.reports.imports import base
from renda.reports.imports.base import CellError, Issue, Row
from renda.reports.imports.columns import PERIOD_NAMES, SUGGESTION_COLUMNS

HEADERS = {c.key: c.header for c in SUGGESTION_COLUMNS}
BATCH = 1000  # rows registered per batch (numbers stay in sheet order across batches)
PERIODS = {name: value for value, name in PERIOD_NAMES.items()}


@dataclass
class PlannedSuggestion:
    row: int
    title: str
    body: str
    lead: Deputy
    submitted_on: dt.date
    period: str
    number: int | None = None
    cosigners: list[Deputy] = field(default_factory=list)
    category: Category | None = None
    lead_unit: Organization | None = None
    co_units: list[Organization] = field(default_factory=list)
    assigned_on: dt.date | None = None
    due_date: dt.date | None = None


class _RowProblems:
    def __init__(self, row: Row):
        self.row, self.issues = row, []

    def add(self, key: str, message: str) -> None:
        self.issues.append(Issue(self.row.number, HEADERS[key], message))

    def cell(self, key: str, parse):
        try:
            return parse(self.row.values.get(key))
        except CellError as e:
            self.add(key, str(e))
            return None


class SuggestionRegister:
    """The lookups one import needs, loaded once (a fixed number of queries per sheet)."""

    def __init__(self, session: Session):
        self.session, self.today = session, clock.today()
        self.config = CongressSettings.current()
        deputies = Deputy.objects.filter(term=session.term_id, active=True).select_related(
            "delegation"
        )
        self.by_name: dict[str, list[Deputy]] = {}
        for d in deputies:
            self.by_name.setdefault(d.name, []).append(d)
        self.delegations = {d.name: d for d in Delegation.objects.filter(term=session.term_id)}
        self.categories = {c.name: c for c in Category.objects.filter(active=True)}
        self.units: dict[str, Organization] = {}
        for u in Organization.objects.filter(kind=Organization.Kind.HANDLING_UNIT, active=True):
            if u.short_name:
                self.units.setdefault(u.short_name, u)
            self.units[u.name] = u  # a full name wins over another unit's short name
        self.taken = set(
            Proposal.objects.filter(
                session=session, kind=Kind.SUGGESTION, number__isnull=False
            ).values_list("period", "number")
        )

    # -- checking ----------------------------------------------------------------------------

    def plan(self, rows: list[Row]) -> tuple[list[PlannedSuggestion], list[Issue]]:
        plans, issues, numbers = [], [], {}
        for row in rows:
            problems = _RowProblems(row)
            planned = self._plan_row(problems)
            if planned is not None and planned.number is not None:
                self._check_number(problems, planned, numbers)
            issues += problems.issues
            if not problems.issues:
                plans.append(planned)
        return plans, issues

    def _plan_row(self, p: _RowProblems) -> PlannedSuggestion | None:
        v = p.row.values
        title, body = base.text(v.get("title")), base.text(v.get("body"))
        if not title:
            p.add("title", _("Please fill in this cell."))
        elif len(title) > 200:
            p.add("title", _("The title is longer than 200 characters."))
        if not body:
            p.add("body", _("Please fill in this cell."))
        lead = self._lead(p)
        cosigners = self._cosigners(p, lead)
        submitted_on, period = self._dates(p)
        category = self._category(p)
        lead_unit, co_units = self._units(p, category)
        assigned_on, due_date = self._assignment(p, lead_unit, submitted_on)
        number = p.cell("number", base.number)
        if p.issues:
            return None
        return PlannedSuggestion(
            p.row.number,
            title,
            body,
            lead,
            submitted_on,
            period,
            number,
            cosigners,
            category,
            lead_unit,
            co_units,
            assigned_on,
            due_date,
        )

    def _lead(self, p: _RowProblems) -> Deputy | None:
        name = base.text(p.row.values.get("lead"))
        delegation_name = base.text(p.row.values.get("delegation"))
        if not name:
            p.add("lead", _("Please fill in this cell."))
            return None
        candidates = self.by_name.get(name, [])
        if delegation_name:
            if delegation_name not in self.delegations:
                p.add(
                    "delegation",
                    _("No delegation named “%(name)s” in this term.") % {"name": delegation_name},
                )
                return None
            candidates = [d for d in candidates if d.delegation.name == delegation_name]
            if not candidates:
                p.add(
                    "lead",
                    _("No serving deputy named “%(name)s” in %(delegation)s.")
                    % {"name": name, "delegation": delegation_name},
                )
                return None
        return self._one(p, "lead", name, candidates)

    def _one(self, p, key, name, candidates, prefer: Deputy | None = None) -> Deputy | None:
        if len(candidates) > 1 and prefer is not None:
            same = [d for d in candidates if d.delegation_id == prefer.delegation_id]
            candidates = same if len(same) == 1 else candidates
        if not candidates:
            p.add(key, _("No serving deputy named “%(name)s” in this term.") % {"name": name})
            return None
        if len(candidates) > 1:
            p.add(
                key,
                _(
                    "Several deputies are named “%(name)s”; fill in the delegation to tell "
                    "them apart."
                )
                % {"name": name},
            )
            return None
        return candidates[0]

    def _cosigners(self, p: _RowProblems, lead: Deputy | None) -> list[Deputy]:
        found, seen = [], set()
        for name in base.names(p.row.values.get("cosigners")):
            if name in seen:
                p.add("cosigners", _("“%(name)s” is listed twice.") % {"name": name})
                continue
            seen.add(name)
            deputy = self._one(p, "cosigners", name, self.by_name.get(name, []), prefer=lead)
            if deputy is not None and deputy == lead:
                p.add("cosigners", _("The lead deputy cannot also be a co-proposer."))
            elif deputy is not None:
                found.append(deputy)
        return found

    def _dates(self, p: _RowProblems) -> tuple[dt.date | None, str | None]:
        day = p.cell("submitted_on", base.date)
        period_text = base.text(p.row.values.get("period"))
        if period_text and period_text not in PERIODS:
            p.add("period", _("Write 大会期间 or 闭会期间."))
        if day is None:
            if HEADERS["submitted_on"] not in {i.column for i in p.issues}:
                p.add("submitted_on", _("Please fill in this cell."))
            return None, None
        s = self.session
        if day > self.today:
            p.add("submitted_on", _("The date cannot be in the future."))
        elif day < s.start_date:
            p.add(
                "submitted_on",
                _("%(date)s is before %(session)s opened.")
                % {"date": day.isoformat(), "session": s},
            )
        derived = Period.SESSION if s.is_sitting(day) else Period.INTERIM
        if period_text in PERIODS and PERIODS[period_text] != derived:
            p.add(
                "period",
                _("%(date)s falls %(period)s of %(session)s.")
                % {"date": day.isoformat(), "period": PERIOD_NAMES[derived], "session": s},
            )
        return day, derived

    def _category(self, p: _RowProblems) -> Category | None:
        name = base.text(p.row.values.get("category"))
        if name and name not in self.categories:
            p.add("category", _("No category named “%(name)s”.") % {"name": name})
        return self.categories.get(name)

    def _units(self, p: _RowProblems, category) -> tuple[Organization | None, list[Organization]]:
        lead_name = base.text(p.row.values.get("lead_unit"))
        lead = self._unit(p, "lead_unit", lead_name) if lead_name else None
        co, seen = [], set()
        for name in base.names(p.row.values.get("co_units")):
            unit = self._unit(p, "co_units", name)
            if unit is None:
                continue
            if lead is not None and unit == lead:
                p.add("co_units", _("The lead unit cannot also be a co-unit."))
            elif unit.pk in seen:
                p.add("co_units", _("A co-unit is listed twice."))
            else:
                seen.add(unit.pk)
                co.append(unit)
        if co and not lead_name:
            p.add("lead_unit", _("Name the lead unit as well."))
        if lead_name and category is None and not base.text(p.row.values.get("category")):
            p.add("category", _("Please classify the suggestion before assigning it."))
        return lead, co

    def _unit(self, p, key, name) -> Organization | None:
        unit = self.units.get(name)
        if unit is None:
            p.add(key, _("No active handling unit named “%(name)s”.") % {"name": name})
        return unit

    def _assignment(self, p, lead_unit, submitted_on) -> tuple[dt.date | None, dt.date | None]:
        assigned_on = p.cell("assigned_on", base.date)
        due = p.cell("due_date", base.date)
        if lead_unit is None:
            return None, None
        assigned_on = assigned_on or self.today
        if assigned_on > self.today:
            p.add("assigned_on", _("The date cannot be in the future."))
        elif submitted_on is not None and assigned_on < submitted_on:
            p.add("assigned_on", _("The assignment date cannot be before the submission date."))
        if due is not None:
            latest = deadlines.latest_reply_due(assigned_on, self.config)
            if not assigned_on < due <= latest:
                p.add(
                    "due_date",
                    _(
                        "The reply due date must be after the assignment date and no later "
                        "than %(latest)s."
                    )
                    % {"latest": latest.isoformat()},
                )
        return assigned_on, due

    def _check_number(self, p: _RowProblems, planned: PlannedSuggestion, numbers: dict) -> None:
        key = (planned.period, planned.number)
        if key in self.taken:
            p.add("number", _("No. %(number)s is already taken.") % {"number": planned.number})
        elif key in numbers:
            p.add(
                "number",
                _("No. %(number)s is also in row %(row)s.")
                % {"number": planned.number, "row": numbers[key]},
            )
        else:
            numbers[key] = planned.row

    # -- writing -----------------------------------------------------------------------------

    def commit(
        self,
        plans: list[PlannedSuggestion],
        *,
        actor: User,
        progress: Callable[[float], None] | None = None,
    ) -> list[Proposal]:
        """All rows or none, registered in batches inside one transaction. Rows with the
        register's numbers go first, so the numbers given to the others cannot take them."""
        plans = sorted(plans, key=lambda s: s.number is None)
        created = []
        with transaction.atomic():
            for start in range(0, len(plans), BATCH):
                batch = plans[start : start + BATCH]
                try:
                    created += services.register_suggestions(
                        [_paper(s) for s in batch], actor=actor, session=self.session
                    )
                except EntryRefused as e:
                    raise base.ImportRejected([Issue(batch[e.index].row, "", e.message)]) from None
                if progress:
                    progress(min(start + BATCH, len(plans)) / len(plans))
        return created


def _paper(s: PlannedSuggestion) -> PaperSuggestion:
    return PaperSuggestion(
        lead_deputy=s.lead,
        title=s.title,
        body=s.body,
        submitted_on=s.submitted_on,
        cosigners=tuple(s.cosigners),
        category=s.category,
        accepted=True,
        number=s.number,
        lead_unit=s.lead_unit,
        co_units=tuple(s.co_units),
        assigned_on=s.assigned_on,
        due_date=s.due_date,
    )
