"""Forms that must not take effect twice carry an idempotency key (幂等键).

When the database restarts mid-request, a commit can succeed without the client hearing of
it; the deputy (or the browser) sends the form again. The key is stored in the same
transaction as the work, so the retry finds it and gets the first answer (the redirect to the
item) instead of a second draft or a second submission.
"""

import re
from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils import timezone
from django.utils.translation import gettext as _

from renda.reliability.models import IdempotencyKey

FIELD = "idempotency_key"
HEADER = "Idempotency-Key"
_VALID = re.compile(r"[A-Za-z0-9_-]{8,64}\Z")
_REDIRECTS = {301, 302, 303, 307, 308}


def key_of(request: HttpRequest) -> str | None:
    """The key a POST carries (form field or header); anything malformed is ignored."""
    if request.method != "POST" or not request.user.is_authenticated:
        return None
    key = request.headers.get(HEADER) or request.POST.get(FIELD)
    return key if key and _VALID.match(key) else None


class IdempotencyMiddleware:
    """After the authentication middleware: runs a keyed POST and its key in one transaction."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = key_of(request)
        if key is None:
            return self.get_response(request)
        return _run_once(request, key, self.get_response)


def _run_once(request: HttpRequest, key: str, get_response) -> HttpResponse:
    done = _find(request, key)
    if done is not None:
        return _replay(request, done)
    try:
        with transaction.atomic():
            response = get_response(request)
            if response.status_code >= 500:
                transaction.set_rollback(True)  # nothing of a failed request may stay
            elif response.status_code in _REDIRECTS:  # success (post/redirect/get)
                _remember(request, key, response)
    except IntegrityError:
        # The same key committed meanwhile (two retries racing): this one's work was rolled
        # back with it, and the first answer stands.
        done = _find(request, key)
        if done is None:
            raise
        return _replay(request, done)
    return response


def _find(request: HttpRequest, key: str) -> IdempotencyKey | None:
    return IdempotencyKey.objects.filter(user=request.user, key=key).first()


def _remember(request: HttpRequest, key: str, response: HttpResponse) -> None:
    now = timezone.now()
    kept = timedelta(hours=settings.RENDA_IDEMPOTENCY_HOURS)
    IdempotencyKey.objects.filter(user=request.user, created_at__lt=now - kept).delete()
    IdempotencyKey.objects.create(
        user=request.user,
        key=key,
        path=request.path[:500],
        status=response.status_code,
        location=response.get("Location", "")[:500],
        created_at=now,
    )


def _replay(request: HttpRequest, done: IdempotencyKey) -> HttpResponse:
    if done.path != request.path:  # a key reused on another form is a client bug: refuse
        return HttpResponse(_("This form was already used for another request."), status=409)
    messages.info(request, _("This form had already been sent and took effect once."))
    response = HttpResponseRedirect(done.location or "/")
    response.status_code = done.status
    response["Idempotent-Replay"] = "true"
    return response
