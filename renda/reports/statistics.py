"""Statistics selectors: the figures of the handling report, the dashboards and unit scores.

Every function takes any queryset of items (a session's, a year's, or a page's filtered and
permission-scoped `visible_proposals(user)`), aggregates in the database, and runs a fixed
number of queries whatever the data size.

Definitions (the same everywhere renda shows these figures):

- **received** (收到): submitted and not withdrawn; an item returned for revision counts
  once it is submitted again. Motions handled as suggestions are counted as received motions
  *and* (as the suggestions they became, 议案转建议) as received suggestions.
- **listed** (列为议案): motions listed for handling (listed, in handling, reported, closed);
  **converted** (作为建议处理); **not accepted** (不予立案); **awaiting decision**.
- **accepted** (立案): received suggestions given a number; **transferred** (转为来信处理).
- **assigned** (交办): suggestions with a current lead unit (主办); per unit, an item counts for
  its current lead unit (after an approved reassignment, the new one). Co-unit (协办) items are
  counted separately and do not enter the unit's rates.
- **replied** (已答复): the lead unit has sent its first reply.
- **on-time rate** (按期答复率): first replies sent by the due date in force when replying, over
  the replies owed so far — replied items plus unreplied items past their due date.
- **contact rate** (沟通联系率): replied items with a contact record with the deputy dated on
  or before the day of the first reply, over replied items.
- **A/B/C shares** (答复类别): each replied item counts once, with the class of its latest reply
  (after re-handling, the second reply's), over replied items.
- **satisfaction rate** (满意率): items whose latest evaluation is 满意 or 基本满意, over items
  evaluated at least once. **no feedback** (未反馈): closed without an evaluation.
- **re-handled** (重新办理): items that went to re-handling after a 不满意 evaluation.
- **overdue** (超期): still owed a reply and past the due date.
- **key supervised** (重点督办): items the director's meeting picked for supervision.
- **committee activities**: investigations (调研视察), hearings (听取汇报), written progress
  summaries (书面总结) and symposiums (座谈会) recorded on the items.
"""

import datetime as dt
from dataclasses import dataclass, field, fields

from django.db.models import (
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from renda.core import clock
from renda.proposals.lifecycles import AWAITING_REPLY
from renda.proposals.models import (
    Assignment,
    CommitteeActivity,
    Evaluation,
    HandlingRecord,
    Kind,
    Proposal,
    ProposalEvent,
    Reply,
)

LISTED_MOTION_STATES = ("listed", "in_handling", "reported", "closed")
SATISFIED = ("satisfied", "basically")


@dataclass(frozen=True)
class Rate:
    """A share: `numerator` of `denominator` (no value when nothing was counted)."""

    numerator: int
    denominator: int

    @property
    def value(self) -> float | None:
        return self.numerator / self.denominator if self.denominator else None

    @property
    def percent(self) -> str:
        """'95.2%' — or '—' when there is nothing to divide by."""
        value = self.value
        return "—" if value is None else f"{value * 100:.1f}%"

    def __str__(self) -> str:
        return self.percent


# -- scopes ------------------------------------------------------------------------------------


def session_items(session) -> QuerySet[Proposal]:
    """A session's items: those proposed to it and those of its interim period."""
    return Proposal.objects.filter(session=session)


def year_items(year: int) -> QuerySet[Proposal]:
    """The items submitted in calendar `year` (local time)."""
    return Proposal.objects.filter(submitted_at__date__year=year)


def received(items: QuerySet[Proposal]) -> QuerySet[Proposal]:
    return items.filter(submitted_at__isnull=False).exclude(state__in=("draft", "withdrawn"))


# -- counts ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ItemCounts:
    """How many items were received and what became of them (议案、建议数量)."""

    motions: int = 0
    motions_listed: int = 0
    motions_converted: int = 0
    motions_not_accepted: int = 0
    motions_awaiting_decision: int = 0
    suggestions: int = 0
    suggestions_from_motions: int = 0
    suggestions_session: int = 0
    suggestions_interim: int = 0
    suggestions_accepted: int = 0
    suggestions_transferred: int = 0
    suggestions_awaiting_review: int = 0
    suggestions_assigned: int = 0
    suggestions_closed: int = 0

    @property
    def total(self) -> int:
        """Motions and suggestions proposed as such (converted ones counted once)."""
        return self.motions + self.suggestions - self.suggestions_from_motions


def item_counts(items: QuerySet[Proposal]) -> ItemCounts:
    """One query."""
    motion, suggestion = Q(kind=Kind.MOTION), Q(kind=Kind.SUGGESTION)
    row = received(items).aggregate(
        motions=Count("pk", filter=motion),
        motions_listed=Count("pk", filter=motion & Q(state__in=LISTED_MOTION_STATES)),
        motions_converted=Count("pk", filter=motion & Q(state="converted")),
        motions_not_accepted=Count("pk", filter=motion & Q(state="not_accepted")),
        motions_awaiting_decision=Count(
            "pk", filter=motion & Q(state__in=("submitted", "under_review", "referred"))
        ),
        suggestions=Count("pk", filter=suggestion),
        suggestions_from_motions=Count("pk", filter=suggestion & Q(source__isnull=False)),
        suggestions_session=Count("pk", filter=suggestion & Q(period="session")),
        suggestions_interim=Count("pk", filter=suggestion & Q(period="interim")),
        suggestions_accepted=Count("pk", filter=suggestion & Q(number__isnull=False)),
        suggestions_transferred=Count("pk", filter=suggestion & Q(state="transferred")),
        suggestions_awaiting_review=Count("pk", filter=suggestion & Q(state="submitted")),
        suggestions_assigned=Count("pk", filter=suggestion & Q(assigned_at__isnull=False)),
        suggestions_closed=Count("pk", filter=suggestion & Q(state="closed")),
    )
    return ItemCounts(**row)


@dataclass(frozen=True)
class Bucket:
    """One bar of a breakdown: the key to drill down with, its label, and the counts."""

    key: object
    label: str
    motions: int
    suggestions: int

    @property
    def total(self) -> int:
        return self.motions + self.suggestions


DIMENSIONS = {
    # dimension: (key field, label field)
    "category": ("category_id", "category__name"),
    "delegation": ("delegation_id", "delegation__name"),
    "state": ("state", None),
    "period": ("period", None),
}


def counts_by(items: QuerySet[Proposal], dimension: str) -> list[Bucket]:
    """Received items by category, delegation, state or period, largest first (one query).
    Items without a value (no category, an organisation's motion) come under key None."""
    key, label = DIMENSIONS[dimension]
    values = [key] + ([label] if label else [])
    rows = (
        received(items)
        .values(*values)
        .annotate(
            motions=Count("pk", filter=Q(kind=Kind.MOTION)),
            suggestions=Count("pk", filter=Q(kind=Kind.SUGGESTION)),
        )
        .order_by()
    )
    buckets = [
        Bucket(r[key], _label(dimension, r, label), r["motions"], r["suggestions"]) for r in rows
    ]
    return sorted(buckets, key=lambda b: (-b.total, b.label))


def _label(dimension: str, row: dict, label_field: str | None) -> str:
    if label_field:
        return row[label_field] or "—"
    value = row[DIMENSIONS[dimension][0]]
    if dimension == "state":
        from renda.proposals.lifecycles import MOTION_STATES, SUGGESTION_STATES

        return str(SUGGESTION_STATES.get(value) or MOTION_STATES.get(value) or value)
    from renda.proposals.models import Period

    return str(dict(Period.choices).get(value, value))


def counts_by_kind_and_state(items: QuerySet[Proposal]) -> dict[tuple[str, str], int]:
    """Every item (drafts included) by (kind, state): the dashboards' state chart."""
    rows = items.values("kind", "state").annotate(n=Count("pk")).order_by()
    return {(r["kind"], r["state"]): r["n"] for r in rows}


# -- handling figures --------------------------------------------------------------------------


@dataclass(frozen=True)
class HandlingFigures:
    """How the assigned suggestions of one unit (or of all units) were handled."""

    assigned: int = 0
    replied: int = 0
    overdue: int = 0
    owed: int = 0
    on_time: int = 0
    contacted: int = 0
    class_a: int = 0
    class_b: int = 0
    class_c: int = 0
    class_d: int = 0
    evaluated: int = 0
    satisfied: int = 0
    basically_satisfied: int = 0
    unsatisfied: int = 0
    no_feedback: int = 0
    rehandled: int = 0
    key_supervised: int = 0
    closed: int = 0

    @property
    def reply_rate(self) -> Rate:
        return Rate(self.replied, self.assigned)

    @property
    def on_time_rate(self) -> Rate:
        return Rate(self.on_time, self.owed)

    @property
    def late(self) -> int:
        """Owed and not replied on time (replied late, or overdue): `filter_items(late=True)`."""
        return self.owed - self.on_time

    @property
    def contact_rate(self) -> Rate:
        return Rate(self.contacted, self.replied)

    @property
    def a_share(self) -> Rate:
        return Rate(self.class_a, self.replied)

    @property
    def b_share(self) -> Rate:
        return Rate(self.class_b, self.replied)

    @property
    def c_share(self) -> Rate:
        return Rate(self.class_c, self.replied)

    @property
    def d_share(self) -> Rate:
        return Rate(self.class_d, self.replied)

    @property
    def satisfaction_rate(self) -> Rate:
        return Rate(self.satisfied + self.basically_satisfied, self.evaluated)


@dataclass(frozen=True)
class UnitFigures:
    """A handling unit's figures: as lead unit (`figures`) and how many items it co-handles."""

    unit_id: int
    name: str
    figures: HandlingFigures
    co_assigned: int = 0


def lead_assignments(items: QuerySet[Proposal], today: dt.date) -> QuerySet[Assignment]:
    """Current lead-unit assignments of the suggestions in `items`, each annotated with what
    the definitions above need. The base of every handling figure."""
    proposal = OuterRef("proposal")
    first_reply = Reply.objects.filter(proposal=proposal, round=1)
    latest_reply = Reply.objects.filter(proposal=proposal).order_by("-round")
    latest_evaluation = Evaluation.objects.filter(reply__proposal=proposal).order_by(
        "-reply__round", "-evaluated_at", "-pk"
    )
    on_time_reply = ProposalEvent.objects.filter(
        proposal=proposal, action="suggestion.release_reply", data__round=1, data__on_time=True
    )
    contacted = HandlingRecord.objects.filter(
        proposal=proposal,
        kind=HandlingRecord.Kind.CONTACT,
        occurred_on__lte=Subquery(first_reply.annotate(day=TruncDate("replied_at")).values("day")),
    )
    return Assignment.objects.filter(
        active=True,
        role=Assignment.Role.LEAD,
        proposal__kind=Kind.SUGGESTION,
        proposal__in=items.values("pk"),
    ).annotate(
        is_replied=Exists(first_reply),
        is_on_time=Exists(on_time_reply),
        is_contacted=Exists(contacted),
        is_overdue=Q(proposal__state__in=AWAITING_REPLY, proposal__due_date__lt=today),
        latest_class=Subquery(latest_reply.values("result_class")[:1]),
        latest_result=Subquery(latest_evaluation.values("result")[:1]),
    )


def _figure_aggregates() -> dict:
    replied, overdue = Q(is_replied=True), Q(is_overdue=True)
    closed = Q(proposal__state="closed")
    return {
        "assigned": Count("pk"),
        "replied": Count("pk", filter=replied),
        "overdue": Count("pk", filter=overdue),
        "owed": Count("pk", filter=replied | overdue),
        "on_time": Count("pk", filter=replied & Q(is_on_time=True)),
        "contacted": Count("pk", filter=replied & Q(is_contacted=True)),
        "class_a": Count("pk", filter=Q(latest_class="A")),
        "class_b": Count("pk", filter=Q(latest_class="B")),
        "class_c": Count("pk", filter=Q(latest_class="C")),
        "class_d": Count("pk", filter=Q(latest_class="D")),
        "evaluated": Count("pk", filter=Q(latest_result__isnull=False)),
        "satisfied": Count("pk", filter=Q(latest_result="satisfied")),
        "basically_satisfied": Count("pk", filter=Q(latest_result="basically")),
        "unsatisfied": Count("pk", filter=Q(latest_result="unsatisfied")),
        "no_feedback": Count("pk", filter=closed & Q(latest_result__isnull=True)),
        "rehandled": Count("pk", filter=Q(proposal__handling_round__gte=2)),
        "key_supervised": Count("pk", filter=Q(proposal__key_supervised=True)),
        "closed": Count("pk", filter=closed),
    }


def overall_figures(items: QuerySet[Proposal], today: dt.date | None = None) -> HandlingFigures:
    """All units together (one query)."""
    today = today or clock.today()
    row = lead_assignments(items, today).aggregate(**_figure_aggregates())
    return HandlingFigures(**row)


def unit_figures(items: QuerySet[Proposal], today: dt.date | None = None) -> list[UnitFigures]:
    """Each unit that leads or co-handles an item, by the number it leads (two queries)."""
    today = today or clock.today()
    names = [f.name for f in fields(HandlingFigures)]
    rows = (
        lead_assignments(items, today)
        .values("unit_id", "unit__name")
        .annotate(**_figure_aggregates())
        .order_by()
    )
    co_rows = (
        Assignment.objects.filter(
            active=True,
            role=Assignment.Role.CO,
            proposal__kind=Kind.SUGGESTION,
            proposal__in=items.values("pk"),
        )
        .values("unit_id", "unit__name")
        .annotate(n=Count("pk"))
        .order_by()
    )
    co = {r["unit_id"]: (r["unit__name"], r["n"]) for r in co_rows}
    units = [
        UnitFigures(
            r["unit_id"],
            r["unit__name"],
            HandlingFigures(**{n: r[n] for n in names}),
            co.pop(r["unit_id"], (None, 0))[1],
        )
        for r in rows
    ]
    units += [UnitFigures(pk, name, HandlingFigures(), n) for pk, (name, n) in co.items()]
    return sorted(units, key=lambda u: (-u.figures.assigned, -u.co_assigned, u.name))


# -- supervision -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ActivityCounts:
    """Committee activities recorded on the items (专门委员会督办活动)."""

    investigations: int = 0
    hearings: int = 0
    summaries: int = 0
    symposiums: int = 0

    @property
    def total(self) -> int:
        return self.investigations + self.hearings + self.summaries + self.symposiums


ACTIVITY_FIELDS = {
    CommitteeActivity.Kind.INVESTIGATION: "investigations",
    CommitteeActivity.Kind.HEARING: "hearings",
    CommitteeActivity.Kind.SUMMARY: "summaries",
    CommitteeActivity.Kind.SYMPOSIUM: "symposiums",
}


def activity_counts(items: QuerySet[Proposal]) -> ActivityCounts:
    """One query."""
    row = CommitteeActivity.objects.filter(proposal__in=items.values("pk")).aggregate(
        **{name: Count("pk", filter=Q(kind=kind)) for kind, name in ACTIVITY_FIELDS.items()}
    )
    return ActivityCounts(**row)


def committee_activities(items: QuerySet[Proposal]) -> QuerySet[CommitteeActivity]:
    """The activities themselves, in date order, with their item and committee (one query)."""
    return (
        CommitteeActivity.objects.filter(proposal__in=items.values("pk"))
        .select_related("committee", "proposal")
        .order_by("occurred_on", "pk")
    )


def contact_methods(items: QuerySet[Proposal]) -> dict[str, int]:
    """Contacts with deputies by method (登门走访, 座谈, 电话 …), one query."""
    rows = (
        HandlingRecord.objects.filter(
            proposal__in=items.values("pk"), kind=HandlingRecord.Kind.CONTACT
        )
        .values("method")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {r["method"]: r["n"] for r in rows}


def key_supervised_items(items: QuerySet[Proposal]) -> QuerySet[Proposal]:
    """重点督办 items with their supervising committee, lead unit and latest class (one query)."""
    lead = Assignment.objects.filter(
        proposal=OuterRef("pk"), active=True, role=Assignment.Role.LEAD
    )
    latest = Reply.objects.filter(proposal=OuterRef("pk")).order_by("-round")
    return (
        items.filter(key_supervised=True)
        .select_related("lead_committee", "lead_deputy", "delegation", "session__term")
        .annotate(
            lead_unit_name=Subquery(lead.values("unit__name")[:1]),
            latest_class=Subquery(latest.values("result_class")[:1]),
            reply_count=Coalesce(
                Subquery(
                    Reply.objects.filter(proposal=OuterRef("pk"))
                    .values("proposal")
                    .annotate(n=Count("pk"))
                    .values("n")
                ),
                Value(0),
                output_field=IntegerField(),
            ),
        )
        .order_by("period", "number", "pk")
    )


def listed_motions(items: QuerySet[Proposal]) -> QuerySet[Proposal]:
    """Motions listed for handling, with what the report says about them (one query)."""
    signers = Count("signatures", filter=Q(signatures__status="confirmed"))
    return (
        items.filter(kind=Kind.MOTION, state__in=LISTED_MOTION_STATES)
        .select_related("lead_deputy", "delegation", "lead_committee", "session__term")
        .annotate(signers=signers)
        .order_by("number", "pk")
    )


# -- everything at once ------------------------------------------------------------------------


@dataclass(frozen=True)
class Statistics:
    """Every figure of a scope, computed in a fixed number of queries."""

    today: dt.date
    counts: ItemCounts
    overall: HandlingFigures
    units: list[UnitFigures]
    by_category: list[Bucket]
    by_delegation: list[Bucket]
    by_state: list[Bucket]
    activities: ActivityCounts
    contacts: dict[str, int] = field(default_factory=dict)


def compute_statistics(items: QuerySet[Proposal], today: dt.date | None = None) -> Statistics:
    """All the figures of `items` as of `today` (ten queries)."""
    today = today or clock.today()
    return Statistics(
        today=today,
        counts=item_counts(items),
        overall=overall_figures(items, today),
        units=unit_figures(items, today),
        by_category=counts_by(items, "category"),
        by_delegation=counts_by(items, "delegation"),
        by_state=counts_by(items, "state"),
        activities=activity_counts(items),
        contacts=contact_methods(items),
    )


# -- drill-down --------------------------------------------------------------------------------


def filter_items(
    items: QuerySet[Proposal],
    *,
    today: dt.date | None = None,
    received_only: bool = False,
    **filters,
) -> QuerySet[Proposal]:
    """The items behind one figure, by the same definitions: a chart's bar opens the list
    `filter_items(visible, received_only=True, category=3)`. Filters (None is "any"; for
    category and delegation the string "none" means "without one"): kind, state, period,
    category, delegation, unit (current lead unit), co_unit (a current co-unit), result_class
    (latest reply), satisfaction (latest evaluation; a list for "any of"), overdue, on_time
    (first reply by the due date), late (owed and not on time: the on-time rate's complement),
    key_supervised, rehandled, replied, year (submitted that year), and the months
    submitted_month, assigned_month, replied_month (any reply), due_month — a date in the
    month or "2026-02"."""
    today = today or clock.today()
    unknown = set(filters) - set(_FILTERS)
    if unknown:
        raise ValueError(f"unknown filters: {sorted(unknown)}")
    if received_only:
        items = received(items)
    for name, value in filters.items():
        if value is not None and value != "":
            items = items.filter(_FILTERS[name](value, today))
    return items


def _nullable(field_name: str):
    def build(value, today):
        return Q(**{f"{field_name}__isnull": True}) if value == "none" else Q(**{field_name: value})

    return build


def _lead_unit(value, today):
    return Q(
        Exists(
            Assignment.objects.filter(
                proposal=OuterRef("pk"), active=True, role=Assignment.Role.LEAD, unit=value
            )
        )
    )


def _result_class(value, today):
    later = Reply.objects.filter(proposal=OuterRef("proposal"), round__gt=OuterRef("round"))
    latest = Reply.objects.filter(_one_or_many("result_class", value), proposal=OuterRef("pk"))
    return Q(Exists(latest.exclude(Exists(later))))


def _one_or_many(field_name: str, value) -> Q:
    return (
        Q(**{f"{field_name}__in": value})
        if isinstance(value, list | tuple)
        else Q(**{field_name: value})
    )


def _satisfaction(value, today):
    # One evaluation per reply in practice (the lead deputy's); the latest round's counts.
    later = Evaluation.objects.filter(
        reply__proposal=OuterRef("reply__proposal"), reply__round__gt=OuterRef("reply__round")
    )
    latest = Evaluation.objects.filter(
        _one_or_many("result", value), reply__proposal=OuterRef("pk")
    )
    return Q(Exists(latest.exclude(Exists(later))))


def _co_unit(value, today):
    return Q(
        Exists(
            Assignment.objects.filter(
                proposal=OuterRef("pk"), active=True, role=Assignment.Role.CO, unit=value
            )
        )
    )


def _first_reply() -> Exists:
    return Exists(Reply.objects.filter(proposal=OuterRef("pk"), round=1))


def _on_time_reply() -> Exists:
    return Exists(
        ProposalEvent.objects.filter(
            proposal=OuterRef("pk"),
            action="suggestion.release_reply",
            data__round=1,
            data__on_time=True,
        )
    )


def _late(value, today):
    # Owed (replied, or overdue) and not replied on time: what the on-time rate misses.
    overdue = Q(state__in=AWAITING_REPLY, due_date__lt=today)
    q = (Q(_first_reply()) | overdue) & ~Q(_on_time_reply())
    return q if _truthy(value) else ~q


def month_bounds(value) -> tuple[dt.date, dt.date]:
    """The first day of `value`'s month and of the next one ("2026-02" or a date)."""
    if isinstance(value, str):
        value = dt.datetime.strptime(value, "%Y-%m").date()
    start = value.replace(day=1)
    return start, (start + dt.timedelta(days=32)).replace(day=1)


def local_midnight(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time()))


def _month(field_name: str, *, moment: bool = True):
    """Items whose `field_name` falls in a month (local time for moments)."""

    def build(value, today):
        start, end = month_bounds(value)
        if moment:
            start, end = local_midnight(start), local_midnight(end)
        return Q(**{f"{field_name}__gte": start, f"{field_name}__lt": end})

    return build


def _replied_month(value, today):
    start, end = month_bounds(value)
    replies = Reply.objects.filter(
        proposal=OuterRef("pk"),
        replied_at__gte=local_midnight(start),
        replied_at__lt=local_midnight(end),
    )
    return Q(Exists(replies))


def _overdue(value, today):
    q = Q(state__in=AWAITING_REPLY, due_date__lt=today)
    return q if _truthy(value) else ~q


def _flag(condition: Q):
    def build(value, today):
        return condition if _truthy(value) else ~condition

    return build


def _truthy(value) -> bool:
    return value in (True, 1, "1", "true", "yes", "on")


_FILTERS = {
    "kind": lambda v, t: Q(kind=v),
    "state": lambda v, t: Q(state__in=v) if isinstance(v, list | tuple) else Q(state=v),
    "period": lambda v, t: Q(period=v),
    "category": _nullable("category_id"),
    "delegation": _nullable("delegation_id"),
    "unit": _lead_unit,
    "co_unit": _co_unit,
    "result_class": _result_class,
    "satisfaction": _satisfaction,
    "overdue": _overdue,
    "on_time": lambda v, t: Q(_on_time_reply()) if _truthy(v) else ~Q(_on_time_reply()),
    "late": _late,
    "key_supervised": _flag(Q(key_supervised=True)),
    "rehandled": _flag(Q(handling_round__gte=2)),
    "replied": lambda v, t: Q(_first_reply()) if _truthy(v) else ~Q(_first_reply()),
    "year": lambda v, t: Q(submitted_at__date__year=int(v)),
    "submitted_month": _month("submitted_at"),
    "assigned_month": _month("assigned_at"),
    "replied_month": _replied_month,
    "due_month": _month("due_date", moment=False),
}
