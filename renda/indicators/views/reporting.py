"""报送: a unit officer's reporting page (what is owed, what came back, the Excel template and
its upload) and the form for one value. A unit reaches only its own indicators (404 for
another unit's); staff reach every indicator, entering figures on a unit's behalf."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from renda.accounts.models import Role
from renda.audit.services import record_export
from renda.congress.models import Region
from renda.core.errors import DomainError
from renda.indicators import selectors, services
from renda.indicators.access import get_reportable_for, get_system_for
from renda.indicators.forms import PeriodForm, ReportForm, UploadForm
from renda.indicators.models import IndicatorSystem, IndicatorValue, ValueState
from renda.indicators.services.common import decimal_text
from renda.indicators.sheets import SheetRejected
from renda.indicators.views.common import reporters_only, xlsx_response


def _systems(user):
    """The systems with indicators `user` reports."""
    ids = selectors.reportable_indicators(user).values("system_id")
    return list(IndicatorSystem.objects.filter(pk__in=ids))


def _page(request, *, sheet_errors=None, upload_system=None):
    user = request.user
    systems = _systems(user)
    return render(
        request,
        "indicators/reporting.html",
        {
            "owed": selectors.owed_reports(user),
            "returned": selectors.unit_values(user, ValueState.RETURNED),
            "pending": selectors.unit_values(user, ValueState.SUBMITTED),
            "mine": selectors.reportable_indicators(user)
            .filter(responsible_unit_id=user.organization_id)
            .order_by("system_id", "dimension__order", "order"),
            "sheets": [(s, PeriodForm(s, auto_id=f"tpl-{s.pk}-%s"), UploadForm()) for s in systems],
            "sheet_errors": sheet_errors,
            "upload_system": upload_system,
            "tab": "reporting",
        },
    )


@reporters_only
def reporting(request):
    """我的报送: reports owed past their due date, values returned with the reason, values
    awaiting review, the unit's indicators, and the Excel template and upload per system."""
    return _page(request)


@reporters_only
def report(request, pk: int):
    """One value: GET ?region=&year=&month= opens the form for that period (filled in with
    the value already entered, to revise it); POST reports it through the service."""
    indicator = get_reportable_for(request.user, pk)
    if request.method != "POST":
        existing = _existing(indicator, request.GET)
        form = ReportForm(indicator, initial=_initial(request.GET, existing))
    else:
        existing = _existing(indicator, request.POST)
        form = ReportForm(indicator, request.POST, request.FILES)
        if form.is_valid() and _reported(request, indicator, form):
            messages.success(request, _("Reported; the figure now awaits review by staff."))
            if request.user.role == Role.STAFF:
                return redirect("indicators:indicator", pk=indicator.pk)
            return redirect("indicators:reporting")
    return render(
        request,
        "indicators/report.html",
        {"indicator": indicator, "form": form, "existing": existing, "tab": "reporting"},
    )


def _reported(request, indicator, form) -> bool:
    data = form.cleaned_data
    try:
        services.report_value(
            indicator,
            actor=request.user,
            region=Region.objects.get(pk=data["region"]),
            year=data["year"],
            month=data["month"],
            value=data["value"],
            source_note=data["source_note"],
            attachment=data["attachment"],
        )
    except DomainError as refused:
        form.add_error(None, refused.message)
        return False
    return True


def _existing(indicator, source) -> IndicatorValue | None:
    try:
        key = {k: int(source.get(k, "")) for k in ("region", "year", "month")}
    except ValueError:
        return None
    return (
        IndicatorValue.objects.filter(indicator=indicator, region_id=key["region"])
        .filter(year=key["year"], month=key["month"])
        .select_related("region")
        .first()
    )


def _initial(source, existing: IndicatorValue | None) -> dict:
    initial = {k: source.get(k) for k in ("region", "year", "month") if source.get(k)}
    if existing is not None:
        initial |= {"value": decimal_text(existing.value), "source_note": existing.source_note}
    return initial


@reporters_only
def value_template(request, pk: int):
    """The Excel template of the rows the user's unit owes for one period."""
    system = get_system_for(request.user, pk)
    form = PeriodForm(system, request.GET)
    if not form.is_valid():
        messages.error(request, _("Please choose the year and the month."))
        return redirect("indicators:reporting")
    year, month = form.cleaned_data["year"], form.cleaned_data["month"]
    data = services.value_template(system, actor=request.user, year=year, month=month)
    record_export(
        request.user,
        "indicator_value_template",
        rows=1,
        detail={"system": system.pk, "year": year, "month": month},
    )
    return xlsx_response(data, f"{system.name}-报送表-{year}年{month}月.xlsx")


@require_POST
@reporters_only
def upload_values(request, pk: int):
    """导入报送表: every row with a value is reported, or none; each error by row and column."""
    system = get_system_for(request.user, pk)
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Please choose an .xlsx file."))
        return redirect("indicators:reporting")
    try:
        reported = services.import_values(system, form.cleaned_data["file"], actor=request.user)
    except SheetRejected as rejected:
        return _page(request, sheet_errors=rejected, upload_system=system)
    except DomainError as refused:
        messages.error(request, refused.message)
        return redirect("indicators:reporting")
    messages.success(
        request,
        ngettext(
            "%(count)d value reported; it awaits review.",
            "%(count)d values reported; they await review.",
            len(reported),
        )
        % {"count": len(reported)},
    )
    return redirect(reverse("indicators:reporting"))
