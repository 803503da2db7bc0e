"""The pages: each user sees and marks only their own notifications; only congress staff see
the log of reminders and deliveries; queries per page stay constant as data grows."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from renda.notifications.models import Delivery, Notification
from renda.notifications.reminders import send_reminders
from renda.notifications.services import notify

pytestmark = pytest.mark.django_db


def tell(item, *users, kind="assigned"):
    return notify(kind=kind, item=item, recipients=users, context={"due_date": item.due_date})


@pytest.mark.parametrize(
    ("url", "persona", "status"),
    [
        ("/notifications/", None, 302),
        ("/notifications/", "proposer", 200),
        ("/notifications/", "lead_officer", 200),
        ("/notifications/", "staff", 200),
        ("/notifications/log/", None, 302),
        ("/notifications/log/", "staff", 200),
        ("/notifications/log/?tab=deliveries", "staff", 200),
        ("/notifications/log/", "proposer", 403),
        ("/notifications/log/", "lead_officer", 403),
        ("/notifications/log/?tab=deliveries", "lead_officer", 403),
        ("/notifications/log/", "presidium", 403),
        ("/notifications/log/", "committee_member", 403),
        ("/notifications/log/", "system_admin", 403),
    ],
)
def test_who_may_open_which_page(client, cast, url, persona, status):
    if persona:
        client.force_login(getattr(cast, persona))
    response = client.get(url)
    assert response.status_code == status
    if status == 302:
        assert response["Location"].startswith("/accounts/login/")


def test_a_user_sees_only_their_own_notifications(client, cast, item):
    tell(item, cast.lead_officer)
    notify(kind="rehandling", item=item, recipients=[cast.co_officer], context={})
    client.force_login(cast.lead_officer)
    page = client.get("/notifications/").content.decode()
    assert "交办通知" in page and "重新办理" not in page
    assert 'data-unread="1"' in page  # the bell in the navigation bar


def test_opening_a_notification_marks_it_read_and_goes_to_the_item(client, cast, item):
    (mine,) = tell(item, cast.lead_officer)
    client.force_login(cast.lead_officer)
    response = client.post(f"/notifications/{mine.pk}/open/")
    assert response.status_code == 302 and response["Location"] == f"/items/{item.pk}/"
    mine.refresh_from_db()
    assert mine.read_at is not None
    assert 'data-unread="0"' in client.get("/notifications/").content.decode()


def test_another_users_notification_cannot_be_opened(client, cast, item):
    (theirs,) = tell(item, cast.co_officer)
    client.force_login(cast.lead_officer)
    assert client.post(f"/notifications/{theirs.pk}/open/").status_code == 404
    assert client.post("/notifications/999999/open/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_opening_takes_a_post(client, cast, item):
    (mine,) = tell(item, cast.lead_officer)
    client.force_login(cast.lead_officer)
    assert client.get(f"/notifications/{mine.pk}/open/").status_code == 405
    mine.refresh_from_db()
    assert mine.read_at is None


def test_mark_all_read_touches_only_ones_own(client, cast, item):
    tell(item, cast.lead_officer)
    tell(item, cast.lead_officer, kind="rehandling")
    tell(item, cast.co_officer)
    client.force_login(cast.lead_officer)
    client.post("/notifications/read-all/")
    unread = Notification.objects.filter(read_at__isnull=True)
    assert list(unread.values_list("recipient", flat=True)) == [cast.co_officer.pk]


def test_a_message_without_an_item_is_marked_read_in_place(client, cast):
    (digest,) = notify(kind="overdue_digest", item=None, recipients=[cast.staff], context={})
    client.force_login(cast.staff)
    response = client.post(f"/notifications/{digest.pk}/open/")
    assert response["Location"] == "/notifications/"


def test_staff_see_who_is_late_and_what_was_sent(client, cast, item, reachable):
    item.due_date = dt.date(2026, 9, 23)
    item.save(update_fields=["due_date"])
    send_reminders(dt.date(2026, 9, 24))
    Delivery.objects.filter(channel="sms").update(
        status="failed", attempts=5, last_error="ConnectionError: gateway unreachable"
    )
    client.force_login(cast.staff)
    reminders = client.get("/notifications/log/").content.decode()
    assert item.title in reminders and cast.lead_unit.name in reminders
    assert "答复超期" in reminders and "发送失败 1" in reminders and "待发送 1" in reminders
    deliveries = client.get("/notifications/log/?tab=deliveries&status=failed").content.decode()
    assert "13800001111" in deliveries and "gateway unreachable" in deliveries
    assert "officer@unit.example.cn" not in deliveries  # filtered out: still waiting


def queries(client, url) -> int:
    client.get(url)  # warm up
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx)


def grow(cast, n):
    from renda.proposals.models import Kind
    from renda.proposals.tests.builders import build_item

    for i in range(n):
        item = build_item(cast, Kind.SUGGESTION, "in_handling")
        item.due_date = dt.date(2026, 9, 1) + dt.timedelta(days=i % 20)
        item.save(update_fields=["due_date"])
        tell(item, cast.lead_officer, cast.staff)
    send_reminders(dt.date(2026, 9, 24))


@pytest.mark.parametrize(
    ("persona", "url"),
    [
        ("lead_officer", "/notifications/"),
        ("staff", "/notifications/"),
        ("staff", "/notifications/log/"),
        ("staff", "/notifications/log/?kind=overdue"),
        ("staff", "/notifications/log/?tab=deliveries"),
        ("staff", "/notifications/log/?tab=deliveries&status=pending&channel=email"),
    ],
)
def test_queries_per_page_are_constant(client, cast, reachable, persona, url):
    client.force_login(getattr(cast, persona))
    grow(cast, 3)
    few = queries(client, url)
    grow(cast, 30)
    assert queries(client, url) == few
