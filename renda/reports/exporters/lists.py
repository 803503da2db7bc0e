"""Lists of items: any (filtered, permission-scoped) list, each unit's assignment list
(交办清单), and the suggestion register in the import format."""

from collections.abc import Iterator

from django.db.models import OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.fields.json import KeyTextTransform
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from renda.congress.masking import mask_phone
from renda.congress.models import Organization
from renda.core import clock
from renda.proposals.lifecycles import lifecycle_of
from renda.proposals.models import (
    Assignment,
    Kind,
    Proposal,
    ProposalEvent,
    Reply,
    Satisfaction,
    Signature,
)
from renda.reports.exporters.base import Column, Exporter, Sheet, joined, local_date
from renda.reports.imports.columns import PERIOD_NAMES, SUGGESTION_COLUMNS

CHUNK = 1000


def with_details(items: QuerySet[Proposal]) -> QuerySet[Proposal]:
    """Everything a list row shows, fetched in a fixed number of queries per chunk."""
    return items.select_related(
        "category", "lead_deputy", "delegation", "session__term", "lead_committee"
    ).prefetch_related(
        Prefetch(
            "assignments",
            queryset=Assignment.objects.filter(active=True).select_related("unit"),
            to_attr="current_assignments",
        ),
        Prefetch(
            "signatures",
            queryset=Signature.objects.filter(
                status=Signature.Status.CONFIRMED, is_lead=False
            ).select_related("deputy"),
            to_attr="cosignatures",
        ),
        Prefetch(
            "replies",
            queryset=Reply.objects.order_by("round").prefetch_related("evaluations"),
            to_attr="all_replies",
        ),
    )


def _lead(p: Proposal) -> Assignment | None:
    return next((a for a in p.current_assignments if a.role == Assignment.Role.LEAD), None)


def _co_names(p: Proposal) -> str:
    return joined(a.unit.name for a in p.current_assignments if a.role == Assignment.Role.CO)


def _cosigners(p: Proposal) -> str:
    return joined(s.deputy.name for s in p.cosignatures)


def _proposer(p: Proposal) -> str:
    if p.lead_deputy_id:
        return p.lead_deputy.name
    return p.delegation.name if p.delegation_id else str(p.proposer_org or "")


def _final_evaluation(p: Proposal) -> str:
    labels = dict(Satisfaction.choices)
    for reply in reversed(p.all_replies):
        evaluations = list(reply.evaluations.all())
        if evaluations:
            return str(labels[evaluations[-1].result])
    return ""


class ItemListExporter(Exporter):
    """一览表: any list of motions and suggestions, one row each."""

    identifier = "item_list"
    verbose_name = gettext_lazy("list of items")
    filename = "items.xlsx"

    def __init__(self, items: QuerySet[Proposal], heading: str = ""):
        self.items, self.heading = items, heading

    def expected_rows(self) -> int:
        return self.items.count()

    def columns(self) -> list[Column]:
        return [
            Column(gettext_lazy("No."), 6, "int"),
            Column(gettext_lazy("Number"), 11),
            Column(gettext_lazy("Kind"), 6),
            Column(pgettext_lazy("column", "Period"), 9),
            Column(gettext_lazy("Title"), 40, "wrap"),
            Column(pgettext_lazy("column", "Proposer"), 10),
            Column(gettext_lazy("Delegation"), 14),
            Column(gettext_lazy("Co-signers"), 20, "wrap"),
            Column(gettext_lazy("Category"), 10),
            Column(gettext_lazy("State"), 10),
            Column(gettext_lazy("Lead unit"), 20),
            Column(gettext_lazy("Co-units"), 20, "wrap"),
            Column(pgettext_lazy("column", "Assigned"), 11, "date"),
            Column(gettext_lazy("Reply due"), 11, "date"),
            Column(pgettext_lazy("column", "Replied"), 11, "date"),
            Column(gettext_lazy("Class"), 6),
            Column(gettext_lazy("Evaluation"), 10),
            Column(gettext_lazy("Key supervised"), 8),
            Column(gettext_lazy("Overdue"), 6),
        ]

    def sheets(self) -> Iterator[Sheet]:
        yield Sheet(_("Items"), self.columns(), self.rows(), self.heading)

    def rows(self):
        today = clock.today()
        yes = _("yes")
        items = with_details(self.items).order_by("kind", "period", "number", "pk")
        for n, p in enumerate(items.iterator(chunk_size=CHUNK), start=1):
            lead = _lead(p)
            replies = p.all_replies
            yield [
                n,
                p.display_number,
                p.get_kind_display(),
                PERIOD_NAMES[p.period],
                p.title,
                _proposer(p),
                p.delegation.name if p.delegation_id else "",
                _cosigners(p),
                p.category.name if p.category_id else "",
                lifecycle_of(p).state_label(p.state),
                lead.unit.name if lead else "",
                _co_names(p),
                local_date(p.assigned_at),
                p.due_date,
                local_date(replies[0].replied_at) if replies else None,
                replies[-1].result_class if replies else "",
                _final_evaluation(p),
                yes if p.key_supervised else "",
                yes if p.is_overdue(today) else "",
            ]


class AssignmentListExporter(Exporter):
    """交办清单: for each unit, the items assigned to it (lead or co-unit), one sheet each.
    Shows the deputies' phone numbers in full only to staff and the units themselves (who
    contact the deputy); anyone else who may read the list (the government coordinator)
    gets them masked."""

    identifier = "assignment_list"
    verbose_name = gettext_lazy("assignment lists")
    filename = "assignment-lists.xlsx"

    def __init__(
        self,
        items: QuerySet[Proposal],
        units: QuerySet[Organization] | None = None,
        *,
        full_contacts: bool = True,
    ):
        self.items = items.filter(kind=Kind.SUGGESTION)
        self.units = units
        self.full_contacts = full_contacts

    def assignments(self) -> QuerySet[Assignment]:
        qs = Assignment.objects.filter(active=True, proposal__in=self.items.values("pk"))
        if self.units is not None:
            qs = qs.filter(unit__in=self.units)
        return qs.select_related(
            "unit", "proposal__lead_deputy", "proposal__delegation", "proposal__session__term"
        ).order_by("unit__order", "unit__name", "-role", "proposal__number", "proposal__pk")

    def expected_rows(self) -> int:
        return self.assignments().count()

    def columns(self) -> list[Column]:
        return [
            Column(gettext_lazy("No."), 6, "int"),
            Column(gettext_lazy("Number"), 11),
            Column(gettext_lazy("Title"), 40, "wrap"),
            Column(pgettext_lazy("column", "Proposer"), 10),
            Column(gettext_lazy("Delegation"), 14),
            Column(gettext_lazy("Mobile"), 14),
            Column(gettext_lazy("Handled as"), 8),
            Column(gettext_lazy("Other units"), 24, "wrap"),
            Column(pgettext_lazy("column", "Assigned"), 11, "date"),
            Column(gettext_lazy("Reply due"), 11, "date"),
            Column(pgettext_lazy("column", "Signed for"), 11, "date"),
        ]

    def sheets(self) -> Iterator[Sheet]:
        assignments = list(self.assignments())
        others = self._other_units({a.proposal_id for a in assignments})
        by_unit: dict[int, list[Assignment]] = {}
        for a in assignments:
            by_unit.setdefault(a.unit_id, []).append(a)
        for rows in by_unit.values():
            unit = rows[0].unit
            heading = _("Assignment list of %(unit)s") % {"unit": unit.name}
            yield Sheet(
                unit.short_name or unit.name, self.columns(), self._rows(rows, others), heading
            )

    def _other_units(self, proposal_ids: set[int]) -> dict[int, list[tuple[int, str, str]]]:
        found: dict[int, list[tuple[int, str, str]]] = {}
        rows = Assignment.objects.filter(active=True, proposal__in=proposal_ids).values_list(
            "proposal_id", "unit_id", "unit__name", "role"
        )
        for proposal_id, unit_id, name, role in rows:
            found.setdefault(proposal_id, []).append((unit_id, name, role))
        return found

    def _phone(self, mobile: str) -> str:
        return mobile if self.full_contacts or not mobile else mask_phone(mobile)

    def _rows(self, assignments, others):
        lead_label, co_label = _("as lead unit"), _("as co-unit")
        for n, a in enumerate(assignments, start=1):
            p = a.proposal
            other = [
                f"{name}（{lead_label if role == 'lead' else co_label}）"
                for unit_id, name, role in others.get(p.pk, [])
                if unit_id != a.unit_id
            ]
            yield [
                n,
                p.display_number,
                p.title,
                _proposer(p),
                p.delegation.name if p.delegation_id else "",
                self._phone(p.lead_deputy.mobile if p.lead_deputy_id else ""),
                lead_label if a.role == Assignment.Role.LEAD else co_label,
                joined(other),
                local_date(a.assigned_at),
                p.due_date,
                local_date(a.signed_at),
            ]


class SuggestionSheetExporter(Exporter):
    """The suggestion register in the import format (建议登记表): a session's accepted
    suggestions, which `imports.suggestions` reads back."""

    identifier = "suggestion_sheet"
    verbose_name = gettext_lazy("suggestion register")
    filename = "suggestions.xlsx"

    def __init__(self, items: QuerySet[Proposal]):
        self.items = items.filter(kind=Kind.SUGGESTION, number__isnull=False)

    def expected_rows(self) -> int:
        return self.items.count()

    def sheets(self) -> Iterator[Sheet]:
        columns = [Column(c.header, c.width, c.kind) for c in SUGGESTION_COLUMNS]
        yield Sheet(_("Suggestions"), columns, self.rows())

    def rows(self):
        # The due date set at assignment (re-handling sets a new one on the item itself).
        assigned_due = (
            ProposalEvent.objects.filter(
                proposal=OuterRef("pk"),
                action__in=("suggestion.assign", "suggestion.approve_reassignment"),
            )
            .order_by("-at", "-pk")
            .annotate(due=KeyTextTransform("due_date", "data"))
            .values("due")[:1]
        )
        items = (
            with_details(self.items)
            .annotate(assigned_due=Subquery(assigned_due))
            .order_by("period", "number", "pk")
        )
        for p in items.iterator(chunk_size=CHUNK):
            lead = _lead(p)
            yield [
                p.display_number,
                PERIOD_NAMES[p.period],
                p.title,
                p.lead_deputy.name if p.lead_deputy_id else "",
                p.delegation.name if p.delegation_id else "",
                _cosigners(p),
                local_date(p.submitted_at),
                p.category.name if p.category_id else "",
                p.body,
                lead.unit.name if lead else "",
                _co_names(p),
                local_date(p.assigned_at) if lead else None,
                _iso_date(p.assigned_due) if lead else None,
            ]


def _iso_date(value: str | None):
    import datetime as dt

    return dt.date.fromisoformat(value) if value else None
