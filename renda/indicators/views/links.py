"""关联指标: staff (and the committee leading an item) link a motion or a suggestion to the
indicators that measure what it asks for; its page then shows their progress."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from renda.core.errors import DomainError
from renda.indicators import selectors, services
from renda.indicators.access import may_link
from renda.indicators.forms import LinkForm
from renda.indicators.models import Indicator
from renda.indicators.views.common import readers_only
from renda.proposals.access import get_proposal_for

# How each linkable model is loaded for a user (404 when they may not see it) and where its
# page is. A later app adds its deliberation opinion here and in INDICATOR_LINKABLE_MODELS.
SUBJECTS = {
    "proposals.proposal": (get_proposal_for, "proposals:detail"),
}


def _subject(user, label: str, pk: int):
    if label not in SUBJECTS or label not in settings.INDICATOR_LINKABLE_MODELS:
        raise Http404
    load, page = SUBJECTS[label]
    subject = load(user, pk)
    if not may_link(user, subject):
        raise PermissionDenied
    return subject, reverse(page, args=[subject.pk])


@readers_only
def link(request, label: str, pk: int):
    """GET: the item's linked indicators and the current ones to choose from; POST: link the
    ticked ones, or unlink one (`unlink=<indicator id>`)."""
    subject, back = _subject(request.user, label, pk)
    available = Indicator.objects.filter(retired_in_version__isnull=True).select_related(
        "system", "dimension"
    )
    form = LinkForm(available, request.POST or None)
    if request.method == "POST":
        if _changed(request, subject, form):
            return redirect(back)
    linked = selectors.linked_indicators(subject)
    return render(
        request,
        "indicators/link.html",
        {
            "subject": subject,
            "back": back,
            "form": form,
            "linked": linked,
            "linked_ids": {item.indicator.pk for item in linked},
            "tab": "progress",
        },
    )


def _changed(request, subject, form) -> bool:
    try:
        if "unlink" in request.POST:
            unlink = request.POST["unlink"]
            indicator = get_object_or_404(Indicator, pk=int(unlink) if unlink.isdigit() else 0)
            services.unlink_indicator(subject, actor=request.user, indicator=indicator)
            messages.success(
                request, _("The link to %(code)s was removed.") % {"code": indicator.code}
            )
            return True
        if form.is_valid():
            created = services.link_indicators(
                subject,
                actor=request.user,
                indicators=form.cleaned_data["indicators"],
                note=form.cleaned_data["note"],
            )
            messages.success(request, _("%(count)d indicators linked.") % {"count": len(created)})
            return True
    except DomainError as refused:
        form.add_error(None, refused.message)
    return False
