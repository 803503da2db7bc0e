"""The dashboards (统计图表): each chart's figures with, for every bar or cell, the list URL
that shows the items behind it.

Every number is a statistics figure (statistics.py) over the viewer's visible items in the
chosen scope; every URL opens /items/ with the scope and the filters — the names of
`statistics.filter_items`, which the list's ProposalFilter shares — that select exactly those
items, so a bar's number and the drilled-down list's count agree (tested). A rate's bar opens
the items of its numerator (the replies on time, the A-class replies …).

Who sees what: every figure is computed over `visible_proposals(user)`, the items the user's
lists show. Per-unit charts are narrowed further: a unit officer sees only their own unit, the
government coordinator the government's units.
"""

import datetime as dt
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from renda.accounts.models import Role, User
from renda.core import clock
from renda.proposals.access import visible_proposals
from renda.proposals.filters import SATISFIED_ANY
from renda.proposals.models import Kind, Proposal, Reply
from renda.reports import statistics as st
from renda.reports.access import allowed_units
from renda.reports.scope import ReportScope


@dataclass
class Chart:
    """One chart: categories along one axis, one or more series of points ({value, url, …}).
    A heat map also has `rows` (its second axis); its points are [x, y, value] cells."""

    key: str
    kind: str  # bar, hbar (horizontal bars), rate (horizontal bars in %), line, heatmap
    categories: list[str]
    series: list[dict]
    rows: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not any(
            point and point.get("value") for s in self.series for point in s["data"] if point
        )

    def as_data(self) -> dict:
        return {
            "key": self.key,
            "kind": self.kind,
            "categories": self.categories,
            "series": self.series,
            "rows": self.rows,
        }

    def table(self) -> list[dict]:
        """The same figures as rows for the page's table under the chart (and screen readers)."""
        if self.kind == "heatmap":
            cells = {(p["value"][0], p["value"][1]): p for p in self.series[0]["data"]}
            return [
                {"label": row, "cells": [cells.get((x, y)) for x in range(len(self.categories))]}
                for y, row in enumerate(self.rows)
            ]
        return [
            {"label": label, "cells": [s["data"][i] for s in self.series]}
            for i, label in enumerate(self.categories)
        ]

    @property
    def headers(self) -> list[str]:
        return self.categories if self.kind == "heatmap" else [s["name"] for s in self.series]


@dataclass
class Dashboard:
    scope: ReportScope
    today: dt.date
    counts: st.ItemCounts
    figures: st.HandlingFigures
    charts: dict[str, Chart]


class Drill:
    """Builds the list URLs of one scope."""

    def __init__(self, scope: ReportScope):
        self.base = {"session": scope.session.pk} if scope.session else {"year": scope.year}
        self.list_url = reverse("proposals:list")

    def __call__(self, **filters) -> str:
        params = {**self.base, **{k: v for k, v in filters.items() if v is not None}}
        return f"{self.list_url}?{urlencode(params)}"


def point(value, url: str, **extra) -> dict:
    """A bar: no URL when there is nothing to open."""
    return {"value": value, "url": url if value else "", **extra}


def scoped_items(user: User, scope: ReportScope) -> QuerySet[Proposal]:
    return visible_proposals(user) & scope.items()


def dashboard(user: User, scope: ReportScope, today: dt.date | None = None) -> Dashboard:
    """Everything the dashboard page draws, in a fixed number of queries."""
    today = today or clock.today()
    items = scoped_items(user, scope)
    drill = Drill(scope)
    allowed = allowed_units(user)
    units = [u for u in st.unit_figures(items, today) if allowed is None or u.unit_id in allowed]
    if user.role == Role.UNIT_OFFICER:
        mine = [u.figures for u in units]
        figures = mine[0] if mine else st.HandlingFigures()
    else:
        figures = st.overall_figures(items, today)
    charts = [
        state_chart(items, drill),
        bucket_chart(items, drill, "category"),
        bucket_chart(items, drill, "delegation"),
        unit_chart(units, drill),
        rate_chart(units, drill),
        timeline_chart(items, drill),
        late_heat_chart(items, drill, today, allowed),
    ]
    return Dashboard(scope, today, st.item_counts(items), figures, {c.key: c for c in charts})


# -- counts ------------------------------------------------------------------------------------


def state_chart(items, drill: Drill) -> Chart:
    """Received items by state, motions and suggestions stacked."""
    buckets = st.counts_by(items, "state")
    return Chart(
        "state",
        "bar",
        [b.label for b in buckets],
        [
            {
                "name": name,
                "stack": "kind",
                "data": [
                    point(getattr(b, attr), drill(state=b.key, kind=kind, received=1))
                    for b in buckets
                ],
            }
            for name, kind, attr in (
                (_("Motions"), Kind.MOTION, "motions"),
                (_("Suggestions"), Kind.SUGGESTION, "suggestions"),
            )
        ],
    )


def bucket_chart(items, drill: Drill, dimension: str) -> Chart:
    """Received items by category or delegation ("—": without one)."""
    buckets = st.counts_by(items, dimension)
    data = [
        point(b.total, drill(**{dimension: "none" if b.key is None else b.key}, received=1))
        for b in buckets
    ]
    return Chart(
        dimension, "hbar", [b.label for b in buckets], [{"name": _("Total"), "data": data}]
    )


def unit_chart(units: list[st.UnitFigures], drill: Drill) -> Chart:
    """Suggestions each unit leads and co-handles."""
    lead = [
        point(u.figures.assigned, drill(lead_unit=u.unit_id, kind=Kind.SUGGESTION)) for u in units
    ]
    co = [point(u.co_assigned, drill(co_unit=u.unit_id, kind=Kind.SUGGESTION)) for u in units]
    return Chart(
        "unit",
        "hbar",
        [u.name for u in units],
        [
            {"name": _("Led"), "stack": "unit", "data": lead},
            {"name": _("Co-handled"), "stack": "unit", "data": co},
        ],
    )


def _rate_point(rate: st.Rate, url: str) -> dict | None:
    if rate.value is None:
        return None
    return {
        "value": round(rate.value * 100, 1),
        "url": url if rate.numerator else "",
        "n": rate.numerator,
        "d": rate.denominator,
    }


def rate_chart(units: list[st.UnitFigures], drill: Drill) -> Chart:
    """Each unit's on-time, satisfaction and A-class rates (%); a bar opens its numerator."""
    units = [u for u in units if u.figures.assigned]
    series = [
        (_("On-time rate"), lambda f: f.on_time_rate, {"on_time": 1}),
        (_("Satisfaction rate"), lambda f: f.satisfaction_rate, {"satisfaction": SATISFIED_ANY}),
        (_("Share of class A"), lambda f: f.a_share, {"result_class": "A"}),
    ]
    return Chart(
        "rates",
        "rate",
        [u.name for u in units],
        [
            {
                "name": name,
                "data": [
                    _rate_point(
                        rate(u.figures),
                        drill(lead_unit=u.unit_id, kind=Kind.SUGGESTION, **filters),
                    )
                    for u in units
                ],
            }
            for name, rate, filters in series
        ],
    )


# -- over time ---------------------------------------------------------------------------------


def _month_key(value) -> str:
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return f"{value:%Y-%m}"


def _by_month(rows) -> dict[str, int]:
    return {_month_key(r["month"]): r["n"] for r in rows if r["month"] is not None}


def timeline_chart(items, drill: Drill) -> Chart:
    """Month by month: items submitted, items assigned, items replied (first or again)."""
    tz = timezone.get_current_timezone()
    submitted = _by_month(
        st.received(items)
        .annotate(month=TruncMonth("submitted_at", tzinfo=tz))
        .values("month")
        .annotate(n=Count("pk"))
        .order_by()
    )
    assigned = _by_month(
        items.filter(assigned_at__isnull=False)
        .annotate(month=TruncMonth("assigned_at", tzinfo=tz))
        .values("month")
        .annotate(n=Count("pk"))
        .order_by()
    )
    replied = _by_month(
        Reply.objects.filter(proposal__in=items.values("pk"))
        .annotate(month=TruncMonth("replied_at", tzinfo=tz))
        .values("month")
        .annotate(n=Count("proposal", distinct=True))
        .order_by()
    )
    months = sorted({*submitted, *assigned, *replied})
    series = [
        (pgettext("chart", "Submitted"), submitted, "submitted_month", {"received": 1}),
        (pgettext("chart", "Assigned"), assigned, "assigned_month", {}),
        (pgettext("chart", "Replied"), replied, "replied_month", {}),
    ]
    return Chart(
        "timeline",
        "line",
        months,
        [
            {
                "name": name,
                "data": [point(counts.get(m, 0), drill(**{param: m}, **extra)) for m in months],
            }
            for name, counts, param, extra in series
        ],
    )


def late_heat_chart(items, drill: Drill, today: dt.date, allowed: set[int] | None) -> Chart:
    """Overdue heat: per lead unit and month of assignment, the suggestions replied late or
    still unreplied past their due date (`filter_items(late=True)`). By the month assigned,
    not due: re-handling and extensions move an item's due date, never its assignment."""
    late = Q(is_replied=True) | Q(is_overdue=True)
    tz = timezone.get_current_timezone()
    rows = (
        st.lead_assignments(items, today)
        .filter(late, is_on_time=False)
        .annotate(month=TruncMonth("proposal__assigned_at", tzinfo=tz))
        .values("unit_id", "unit__name", "month")
        .annotate(n=Count("pk"))
        .order_by()
    )
    cells = [
        (r["unit_id"], r["unit__name"], _month_key(r["month"]), r["n"])
        for r in rows
        if r["month"] is not None and (allowed is None or r["unit_id"] in allowed)
    ]
    months = sorted({m for *_, m, _n in cells})
    totals: dict[tuple[int, str], int] = {}
    for unit_id, name, _m, n in cells:
        totals[(unit_id, name)] = totals.get((unit_id, name), 0) + n
    units = sorted(totals, key=lambda u: (-totals[u], u[1]))
    y_of = {u[0]: y for y, u in enumerate(units)}
    data = [
        {
            "value": [months.index(m), y_of[unit_id], n],
            "url": drill(lead_unit=unit_id, kind=Kind.SUGGESTION, late=1, assigned_month=m),
        }
        for unit_id, _name, m, n in cells
    ]
    return Chart(
        "late", "heatmap", months, [{"name": _("Late"), "data": data}], [u[1] for u in units]
    )
