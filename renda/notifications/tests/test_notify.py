"""notify() writes the notifications and their outbox rows in the caller's transaction, in
Chinese, and schedules delivery for after the commit — a rolled-back step tells no one."""

import pytest
from django.db import transaction
from django.utils import translation

from renda.notifications.messages import MESSAGES, render
from renda.notifications.models import Delivery, Notification
from renda.notifications.services import notify
from renda.testing.factories import unit_officer

pytestmark = pytest.mark.django_db


def test_each_recipient_gets_one_notification_in_chinese(cast, item, reachable):
    second = unit_officer(cast.lead_unit, email="second@unit.example.cn")
    with translation.override("en"):
        notes = notify(
            kind="assigned",
            item=item,
            recipients=[reachable, second, reachable],  # a duplicate is told once
            context={"due_date": item.due_date},
        )
    assert sorted(n.recipient_id for n in notes) == sorted([reachable.pk, second.pk])
    note = Notification.objects.get(recipient=reachable)
    assert note.subject == "交办通知"
    assert "主办" in note.text and f"第{item.number:04d}号建议" in note.text
    assert f"{item.due_date.year}年{item.due_date.month}月{item.due_date.day}日" in note.text
    assert note.item == item and note.read_at is None


def test_one_pending_delivery_per_channel_with_an_address(cast, item, reachable):
    no_address = unit_officer(cast.lead_unit)
    notify(kind="assigned", item=item, recipients=[reachable, no_address], context={})
    rows = set(Delivery.objects.values_list("notification__recipient", "channel", "address"))
    assert rows == {
        (reachable.pk, "email", "officer@unit.example.cn"),
        (reachable.pk, "sms", "13800001111"),
    }
    assert set(Delivery.objects.values_list("status", "attempts")) == {("pending", 0)}
    # everyone is told in the app, address or not
    assert Notification.objects.filter(recipient=no_address).count() == 1


def test_channels_per_kind_come_from_the_settings(settings, item, reachable):
    settings.NOTIFICATIONS = {"CHANNELS": {"*": ["sms"], "assigned": []}}
    notify(kind="assigned", item=item, recipients=[reachable])
    notify(kind="rehandling", item=item, recipients=[reachable])
    assert list(Delivery.objects.values_list("notification__kind", "channel")) == [
        ("rehandling", "sms")
    ]


def test_a_disabled_channel_is_never_used(settings, item, reachable):
    settings.NOTIFICATIONS = {"ENABLED": ["email"]}
    notify(kind="overdue", item=item, recipients=[reachable])
    assert list(Delivery.objects.values_list("channel", flat=True)) == ["email"]


def test_inactive_users_are_not_told(cast, item):
    cast.lead_officer.is_active = False
    cast.lead_officer.save(update_fields=["is_active"])
    assert notify(kind="assigned", item=item, recipients=[cast.lead_officer]) == []
    assert not Notification.objects.exists()


def test_a_rolled_back_step_leaves_no_notification_and_schedules_nothing(
    item, reachable, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            notify(kind="assigned", item=item, recipients=[reachable])
            assert Notification.objects.count() == 1  # visible inside the transaction
            raise RuntimeError("the step is refused after notifying")
    assert not Notification.objects.exists() and not Delivery.objects.exists()
    assert callbacks == []


def test_a_committed_step_schedules_delivery_once(
    item, reachable, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        with transaction.atomic():
            notify(kind="assigned", item=item, recipients=[reachable])
            notify(kind="rehandling", item=item, recipients=[reachable])
    assert len(callbacks) == 1
    assert Delivery.objects.filter(status="pending").count() == 3


def test_nothing_to_deliver_schedules_nothing(cast, item, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        with transaction.atomic():
            notify(kind="assigned", item=item, recipients=[cast.lead_officer])  # no address
    assert callbacks == [] and Notification.objects.count() == 1


def test_an_unknown_kind_is_refused_and_writes_nothing(item, reachable):
    with pytest.raises(ValueError):
        notify(kind="no_such_kind", item=item, recipients=[reachable])
    assert not Notification.objects.exists()


def test_a_message_without_an_item(cast):
    (note,) = notify(
        kind="overdue_digest", item=None, recipients=[cast.staff], context={"count": 3}
    )
    assert note.item is None and "3条" in note.text


def test_a_draft_is_named_by_its_title(cast):
    from renda.proposals.models import Kind
    from renda.proposals.tests.builders import build_item

    draft = build_item(cast, Kind.MOTION, "draft")
    (note,) = notify(
        kind="cosign_invitation",
        item=draft,
        recipients=[cast.invitee],
        context={"actor": cast.proposer},
    )
    assert note.text.startswith(f"{cast.proposer.full_name}邀请您")
    assert f"《{draft.title}》" in note.text


@pytest.mark.parametrize("kind", sorted(MESSAGES))
def test_every_kind_reads_in_chinese_with_every_placeholder_filled(kind):
    names = "item actor due_date opinion_due to_unit note reason step class left unit what count"
    context = dict.fromkeys(names.split(), "X")
    with translation.override("zh-hans"):
        subject, text = render(kind, context)
    assert "%(" not in text
    assert any("\u4e00" <= ch <= "\u9fff" for ch in subject + text)


def test_recipient_helpers(cast, item):
    from renda.accounts.models import Role
    from renda.notifications import recipients
    from renda.testing.factories import UserFactory

    second = unit_officer(cast.lead_unit)
    coordinator = UserFactory(role=Role.COORDINATOR, organization=cast.committee)
    assert set(recipients.unit_officers(cast.lead_unit)) == {cast.lead_officer, second}
    assert set(recipients.item_unit_officers(item, "co")) == {cast.co_officer}
    assert set(recipients.item_unit_officers(item)) == {cast.lead_officer, second, cast.co_officer}
    assert recipients.deputy_user(cast.proposer.deputy) == cast.proposer
    signers = {cast.proposer, *cast.cosigners}  # the invitee has not confirmed
    assert set(recipients.signing_deputies(item)) == signers
    assert set(recipients.congress_staff()) == {cast.staff}
    assert set(recipients.coordinators()) == {coordinator, cast.coordinator}
    officers = recipients.officers_by_unit([cast.lead_unit.pk, cast.co_unit.pk])
    assert officers[cast.lead_unit.pk] == [cast.lead_officer, second]


def test_a_step_code_is_said_in_words(cast, item):
    (note,) = notify(
        kind="reply_awaiting", item=item, recipients=[cast.lead_officer], context={"step": "sign"}
    )
    assert note.text.endswith("的答复待您签发。")
