"""办理考评: each handling unit's performance score from the congress's formula (ScoringRule).

A unit is scored on the suggestions it leads (as in statistics.py: its current lead-unit
assignments in the scope). For each component, the items that count for it earn a value
between 0 and 1:

| component     | items counted (statistics)          | value                                   |
| ------------- | ----------------------------------- | --------------------------------------- |
| on_time       | replies owed (replied or overdue)   | 1 if the first reply was on time        |
| contact       | replied                             | 1 if the deputy was contacted before it |
| satisfaction  | evaluated (latest evaluation)       | 满意 1, 基本满意 0.8, 不满意 0          |
| result_class  | replied (latest reply's class)      | A 1, B 0.5, C and D 0                   |
| rehandling    | replied                             | 1 unless sent back for re-handling      |
| follow_up     | class-B follow-ups finished or past | solved 1, explained 0.5, still open 0   |
|               | their promised date                 |                                         |

    score = Σ weight_c × (Σ values_c / counted_c) × 100 / Σ weight of the components counted

Default weights: 25, 15, 30, 15, 10, 5 (100 in all). A component with nothing to count is
left out and the others scaled up to 100, so a unit is neither rewarded nor punished for what
did not happen yet; a unit with nothing counted has no score. An item's points in component c
are weight_c × value / counted_c × 100 / Σ weights counted: summed over the unit's items they
make the score (the per-item breakdown adds up).
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import QuerySet

from renda.core import clock
from renda.proposals.models import FollowUp, Proposal
from renda.reports import access
from renda.reports import statistics as st
from renda.reports.models import COMPONENTS, ScoringRule

RANK_DIGITS = 2  # scores equal to two decimals share a rank


@dataclass
class Component:
    """One component of a unit's score: how many items counted, what they earned, the points."""

    name: str
    weight: int
    counted: int = 0
    achieved: float = 0.0
    points: float = 0.0

    @property
    def rate(self) -> float | None:
        return self.achieved / self.counted if self.counted else None

    @property
    def percent(self) -> str:
        return "—" if self.rate is None else f"{self.rate * 100:.1f}%"


@dataclass
class ItemScore:
    """One item's values (None: not counted in that component) and its points."""

    proposal_id: int
    number: str
    title: str
    values: dict[str, float | None]
    points: dict[str, float] = field(default_factory=dict)

    @property
    def total(self) -> float:
        return sum(self.points.values())


@dataclass
class UnitScore:
    unit_id: int
    name: str
    components: dict[str, Component]
    items: list[ItemScore]
    score: float | None = None
    rank: int | None = None


def scores_for(*, actor, scope) -> list[UnitScore]:
    """The scores `actor` may see (staff every unit, a unit its own, the coordinator the
    government's units) of the suggestions in a session or a year."""
    return unit_scores(scope.items(), units=access.scored_units(actor))


def unit_scores(
    items: QuerySet[Proposal],
    *,
    today: dt.date | None = None,
    rule: ScoringRule | None = None,
    units: set[int] | None = None,
) -> list[UnitScore]:
    """Every unit leading suggestions in `items`, best first and ranked among them all —
    then only `units`, if given (each keeps its true rank). Three queries whatever the data
    size."""
    today = today or clock.today()
    rule = rule or ScoringRule.current()
    follow_ups = _follow_up_states(items, today)
    scored: dict[int, UnitScore] = {}
    for row in _rows(items, today):
        unit = scored.get(row["unit_id"])
        if unit is None:
            components = {c: Component(c, getattr(rule, f"{c}_weight")) for c in COMPONENTS}
            unit = scored[row["unit_id"]] = UnitScore(
                row["unit_id"], row["unit__name"], components, []
            )
        values = item_values(row, follow_ups.get(row["proposal_id"]), rule)
        unit.items.append(
            ItemScore(
                row["proposal_id"], _number(row["proposal__number"]), row["proposal__title"], values
            )
        )
    for unit in scored.values():
        _score(unit)
    ranked = rank(list(scored.values()))
    return ranked if units is None else [u for u in ranked if u.unit_id in units]


def _rows(items, today):
    return (
        st.lead_assignments(items, today)
        .values(
            "unit_id",
            "unit__name",
            "proposal_id",
            "proposal__number",
            "proposal__title",
            "proposal__handling_round",
            "is_replied",
            "is_on_time",
            "is_contacted",
            "is_overdue",
            "latest_class",
            "latest_result",
        )
        .order_by("unit__name", "proposal__period", "proposal__number", "proposal_id")
    )


def _number(number: int | None) -> str:
    return f"第{number:04d}号" if number else ""


def _follow_up_states(items, today: dt.date) -> dict[int, str]:
    """Each item's latest follow-up that counts: solved, explained, or late (open past its
    promised date); open ones not yet due are left out."""
    states: dict[int, str] = {}
    rows = FollowUp.objects.filter(proposal__in=items.values("pk")).order_by("pk")
    for proposal_id, state, promised in rows.values_list("proposal_id", "state", "promised_date"):
        if state != FollowUp.State.OPEN:
            states[proposal_id] = state
        elif promised < today:
            states[proposal_id] = "late"
        else:
            states.pop(proposal_id, None)
    return states


def item_values(row: dict, follow_up: str | None, rule: ScoringRule) -> dict[str, float | None]:
    """What one item earns in each component (None where it does not count)."""
    replied = row["is_replied"]
    owed = replied or row["is_overdue"]
    satisfaction = {
        "satisfied": 1.0,
        "basically": float(rule.basically_satisfied_value),
        "unsatisfied": 0.0,
    }
    classes = {"A": 1.0, "B": float(rule.class_b_value)}
    follow_ups = {"solved": 1.0, "explained": float(rule.explained_follow_up_value), "late": 0.0}
    return {
        "on_time": _yes(row["is_on_time"]) if owed else None,
        "contact": _yes(row["is_contacted"]) if replied else None,
        "satisfaction": satisfaction.get(row["latest_result"]),
        "result_class": classes.get(row["latest_class"], float(rule.class_c_value))
        if row["latest_class"]
        else None,
        "rehandling": _yes(row["proposal__handling_round"] < 2) if replied else None,
        "follow_up": follow_ups.get(follow_up),
    }


def _yes(flag) -> float:
    return 1.0 if flag else 0.0


def _score(unit: UnitScore) -> None:
    for item in unit.items:
        for name, value in item.values.items():
            if value is not None:
                unit.components[name].counted += 1
                unit.components[name].achieved += value
    counted = [c for c in unit.components.values() if c.counted and c.weight]
    total_weight = sum(c.weight for c in counted)
    if not total_weight:
        return
    scale = 100 / total_weight
    for item in unit.items:
        for name, value in item.values.items():
            c = unit.components[name]
            if value is not None and c.weight:
                item.points[name] = c.weight * value / c.counted * scale
    for c in counted:
        c.points = c.weight * c.rate * scale
    unit.score = sum(c.points for c in counted)


def rank(units: list[UnitScore]) -> list[UnitScore]:
    """Best first; equal scores (to two decimals) share a rank; units without one come last."""
    units.sort(key=lambda u: (u.score is None, -(u.score or 0), u.name))
    previous, position = None, 0
    for i, unit in enumerate(units, start=1):
        if unit.score is None:
            continue
        rounded = round(unit.score, RANK_DIGITS)
        if rounded != previous:
            previous, position = rounded, i
        unit.rank = position
    return units
