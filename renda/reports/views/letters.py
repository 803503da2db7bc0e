from django.contrib import messages
from django.shortcuts import redirect

from renda.core.errors import DomainError, NotPermitted
from renda.reports.services.documents import reply_letter_document
from renda.reports.views.common import _record_export, download, page


@page
def reply_letter(request, pk: int):
    """答复函 (.docx, or .pdf with ?format=pdf): the letters to the deputies with the lead
    deputy's evaluation form — for whoever may see the item's released replies."""
    round_ = request.GET.get("round")
    try:
        file = reply_letter_document(
            actor=request.user,
            proposal_id=pk,
            round=int(round_) if round_ and round_.isdigit() else None,
            pdf=request.GET.get("format") == "pdf",
        )
    except NotPermitted:
        raise
    except DomainError as refused:
        messages.error(request, refused.message)
        return redirect("proposals:detail", pk=pk)
    _record_export(request, "reply_letter", 1)
    return download(file)
