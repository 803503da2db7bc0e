"""Staff's tools: import and export a system as .xlsx, and figures from a written summary."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from renda.audit.services import record_export
from renda.congress.models import Region
from renda.core.errors import DomainError
from renda.indicators import services
from renda.indicators.access import get_system_for
from renda.indicators.forms import FiguresForm, SystemImportForm
from renda.indicators.models import IndicatorSystem
from renda.indicators.regions import city_region
from renda.indicators.sheets import SheetRejected
from renda.indicators.views.common import staff_only, xlsx_response


@staff_only
def import_system(request):
    """导入指标体系: a new system, or the next version of one; all or nothing, every error
    by sheet, row and column."""
    form = SystemImportForm(request.POST or None, request.FILES or None)
    rejected = None
    if request.method == "POST" and form.is_valid():
        try:
            system, changes = services.import_system(
                form.cleaned_data["file"],
                actor=request.user,
                system=form.cleaned_data["system"],
            )
        except SheetRejected as refused:
            rejected = refused
        except DomainError as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, _changes_message(system, changes))
            return redirect("indicators:overview", pk=system.pk)
    return render(
        request,
        "indicators/import.html",
        {
            "form": form,
            "sheet_errors": rejected,
            "systems": IndicatorSystem.objects.all(),
            "tab": "manage",
        },
    )


def _changes_message(system, changes) -> str:
    return _(
        "%(system)s is at version %(version)s: %(added)d added, %(updated)d changed, "
        "%(redefined)d redefined, %(retired)d retired."
    ) % {
        "system": system.name,
        "version": system.version,
        "added": len(changes.added),
        "updated": len(changes.updated),
        "redefined": len(changes.redefined),
        "retired": len(changes.retired),
    }


@staff_only
def export_system(request, pk: int):
    system = get_system_for(request.user, pk)
    data = services.export_system(system)
    record_export(
        request.user, "indicator_system", rows=1, detail={"system": system.pk, "name": system.name}
    )
    return xlsx_response(data, f"{system.name}-第{system.version}版.xlsx")


@staff_only
def figures(request, pk: int):
    """从文字中提取: paste a summary → the figures found, each with its sentence → staff tick
    the right ones and confirm: they are reported on the units' behalf and await review."""
    system = get_system_for(request.user, pk)
    form = FiguresForm(system, request.POST or None, initial={"region": city_region().pk})
    proposals, picked = [], set()
    if request.method == "POST" and form.is_valid():
        try:
            proposals = _propose(system, form, request.user)
        except DomainError as refused:
            form.add_error(None, refused.message)
        picked = set(range(len(proposals)))  # proposed: all ticked, staff untick
        if proposals and "confirm" in request.POST:
            picked = {int(i) for i in request.POST.getlist("pick") if i.isdigit()}
            if _confirmed(request, form, [p for i, p in enumerate(proposals) if i in picked]):
                return redirect("indicators:review")
    return render(
        request,
        "indicators/figures.html",
        {
            "system": system,
            "form": form,
            "proposals": proposals,
            "picked": picked,
            "tab": "manage",
        },
    )


def _propose(system, form, actor):
    data = form.cleaned_data
    return services.propose_figures(
        system,
        data["text"],
        actor=actor,
        year=data["year"],
        month=data["month"],
        region=Region.objects.filter(pk=data["region"]).first(),
    )


def _confirmed(request, form, chosen) -> bool:
    """Report the ticked figures; False (with the reasons on the form) when refused."""
    try:
        reported = services.confirm_figures(
            chosen, actor=request.user, source=form.cleaned_data["source"]
        )
    except services.EntriesRejected as refused:
        form.add_error(None, refused.message)
        for index, message in refused.errors:
            form.add_error(None, f"{_sentence_of(chosen, index)}：{message}")
        return False
    except DomainError as refused:
        form.add_error(None, refused.message)
        return False
    messages.success(
        request,
        _("%(count)d figures reported on the units' behalf; they await review.")
        % {"count": len(reported)},
    )
    return True


def _sentence_of(chosen, index: int) -> str:
    p = chosen[index]
    return f"{p.indicator.code} {p.indicator.name}（{p.region}）{p.candidate.text}"
