"""A database that is briefly gone (restart, fail-over) answers 503 with Retry-After and a
Chinese message the user can act on, never a 500: the request can simply be sent again."""

import logging
import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views import defaults

logger = logging.getLogger(__name__)
DATABASE_ERRORS = (OperationalError, InterfaceError)


def unavailable_response(request: HttpRequest | None = None) -> HttpResponse:
    """The 503 page. Rendered without the request: context processors would query the
    database that is not answering."""
    seconds = settings.RENDA_RETRY_AFTER_SECONDS
    message = _(
        "The service is briefly unavailable (the database is not answering). "
        "Please try again in %(seconds)s seconds."
    ) % {"seconds": seconds}
    if request is not None and request.headers.get("HX-Request"):
        body = message
    else:
        body = render_to_string(
            "reliability/503.html",
            {"title": _("Service briefly unavailable"), "message": message, "home": _("Home")},
        )
    response = HttpResponse(body, status=503, content_type="text/html; charset=utf-8")
    response["Retry-After"] = str(seconds)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    """Turns a lost database connection in a view into the 503 above."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_ERRORS):
            _log(request, exception)
            return unavailable_response(request)
        return None


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: errors outside the views (a middleware saving the session, a failed commit)
    reach here; a database outage still answers 503."""
    error = sys.exc_info()[1]
    if isinstance(error, DATABASE_ERRORS):
        _log(request, error)
        return unavailable_response(request)
    return defaults.server_error(request)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """handler400: Django turns a session that could not be saved into a 400 ("session
    interrupted") even when the cause was the database going away; that is an outage too."""
    if _caused_by_database(exception):
        _log(request, exception)
        return unavailable_response(request)
    return defaults.bad_request(request, exception)


def _caused_by_database(error: BaseException | None) -> bool:
    seen = 0
    while error is not None and seen < 10:  # SessionInterrupted <- UpdateError <- OperationalError
        if isinstance(error, DATABASE_ERRORS):
            return True
        error, seen = error.__cause__ or error.__context__, seen + 1
    return False


def _log(request: HttpRequest, error: BaseException) -> None:
    logger.warning("database unavailable: %s %s: %s", request.method, request.path, error)
