"""Importing the rosters congresses keep: deputies (代表名册) and handling units (承办单位名册).
A row whose person (delegation and name) or unit (name) exists updates it; others are new.
All rows or none."""

import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from renda.congress.models import Delegation, Deputy, Organization, Region, Term
from renda.congress.pinyin import initials_of
from renda.reports.imports import base
from renda.reports.imports.base import Issue, Row
from renda.reports.imports.columns import (
    DEPUTY_COLUMNS,
    GENDER_NAMES,
    UNIT_COLUMNS,
    UNIT_TYPES,
)

MOBILE = re.compile(r"^1\d{10}$")
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"
GENDERS = {name: value for value, name in GENDER_NAMES.items()}
DEPUTY_FIELDS = ("gender", "ethnicity", "occupation", "mobile", "id_number", "email", "address")


def id_number_problem(value: str) -> str | None:
    """GB 11643: 17 digits and a check character."""
    if not re.fullmatch(r"\d{17}[\dX]", value):
        return _("“%(value)s” is not an 18-character ID number.") % {"value": value}
    total = sum(int(d) * w for d, w in zip(value[:17], ID_WEIGHTS, strict=True))
    if ID_CHECK[total % 11] != value[17]:
        return _("The ID number's check digit is wrong.")
    return None


@dataclass
class RosterPlan:
    create: list = field(default_factory=list)
    update: list = field(default_factory=list)
    new_groups: list[str] = field(default_factory=list)


class DeputyRoster:
    def __init__(self, term: Term):
        self.term = term
        self.delegations = {d.name: d for d in Delegation.objects.filter(term=term)}
        self.existing = {
            (d.delegation.name, d.name): d
            for d in Deputy.objects.filter(term=term).select_related("delegation")
        }
        self.headers = {c.key: c.header for c in DEPUTY_COLUMNS}

    def plan(self, rows: list[Row]) -> tuple[RosterPlan, list[Issue]]:
        plan, issues, seen = RosterPlan(), [], {}
        for row in rows:
            problems = self._check(row, seen)
            issues += problems
            if problems:
                continue
            values = self._values(row)
            key = (values["delegation"], values["name"])
            if values["delegation"] not in self.delegations and key[0] not in plan.new_groups:
                plan.new_groups.append(key[0])
            (plan.update if key in self.existing else plan.create).append(values)
        return plan, issues

    def _issue(self, row: Row, key: str, message: str) -> Issue:
        return Issue(row.number, self.headers[key], message)

    def _check(self, row: Row, seen: dict) -> list[Issue]:
        v = {k: base.text(x) for k, x in row.values.items()}
        issues = [
            self._issue(row, k, _("Please fill in this cell."))
            for k in ("name", "delegation")
            if not v.get(k)
        ]
        if v.get("name") and v.get("delegation"):
            key = (v["delegation"], v["name"])
            if key in seen:
                message = _("The same deputy is also in row %(row)s.") % {"row": seen[key]}
                issues.append(self._issue(row, "name", message))
            seen.setdefault(key, row.number)
        if v.get("gender") and v["gender"] not in GENDERS:
            issues.append(self._issue(row, "gender", _("Write 男 or 女.")))
        if v.get("mobile") and not MOBILE.match(v["mobile"]):
            message = _("“%(value)s” is not a mobile number.") % {"value": v["mobile"]}
            issues.append(self._issue(row, "mobile", message))
        if v.get("id_number"):
            problem = id_number_problem(v["id_number"].upper())
            if problem:
                issues.append(self._issue(row, "id_number", problem))
        if v.get("email"):
            try:
                validate_email(v["email"])
            except ValidationError:
                message = _("“%(value)s” is not an e-mail address.") % {"value": v["email"]}
                issues.append(self._issue(row, "email", message))
        return issues

    def _values(self, row: Row) -> dict:
        v = {k: base.text(row.values.get(k)) for k in ("name", "delegation", *DEPUTY_FIELDS)}
        v["gender"] = GENDERS.get(v["gender"], "")
        v["id_number"] = v["id_number"].upper()
        v["ethnicity"] = v["ethnicity"] or "汉族"
        return v

    def commit(self, plan: RosterPlan) -> None:
        with transaction.atomic():
            order = len(self.delegations)
            for n, name in enumerate(plan.new_groups, start=1):
                self.delegations[name] = Delegation.objects.create(
                    term=self.term, name=name, order=order + n
                )
            Deputy.objects.bulk_create(
                Deputy(
                    term=self.term,
                    delegation=self.delegations[v["delegation"]],
                    name=v["name"],
                    initials=initials_of(v["name"]),
                    **{f: v[f] for f in DEPUTY_FIELDS},
                )
                for v in plan.create
            )
            updated = []
            for v in plan.update:
                deputy = self.existing[(v["delegation"], v["name"])]
                for f in DEPUTY_FIELDS:
                    setattr(deputy, f, v[f])
                updated.append(deputy)
            # The blind indexes compute themselves from the (encrypted) numbers.
            fields = (*DEPUTY_FIELDS, "mobile_hash", "id_number_hash")
            Deputy.objects.bulk_update(updated, fields, batch_size=500)


class UnitRoster:
    def __init__(self):
        self.existing = {o.name: o for o in Organization.objects.all()}
        self.regions = {r.name: r for r in Region.objects.all()}
        self.headers = {c.key: c.header for c in UNIT_COLUMNS}

    def plan(self, rows: list[Row]) -> tuple[RosterPlan, list[Issue]]:
        plan, issues, seen = RosterPlan(), [], {}
        for row in rows:
            problems = self._check(row, seen)
            issues += problems
            if not problems:
                v = self._values(row)
                (plan.update if v["name"] in self.existing else plan.create).append(v)
        return plan, issues

    def _check(self, row: Row, seen: dict) -> list[Issue]:
        v = {k: base.text(x) for k, x in row.values.items()}
        issues = []

        def add(key, message):
            issues.append(Issue(row.number, self.headers[key], message))

        name = v.get("name")
        if not name:
            add("name", _("Please fill in this cell."))
        elif name in seen:
            add("name", _("The same unit is also in row %(row)s.") % {"row": seen[name]})
        else:
            seen[name] = row.number
            other = self.existing.get(name)
            if other is not None and other.kind != Organization.Kind.HANDLING_UNIT:
                add(
                    "name",
                    _("“%(name)s” is already an organisation of another kind.") % {"name": name},
                )
        if not v.get("unit_type"):
            add("unit_type", _("Please fill in this cell."))
        elif v["unit_type"] not in UNIT_TYPES:
            add("unit_type", _("Unknown unit type “%(value)s”.") % {"value": v["unit_type"]})
        if v.get("region") and v["region"] not in self.regions:
            add("region", _("No region named “%(name)s”.") % {"name": v["region"]})
        return issues

    def _values(self, row: Row) -> dict:
        v = {k: base.text(row.values.get(k)) for k in ("name", "short_name", "unit_type", "region")}
        return {
            "name": v["name"],
            "short_name": v["short_name"],
            "unit_type": UNIT_TYPES[v["unit_type"]],
            "region": self.regions.get(v["region"]),
        }

    def commit(self, plan: RosterPlan) -> None:
        fields = ("short_name", "unit_type", "region")
        with transaction.atomic():
            Organization.objects.bulk_create(
                Organization(kind=Organization.Kind.HANDLING_UNIT, **v) for v in plan.create
            )
            updated = []
            for v in plan.update:
                unit = self.existing[v["name"]]
                for f in fields:
                    setattr(unit, f, v[f])
                updated.append(unit)
            Organization.objects.bulk_update(updated, fields)
