"""Attachments of reported values, downloaded through a permission check (never from a public
media address), under a name renda makes, as an attachment."""

from pathlib import Path

from django.db.models import F
from django.http import Http404

from renda.audit.services import record_download
from renda.core.downloads import attachment_response
from renda.indicators.access import get_revision_attachment_for
from renda.indicators.models import ValueRevision
from renda.indicators.views.common import readers_only


@readers_only
def revision_attachment(request, pk: int):
    """A revision's attachment: any revision for staff and the responsible unit, the adopted
    one for other readers; 404 alike for missing and not allowed."""
    revision = get_revision_attachment_for(request.user, pk)
    value = revision.reported
    suffix = Path(revision.attachment.name).suffix.lower()
    name = (
        f"{value.indicator.code}-{value.region.name}-{value.year}年{value.month}月"
        f"-第{revision.number}版{suffix}"
    )
    response = attachment_response(revision.attachment, name)
    record_download(request.user, revision, label=name, filename=name)
    return response


@readers_only
def value_attachment(request, pk: int):
    """The attachment of a value's latest revision (the review queue links it)."""
    latest = (
        ValueRevision.objects.filter(reported_id=pk, number=F("reported__revision"))
        .values_list("pk", flat=True)
        .first()
    )
    if latest is None:
        raise Http404
    return revision_attachment(request, latest)
