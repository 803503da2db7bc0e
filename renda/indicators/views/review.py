"""审核: staff's queue of values awaiting review — adopt one, several at once, or return one
with the reason."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from renda.core.errors import DomainError
from renda.indicators import selectors, services
from renda.indicators.access import get_value_for_review
from renda.indicators.forms import ReturnForm
from renda.indicators.views.common import staff_only

PER_PAGE = 50


@staff_only
def queue(request):
    page = Paginator(selectors.review_queue(request.user), PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "indicators/review.html",
        {"page": page, "return_form": ReturnForm(), "tab": "review"},
    )


@require_POST
@staff_only
def accept(request):
    """Adopt the chosen values (one button per row, or the ticked ones): all or none."""
    chosen = request.POST.getlist("value")
    values = list(selectors.review_queue(request.user).filter(pk__in=_ids(chosen)))
    if not values:
        messages.error(request, _("Please choose at least one value."))
    elif len(values) != len(set(chosen)):
        messages.error(request, _("Some of the chosen values no longer await review; reload."))
    else:
        try:
            services.accept_values(values, actor=request.user)
        except DomainError as refused:
            messages.error(request, refused.message)
        else:
            messages.success(
                request,
                ngettext("%(count)d value adopted.", "%(count)d values adopted.", len(values))
                % {"count": len(values)},
            )
    return redirect("indicators:review")


def _ids(chosen: list[str]) -> list[int]:
    return [int(pk) for pk in chosen if pk.isdigit()]


@require_POST
@staff_only
def return_value(request, pk: int):
    """Return one value to its unit with the reason."""
    value = get_value_for_review(request.user, pk)
    form = ReturnForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please give the reason."))
        return redirect("indicators:review")
    try:
        services.return_value(value, actor=request.user, reason=form.cleaned_data["reason"])
    except DomainError as refused:
        messages.error(request, refused.message)
    else:
        messages.success(
            request,
            _("%(indicator)s (%(region)s) returned to %(unit)s.")
            % {
                "indicator": value.indicator.name,
                "region": value.region,
                "unit": value.indicator.responsible_unit,
            },
        )
    return redirect("indicators:review")
