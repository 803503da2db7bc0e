"""Walking a reply through its whole approval path in tests (and nothing else)."""

import datetime as dt

from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone

from renda.accounts.models import User
from renda.proposals import services
from renda.proposals.models import Assignment, Proposal, Reply


def reply_through_path(
    item: Proposal,
    *,
    officer: User,
    reviewer: User,
    result_class: str = "A",
    body: str = "答复正文",
    promised_date: dt.date | None = None,
    document: UploadedFile | None = None,
    contact_person: str = "",
    contact_phone: str = "",
    signed_by_name: str = "分管领导",
) -> Reply:
    """Draft, check, sign off, countersign (by each co-unit's officer) and release."""
    if result_class == "B" and promised_date is None:
        promised_date = timezone.localdate() + dt.timedelta(days=90)
    draft = services.start_reply(
        item,
        actor=officer,
        result_class=result_class,
        body=body,
        promised_date=promised_date,
        document=document,
        contact_person=contact_person,
        contact_phone=contact_phone,
    )
    services.submit_reply_for_check(draft, actor=officer)
    services.check_reply(draft, actor=officer)
    services.sign_off_reply(draft, actor=officer, signed_by_name=signed_by_name)
    for co in Assignment.objects.filter(proposal=item, role="co", active=True):
        co_officer = User.objects.filter(organization=co.unit_id, role="unit_officer").first()
        services.countersign_reply(draft, actor=co_officer, agreed=True)
    reply = services.release_reply(draft, actor=reviewer)
    item.refresh_from_db()
    return reply
