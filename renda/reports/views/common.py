"""Helpers shared by the reports pages."""

import logging
from functools import wraps
from urllib.parse import quote

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse

from renda.audit.services import record_export
from renda.core.errors import NotPermitted
from renda.reports.forms import ScopeForm
from renda.reports.services.documents import GeneratedFile

logger = logging.getLogger("renda.reports.exports")


def _record_export(request, what: str, count: int) -> None:
    """Every export and download of the reports pages is audited here: what, how many rows."""
    logger.info("export %s (%s rows) by user %s", what, count, request.user.pk)
    record_export(request.user, what, rows=count, detail={"query": request.GET.urlencode()[:500]})


def page(view):
    """Logged in; a refusal from the services (NotPermitted) answers 403."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except NotPermitted as refused:
            raise PermissionDenied(refused.message) from None

    return wrapper


def download(file: GeneratedFile) -> HttpResponse:
    response = HttpResponse(file.content, content_type=file.content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(file.name)}"
    return response


def scope_from(request) -> tuple[ScopeForm, object]:
    """The page's session or year (?scope=session:12 or year:2026; the newest session)."""
    form = ScopeForm(request.GET if "scope" in request.GET else None)
    return form, form.report_scope()
