"""Reading the audit log: the filtered list the pages and the export share."""

import datetime as dt

from django.db.models import Q, QuerySet

from renda.audit.models import AuditRecord


def audit_records(
    *,
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
    actor: str = "",
    category: str = "",
    action: str = "",
    result: str = "",
    object: str = "",  # the filter's name on the page
    address: str = "",
) -> QuerySet[AuditRecord]:
    """Newest first. `until` is exclusive; text filters match part of the value (the object
    filter the type, id or label; the address its start)."""
    rows = AuditRecord.objects.order_by("-pk")
    if since:
        rows = rows.filter(at__gte=since)
    if until:
        rows = rows.filter(at__lt=until)
    if actor:
        rows = rows.filter(actor_username__icontains=actor)
    if category:
        rows = rows.filter(category=category)
    if action:
        rows = rows.filter(action__icontains=action)
    if result:
        rows = rows.filter(result=result)
    if object:
        rows = rows.filter(
            Q(object_label__icontains=object)
            | Q(object_type__icontains=object)
            | Q(object_id=object)
        )
    if address:
        rows = rows.filter(address__startswith=address)
    return rows
