from django.contrib.auth.decorators import login_required
from django.http import Http404

from renda.audit.services import record_download
from renda.core.downloads import attachment_response
from renda.proposals.access import get_proposal_for
from renda.proposals.models import Reply
from renda.proposals.services._step import audit_label


@login_required
def reply_document(request, pk: int, reply_id: int):
    """A reply's uploaded letter, only to those who may see the item, as a download."""
    item = get_proposal_for(request.user, pk)
    reply = Reply.objects.filter(pk=reply_id, proposal=item).exclude(document="").first()
    if reply is None:
        raise Http404
    extension = reply.document.name.rsplit(".", 1)[-1].lower()
    filename = reply.document_name or f"{item.display_number or item.pk}答复.{extension}"
    response = attachment_response(reply.document, filename)
    record_download(request.user, reply, label=audit_label(item), filename=filename)
    return response
