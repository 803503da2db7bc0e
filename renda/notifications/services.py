"""Telling people: `notify` writes notifications and their outbox rows in the caller's
transaction and schedules delivery for after the commit.

Lifecycle services call `notify` inside their own transaction, so a step that is rolled back
tells no one, and a step that is committed has its messages committed with it. Nothing is sent
here: e-mail and SMS go out from the background worker (`delivery.py`).
"""

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import translation

from renda.accounts.models import User
from renda.congress.models import CongressSettings
from renda.core import clock
from renda.notifications import conf
from renda.notifications.channels import address_for
from renda.notifications.messages import MESSAGES, render
from renda.notifications.models import Delivery, Notification, Reminder
from renda.proposals.models import Proposal

logger = logging.getLogger(__name__)


@dataclass
class Message:
    """One thing to tell: a kind, the item it is about, who is told, and the details."""

    kind: str
    item: Proposal | None
    recipients: Iterable[User]
    context: dict[str, Any] = field(default_factory=dict)
    reminder: Reminder | None = None


def notify(
    *,
    kind: str,
    item: Proposal | None,
    recipients: Iterable[User],
    context: dict[str, Any] | None = None,
) -> list[Notification]:
    """通知: tell each recipient (once, if active) about a step on `item`.

    Writes one Notification per recipient and one pending Delivery per outside channel the
    kind uses (settings.NOTIFICATIONS["CHANNELS"]) and the recipient has an address for, in
    the caller's transaction; delivery is scheduled for after the commit."""
    return notify_many([Message(kind, item, recipients, context or {})])


def notify_many(messages: Iterable[Message]) -> list[Notification]:
    """`notify` for many messages at once, with two inserts in all (the reminders use it)."""
    now = clock.now()
    names = _ItemNames()
    notes: list[Notification] = []
    with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
        for m in messages:
            notes.extend(_notifications(m, names, now))
        Notification.objects.bulk_create(notes, batch_size=500)
        deliveries = [
            Delivery(notification=n, channel=channel, address=address, next_attempt_at=now)
            for n in notes
            for channel in conf.channels_for(n.kind)
            if (address := address_for(channel, n.recipient))
        ]
        Delivery.objects.bulk_create(deliveries, batch_size=500)
        if deliveries:
            schedule_delivery()
    return notes


def _notifications(m: Message, names: "_ItemNames", now) -> list[Notification]:
    if m.kind not in MESSAGES:
        raise ValueError(f"unknown notification kind {m.kind!r}")
    context = dict(m.context)
    if m.item is not None:
        context.setdefault("item", names.of(m.item))
    subject, text = render(m.kind, context)
    seen: set[int] = set()
    notes = []
    for user in m.recipients:
        if not user.is_active or user.pk in seen:
            continue
        seen.add(user.pk)
        notes.append(
            Notification(
                recipient=user,
                kind=m.kind,
                item=m.item,
                reminder=m.reminder,
                subject=subject[:100],
                text=text,
                created_at=now,
            )
        )
    return notes


class _ItemNames:
    """How a message names an item: 市七届人大九次会议第0012号建议《title》."""

    def __init__(self) -> None:
        self.short_name: str | None = None

    def of(self, item: Proposal) -> str:
        if not item.number:
            return f"《{item.title}》"
        if self.short_name is None:
            self.short_name = CongressSettings.current().short_name
        return f"{item.reference_for(self.short_name)}《{item.title}》"


def schedule_delivery() -> None:
    """Enqueue the delivery task once the current transaction commits (once per
    transaction however many messages it wrote; at once outside a transaction)."""
    connection = transaction.get_connection()
    if connection.in_atomic_block and any(
        func is _enqueue_delivery for _sids, func, _robust in connection.run_on_commit
    ):
        return
    transaction.on_commit(_enqueue_delivery, robust=True)


def _enqueue_delivery() -> None:
    from renda.notifications.tasks import deliver_notifications

    try:
        deliver_notifications.enqueue()
    except Exception:  # the queue is down: the scheduler's sweep delivers later
        logger.exception("Could not enqueue the notification delivery task")


def mark_read(notification: Notification, *, actor: User) -> None:
    """已读: the recipient has seen the notification (nothing changes for anyone else)."""
    Notification.objects.filter(pk=notification.pk, recipient=actor, read_at__isnull=True).update(
        read_at=clock.now()
    )


def mark_all_read(*, actor: User) -> int:
    """Mark every unread notification of `actor` read; returns how many."""
    return Notification.objects.filter(recipient=actor, read_at__isnull=True).update(
        read_at=clock.now()
    )
