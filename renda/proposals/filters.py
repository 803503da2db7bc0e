"""The list filters shared by every list page and its .xlsx export.

Besides the filters on the form, hidden ones carry a dashboard chart's drill-down (received,
lead or co-unit, on time, late, year, months). Those that count what the statistics count
delegate to `renda.reports.statistics.filter_items`, so a chart's number and the drilled-down
list's count are the same by construction."""

import django_filters
from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from renda.congress.models import Delegation, Organization, Session
from renda.core import clock
from renda.core.forms import Form
from renda.proposals.lifecycles import MOTION_STATES, SUGGESTION_STATES
from renda.proposals.models import Category, Kind, Period, ResultClass, Satisfaction
from renda.proposals.selectors import due_soon, overdue

STATE_CHOICES = sorted({**MOTION_STATES, **SUGGESTION_STATES}.items(), key=lambda kv: kv[0])
ORDERING = {
    "number": _("Number"),
    "submitted_at": _("Submitted"),
    "due_date": _("Due date"),
    "title": _("Title"),
}
# "Satisfied or basically satisfied": the satisfaction rate's numerator.
SATISFIED_ANY = "satisfied_any"
SATISFACTION_CHOICES = [
    *Satisfaction.choices,
    (SATISFIED_ANY, _("satisfied or basically satisfied")),
]
YES_NO = [("1", _("Yes")), ("0", _("No"))]
NONE_LABEL = "—"  # items without a category, or an organisation's motion without a delegation


def _statistics_filter(name: str):
    """A filter method that applies `filter_items(name=value)` (see the module docstring)."""

    def method(queryset, field_name, value):
        from renda.reports.statistics import filter_items

        if value in (None, ""):
            return queryset
        if name == "satisfaction" and value == SATISFIED_ANY:
            value = ["satisfied", "basically"]
        return filter_items(queryset, **{name: value})

    return method


def _hidden(filter_class, name: str, **kwargs):
    return filter_class(widget=forms.HiddenInput, method=_statistics_filter(name), **kwargs)


class NumberInFilter(django_filters.BaseInFilter, django_filters.NumberFilter):
    pass


class ProposalFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_text")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Kind.choices)
    session = django_filters.ModelChoiceFilter(
        label=_("Session"), queryset=Session.objects.select_related("term")
    )
    period = django_filters.ChoiceFilter(label=_("Period"), choices=Period.choices)
    delegation = django_filters.ModelChoiceFilter(
        label=_("Delegation"),
        queryset=Delegation.objects.all(),
        null_label=NONE_LABEL,
        null_value="none",
    )
    category = django_filters.ModelChoiceFilter(
        label=_("Category"),
        queryset=Category.objects.all(),
        null_label=NONE_LABEL,
        null_value="none",
    )
    unit = django_filters.ModelChoiceFilter(
        label=_("Handling unit"),
        queryset=Organization.objects.filter(kind="handling_unit"),
        method="filter_unit",
    )
    state = django_filters.ChoiceFilter(label=_("State"), choices=STATE_CHOICES)
    deadline = django_filters.ChoiceFilter(
        label=_("Deadline"),
        choices=[("overdue", _("Overdue")), ("due_soon", _("Due soon"))],
        method="filter_deadline",
    )
    key_supervised = django_filters.ChoiceFilter(
        label=_("Key supervised"), choices=[("1", _("Yes"))], method="filter_key"
    )
    result_class = django_filters.ChoiceFilter(
        label=_("Class"), choices=ResultClass.choices, method=_statistics_filter("result_class")
    )
    satisfaction = django_filters.ChoiceFilter(
        label=_("Evaluation"),
        choices=SATISFACTION_CHOICES,
        method=_statistics_filter("satisfaction"),
    )
    replied = django_filters.ChoiceFilter(
        label=_("Replied"), choices=YES_NO, method=_statistics_filter("replied")
    )
    rehandled = django_filters.ChoiceFilter(
        label=_("Re-handled"), choices=YES_NO, method=_statistics_filter("rehandled")
    )
    # Drill-down only (hidden on the form, kept in the query string).
    received = django_filters.BooleanFilter(widget=forms.HiddenInput, method="filter_received")
    lead_unit = _hidden(
        django_filters.ModelChoiceFilter,
        "unit",
        queryset=Organization.objects.filter(kind="handling_unit"),
    )
    co_unit = _hidden(
        django_filters.ModelChoiceFilter,
        "co_unit",
        queryset=Organization.objects.filter(kind="handling_unit"),
    )
    on_time = _hidden(django_filters.BooleanFilter, "on_time")
    late = _hidden(django_filters.BooleanFilter, "late")
    year = _hidden(django_filters.NumberFilter, "year", min_value=2000, max_value=2100)
    submitted_month = _hidden(django_filters.DateFilter, "submitted_month", input_formats=["%Y-%m"])
    assigned_month = _hidden(django_filters.DateFilter, "assigned_month", input_formats=["%Y-%m"])
    replied_month = _hidden(django_filters.DateFilter, "replied_month", input_formats=["%Y-%m"])
    due_month = _hidden(django_filters.DateFilter, "due_month", input_formats=["%Y-%m"])
    # A hot topic's items (renda.textmining topics page), as comma-separated ids.
    ids = NumberInFilter(field_name="pk", lookup_expr="in", widget=forms.HiddenInput)
    ordering = django_filters.OrderingFilter(
        label=_("Sort by"), fields=list(ORDERING), field_labels=ORDERING
    )

    class Meta:
        fields = []
        form = Form

    def filter_text(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        from renda.textmining.search import matching

        # Full-text (全文检索): titles, texts, replies and signers' names, every word matching.
        return matching(queryset, value)

    def filter_unit(self, queryset, name, value):
        return queryset.filter(assignments__unit=value, assignments__active=True).distinct()

    def filter_key(self, queryset, name, value):
        return queryset.filter(key_supervised=True)

    def filter_deadline(self, queryset, name, value):
        today = clock.today()
        return overdue(queryset, today) if value == "overdue" else due_soon(queryset, today)

    def filter_received(self, queryset, name, value):
        from renda.reports.statistics import received

        return received(queryset) if value else queryset

    @property
    def drilled_down(self) -> bool:
        """Whether hidden drill-down filters narrow the list (the page says so)."""
        data = self.form.cleaned_data if self.is_bound and self.form.is_valid() else {}
        return any(data.get(f.name) not in (None, "") for f in self.form.hidden_fields())


class UnknownQueue(LookupError):
    """The list was asked for a work queue the user does not have."""


def filter_list(user, params: QueryDict):
    """(queue, filterset) of a list page: the user's visible items, in the queue the query
    names, narrowed by its filters — shared by the page and its .xlsx export."""
    from renda.proposals.access import visible_proposals
    from renda.proposals.queues import queue_items

    queue = None
    items = visible_proposals(user)
    if key := params.get("queue"):
        found = queue_items(user, key, clock.today())
        if found is None:
            raise UnknownQueue(key)
        queue, items = found
    return queue, ProposalFilter(params, queryset=items)
