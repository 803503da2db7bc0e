from django.http import Http404
from django.shortcuts import render

from renda.reports.exporters.scores import component_labels
from renda.reports.models import COMPONENTS, ScoringRule
from renda.reports.scores import scores_for
from renda.reports.views.common import page, scope_from


@page
def ranking(request):
    """办理考评: the units' scores, best first (staff); a unit sees its own, the government
    coordinator the government's units."""
    form, scope = scope_from(request)
    units = scores_for(actor=request.user, scope=scope)
    labels = component_labels()
    return render(
        request,
        "reports/scores.html",
        {
            "form": form,
            "scope": scope,
            "units": units,
            "components": [(name, labels[name]) for name in COMPONENTS],
            "rule": ScoringRule.current(),
        },
    )


@page
def unit_score(request, unit_id: int):
    """One unit's score with every item's points (they add up to the score)."""
    form, scope = scope_from(request)
    found = [u for u in scores_for(actor=request.user, scope=scope) if u.unit_id == unit_id]
    if not found:
        raise Http404
    labels = component_labels()
    return render(
        request,
        "reports/unit_score.html",
        {
            "form": form,
            "scope": scope,
            "unit": found[0],
            "components": [(name, labels[name]) for name in COMPONENTS],
        },
    )
