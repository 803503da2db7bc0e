"""Rate limits on login and search (限流): a fixed-window counter per client in the cache.

Login attempts are counted per client address (the lockout of an account is the
authentication app's business; this only slows a single address down). Searches are counted
per user, or per address when anonymous (the public reply list). Over the limit the answer is
429 with a Chinese page and `Retry-After`, and the view does not run. Several workers need a
shared cache (CACHES) for the limit to hold across them.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

from renda.core import clock


@dataclass(frozen=True)
class Rule:
    scope: str
    setting: str
    methods: tuple[str, ...]
    needs_query: bool  # only count requests that actually search (a non-empty `q`)


# URL name → rule. The lists show all items without `q`; only a search costs.
RULES = {
    "accounts:login": Rule("login", "RATELIMIT_LOGIN", ("POST",), needs_query=False),
    "proposals:list": Rule("search", "RATELIMIT_SEARCH", ("GET",), needs_query=True),
    "public:list": Rule("search", "RATELIMIT_SEARCH", ("GET",), needs_query=True),
    "proposals:deputy_search": Rule("search", "RATELIMIT_SEARCH", ("GET",), needs_query=True),
}


def client_address(request: HttpRequest) -> str:
    """The peer address; behind a reverse proxy, the proxy must set REMOTE_ADDR correctly."""
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def _identity(request: HttpRequest, rule: Rule) -> str:
    user = getattr(request, "user", None)
    if rule.scope != "login" and user is not None and user.is_authenticated:
        return f"user:{user.pk}"
    return f"addr:{client_address(request)}"


def hit(scope: str, identity: str, limit: int, window: int) -> int | None:
    """Count one request; answer the seconds to wait when over `limit` in this window."""
    now = int(clock.now().timestamp())
    slot = now // window
    key = f"ratelimit:{scope}:{identity}:{slot}"
    cache.add(key, 0, timeout=window + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window + 1)
        count = 1
    if count > limit:
        return (slot + 1) * window - now or 1
    return None


class RateLimitMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        match = request.resolver_match
        rule = RULES.get(match.view_name) if match else None
        if rule is None or request.method not in rule.methods:
            return None
        if rule.needs_query and not request.GET.get("q", "").strip():
            return None
        limit, window = getattr(settings, rule.setting)
        wait = hit(rule.scope, _identity(request, rule), limit, window)
        if wait is None:
            return None
        return too_many_requests(request, wait)


def too_many_requests(request: HttpRequest, wait: int) -> HttpResponse:
    body = render_to_string("429.html", {"wait": wait}, request=request)
    response = HttpResponse(body, status=429)
    response["Retry-After"] = str(wait)
    return response
