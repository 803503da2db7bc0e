"""The list filters shared by every list page and its .xlsx export."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from renda.congress.models import Delegation, Organization, Session
from renda.core import clock
from renda.core.forms import Form
from renda.proposals.lifecycles import MOTION_STATES, SUGGESTION_STATES
from renda.proposals.models import Category, Kind, Period
from renda.proposals.selectors import due_soon, overdue

STATE_CHOICES = sorted({**MOTION_STATES, **SUGGESTION_STATES}.items(), key=lambda kv: kv[0])
ORDERING = {
    "number": _("Number"),
    "submitted_at": _("Submitted"),
    "due_date": _("Due date"),
    "title": _("Title"),
}


class ProposalFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_text")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Kind.choices)
    session = django_filters.ModelChoiceFilter(
        label=_("Session"), queryset=Session.objects.select_related("term")
    )
    period = django_filters.ChoiceFilter(label=_("Period"), choices=Period.choices)
    delegation = django_filters.ModelChoiceFilter(
        label=_("Delegation"), queryset=Delegation.objects.all()
    )
    category = django_filters.ModelChoiceFilter(
        label=_("Category"), queryset=Category.objects.filter(parent=None)
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
        return queryset.filter(
            Q(title__icontains=value) | Q(body__icontains=value) | Q(lead_deputy__name=value)
        )

    def filter_unit(self, queryset, name, value):
        return queryset.filter(assignments__unit=value, assignments__active=True).distinct()

    def filter_key(self, queryset, name, value):
        return queryset.filter(key_supervised=True)

    def filter_deadline(self, queryset, name, value):
        today = clock.today()
        return overdue(queryset, today) if value == "overdue" else due_soon(queryset, today)
