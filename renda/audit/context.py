"""The request's client address, for audit rows written deep inside services that never see
the request (they take an actor, not a request)."""

import contextvars
import ipaddress

from django.conf import settings

_address: contextvars.ContextVar[str] = contextvars.ContextVar("renda_audit_address", default="")


def client_address(request) -> str:
    """REMOTE_ADDR, or — behind AUDIT_TRUSTED_PROXIES reverse proxies — the address the
    outermost trusted proxy saw. Anything that is not an IP address is dropped."""
    candidate = request.META.get("REMOTE_ADDR", "")
    proxies = getattr(settings, "AUDIT_TRUSTED_PROXIES", 0)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        hops = [h.strip() for h in forwarded.split(",") if h.strip()]
        # Each trusted proxy appended the address it saw; earlier entries are the client's word.
        if len(hops) >= proxies:
            candidate = hops[-proxies]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return ""


def current_address() -> str:
    return _address.get()


class AuditContextMiddleware:
    """Remember the client's address while the request runs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _address.set(client_address(request))
        try:
            return self.get_response(request)
        finally:
            _address.reset(token)
