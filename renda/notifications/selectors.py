"""Reads for the pages: a user's own notifications, and for staff the reminders and
deliveries that went out — each in a fixed number of queries."""

from collections import Counter, defaultdict

from django.db.models import Count, QuerySet
from django.http import Http404

from renda.accounts.models import User
from renda.notifications.models import Delivery, Notification, Reminder


def inbox(user: User) -> QuerySet[Notification]:
    """The user's notifications, newest first (nobody sees anyone else's)."""
    return Notification.objects.filter(recipient=user).order_by("-created_at", "-pk")


def unread_count(user: User) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def get_notification_for(user: User, pk: int) -> Notification:
    """The user's own notification; Http404 for another's, as for a missing one."""
    try:
        return inbox(user).get(pk=pk)
    except Notification.DoesNotExist:
        raise Http404 from None


def reminder_log(kind: str = "") -> QuerySet[Reminder]:
    """Reminders sent, newest first, with the item and the unit that is late."""
    reminders = Reminder.objects.select_related("proposal__session__term", "unit")
    return reminders.filter(kind=kind) if kind else reminders


def delivery_log(status: str = "", channel: str = "") -> QuerySet[Delivery]:
    """Deliveries, newest first, with whom they were for and what they said."""
    deliveries = Delivery.objects.select_related("notification__recipient")
    if status:
        deliveries = deliveries.filter(status=status)
    if channel:
        deliveries = deliveries.filter(channel=channel)
    return deliveries.order_by("-pk")


def delivery_summaries(reminders: list[Reminder]) -> dict[int, Counter]:
    """For each reminder on a page, its deliveries counted by status (two queries by key,
    whatever the tables' size)."""
    notes = dict(
        Notification.objects.filter(reminder__in=[r.pk for r in reminders]).values_list(
            "pk", "reminder_id"
        )
    )
    rows = Delivery.objects.filter(notification__in=list(notes)).values_list(
        "notification_id", "status"
    )
    found: dict[int, Counter] = defaultdict(Counter)
    for notification_id, status in rows.order_by():
        found[notes[notification_id]][status] += 1
    return found


def unsent_totals() -> dict[str, int]:
    """Deliveries still waiting, being sent or failed, by status (sent ones are the many and
    are not counted, so this stays quick as the log grows)."""
    rows = Delivery.objects.exclude(status=Delivery.Status.SENT).values_list("status")
    return dict(rows.annotate(n=Count("pk")).order_by())
