from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from renda.reports import access, charts
from renda.reports.views.common import page, scope_from

TITLES = {
    "state": _("Items received, by state"),
    "category": _("Items received, by category"),
    "delegation": _("Items received, by delegation"),
    "unit": _("Suggestions per handling unit"),
    "rates": _("On-time, satisfaction and A-class rates per unit (%)"),
    "timeline": _("Month by month: submitted, assigned, replied"),
    "late": _("Late replies per unit and month assigned"),
}


@page
def dashboard(request):
    """统计图表: the scope's figures over the items the user may see; each bar opens the list."""
    access.require_data_role(request.user)
    form, scope = scope_from(request)
    board = charts.dashboard(request.user, scope)
    shown = [(key, TITLES[key], board.charts[key]) for key in TITLES]
    return render(
        request,
        "reports/dashboard.html",
        {"form": form, "scope": scope, "board": board, "charts": shown},
    )
