"""A user's notifications, and for congress staff the log of reminders and deliveries."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from renda.accounts.models import Role
from renda.notifications import selectors, services
from renda.notifications.forms import DeliveryFilter, ReminderFilter
from renda.notifications.models import Delivery

PAGE_SIZE = 30
LOG_PAGE_SIZE = 50


@login_required
def inbox(request):
    page = Paginator(selectors.inbox(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "notifications/inbox.html", {"page": page})


@login_required
@require_POST
def open_notification(request, pk: int):
    """Mark it read and go to the item it is about."""
    notification = selectors.get_notification_for(request.user, pk)
    services.mark_read(notification, actor=request.user)
    if notification.item_id is None:
        return redirect("notifications:inbox")
    return redirect("proposals:detail", pk=notification.item_id)


@login_required
@require_POST
def read_all(request):
    count = services.mark_all_read(actor=request.user)
    text = ngettext(
        "%(count)s notification marked read.", "%(count)s notifications marked read.", count
    )
    messages.success(request, text % {"count": count})
    return redirect("notifications:inbox")


@login_required
def log(request):
    """Staff only: the reminders that went out (who is late) and every delivery's status."""
    if request.user.role != Role.STAFF:
        raise PermissionDenied
    tab = "deliveries" if request.GET.get("tab") == "deliveries" else "reminders"
    context = {
        "tab": tab,
        "totals": selectors.unsent_totals(),
        "statuses": [(s, label) for s, label in Delivery.Status.choices if s != "sent"],
    }
    if tab == "reminders":
        form = ReminderFilter(request.GET)
        kind = form.cleaned_data["kind"] if form.is_valid() else ""
        page = _page(request, selectors.reminder_log(kind))
        context["summaries"] = selectors.delivery_summaries(list(page))
    else:
        form = DeliveryFilter(request.GET)
        data = form.cleaned_data if form.is_valid() else {}
        page = _page(request, selectors.delivery_log(data.get("status"), data.get("channel")))
    params = request.GET.copy()
    params.pop("page", None)
    context.update(form=form, page=page, query=params.urlencode())
    return render(request, "notifications/log.html", context)


def _page(request, items):
    return Paginator(items, LOG_PAGE_SIZE).get_page(request.GET.get("page"))
