"""The delivery worker: drains the outbox of pending deliveries (healthchecks' sendalerts).

Rows are claimed with one conditional UPDATE (`… SET status='sending', claimed_by=<token>
WHERE status='pending' AND id IN (the next due rows)`): a row another worker has claimed no
longer matches, so two workers never send the same message. A failure waits and is retried,
each wait twice the last, and is marked failed after the last attempt. Nothing here can undo
or hold up the step that wrote the notification.
"""

import datetime as dt
import logging
import uuid
from collections import defaultdict
from dataclasses import asdict, dataclass

from django.db import connection, transaction
from django.db.models import F

from renda.core import clock
from renda.notifications import conf
from renda.notifications.channels import get_channel
from renda.notifications.models import Delivery

logger = logging.getLogger(__name__)
Status = Delivery.Status


@dataclass
class DeliveryRun:
    sent: int = 0
    retried: int = 0
    failed: int = 0
    released: int = 0
    next_retry_at: dt.datetime | None = None

    def as_dict(self) -> dict:
        d = asdict(self)
        d["next_retry_at"] = self.next_retry_at.isoformat() if self.next_retry_at else None
        return d


def deliver_due() -> DeliveryRun:
    """Send every delivery that is due now, batch by batch, until none is left."""
    run = DeliveryRun(released=release_stale())
    while batch := claim(conf.get("BATCH")):
        send_batch(batch, run)
    if run.next_retry_at is not None:
        schedule_retry(run.next_retry_at)
    return run


def claim(size: int) -> list[Delivery]:
    """Take up to `size` due deliveries for this worker alone (marked 'sending')."""
    token, now = uuid.uuid4().hex, clock.now()
    due = Delivery.objects.filter(status=Status.PENDING, next_attempt_at__lte=now).order_by(
        "next_attempt_at", "pk"
    )
    if connection.features.has_select_for_update_skip_locked:
        # Workers pick different rows at once instead of queueing on each other's locks.
        due = due.select_for_update(skip_locked=True)
    with transaction.atomic():
        # Two statements, not UPDATE … WHERE id IN (SELECT … LIMIT n FOR UPDATE SKIP LOCKED):
        # PostgreSQL may rescan such a subquery and claim far more than n rows.
        ids = list(due.values_list("pk", flat=True)[:size])
        Delivery.objects.filter(pk__in=ids, status=Status.PENDING).update(
            status=Status.SENDING, claimed_by=token, claimed_at=now, attempts=F("attempts") + 1
        )
    return list(
        Delivery.objects.filter(claimed_by=token, status=Status.SENDING)
        .select_related("notification")
        .order_by("pk")
    )


def send_batch(batch: list[Delivery], run: DeliveryRun) -> None:
    """Send claimed deliveries channel by channel and record each outcome."""
    by_channel: dict[str, list[Delivery]] = defaultdict(list)
    for delivery in batch:
        by_channel[delivery.channel].append(delivery)
    for name, deliveries in by_channel.items():
        try:
            results = get_channel(name).send_many(deliveries)
        except Exception as error:  # a channel that cannot even start fails its whole batch
            results = [error] * len(deliveries)
        sent = [d.pk for d, error in zip(deliveries, results, strict=True) if error is None]
        mine = Delivery.objects.filter(
            pk__in=sent, claimed_by=deliveries[0].claimed_by, status=Status.SENDING
        )
        run.sent += mine.update(status=Status.SENT, sent_at=clock.now(), last_error="")
        for delivery, error in zip(deliveries, results, strict=True):
            if error is not None:
                record_failure(delivery, error, run)


def record_failure(delivery: Delivery, error: Exception, run: DeliveryRun) -> None:
    """Wait and retry (back-off doubling from RETRY_SECONDS), or give up after MAX_ATTEMPTS."""
    message = f"{type(error).__name__}: {error}"[:1000]
    logger.warning("Delivery %s (%s) failed: %s", delivery.pk, delivery.channel, message)
    mine = Delivery.objects.filter(
        pk=delivery.pk, claimed_by=delivery.claimed_by, status=Status.SENDING
    )
    if delivery.attempts >= conf.get("MAX_ATTEMPTS"):
        run.failed += mine.update(status=Status.FAILED, last_error=message)
        return
    wait = dt.timedelta(seconds=conf.get("RETRY_SECONDS") * 2 ** (delivery.attempts - 1))
    at = clock.now() + wait
    run.retried += mine.update(status=Status.PENDING, next_attempt_at=at, last_error=message)
    run.next_retry_at = min(run.next_retry_at or at, at)


def release_stale() -> int:
    """Claims older than STALE_SECONDS belong to a worker that died: put them back (or fail
    them when they have had all their attempts)."""
    cutoff = clock.now() - dt.timedelta(seconds=conf.get("STALE_SECONDS"))
    stale = Delivery.objects.filter(status=Status.SENDING, claimed_at__lt=cutoff)
    given_up = stale.filter(attempts__gte=conf.get("MAX_ATTEMPTS")).update(
        status=Status.FAILED, last_error="worker stopped while sending"
    )
    return given_up + stale.update(status=Status.PENDING, claimed_by="")


def schedule_retry(at: dt.datetime) -> None:
    """Run the delivery task again when the first retry is due (where the task backend can
    defer; otherwise the scheduler's sweep picks the retries up)."""
    from renda.notifications.tasks import deliver_notifications

    if not deliver_notifications.get_backend().supports_defer:
        return
    try:
        deliver_notifications.using(run_after=at).enqueue()
    except Exception:
        logger.exception("Could not schedule the delivery retry; the scheduler's sweep will")


def has_due_work() -> bool:
    """Whether a delivery is due now, or a claim has gone stale."""
    now = clock.now()
    cutoff = now - dt.timedelta(seconds=conf.get("STALE_SECONDS"))
    return (
        Delivery.objects.filter(status=Status.PENDING, next_attempt_at__lte=now).exists()
        or Delivery.objects.filter(status=Status.SENDING, claimed_at__lt=cutoff).exists()
    )
