"""Checks on every signed-in request, in this order:

1. idle timeout — the session's last activity compared with the clock, server side;
2. one session per account — a session replaced by a newer login is logged out;
3. the installation superuser is refused once installation is done (403);
4. two-factor — enrolled users verify, users whose role requires it enrol, before any page;
5. an expired or reset password sends the user to the password-change page.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpResponse, HttpResponseForbidden
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from renda.accounts import access, passwords, twofactor
from renda.accounts.audit import audit
from renda.audit.models import Category, Result
from renda.core import clock

LAST_SEEN = "renda_last_seen"
ACTIVITY_PRECISION_SECONDS = 60
# Pages a user in the middle of signing in may open.
ALWAYS_OPEN = {"accounts:login", "accounts:logout", "set_language"}
TWO_FACTOR_PAGES = {"accounts:otp_verify", "accounts:otp_setup"}


class AccountGuardMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated:
            ended = self._session_ended(request)
            if ended:
                return ended
            if access.superuser_refused(user) and not request.path.startswith(_logout_path()):
                audit(
                    Category.ACCESS,
                    "access.superuser_refused",
                    actor=user,
                    result=Result.REFUSED,
                    detail={"path": request.path},
                )
                return _forbidden(
                    request,
                    _(
                        "The superuser account is for installation only. Installation is done: "
                        "log in with your administrator account."
                    ),
                )
        response = self.get_response(request)
        if request.user.is_authenticated:  # also right after logging in
            _record_activity(request.session)
        return response

    def _session_ended(self, request):
        now = clock.now().timestamp()
        last = request.session.get(LAST_SEEN)
        if last is not None and now - last > settings.SESSION_IDLE_SECONDS:
            return _log_out(request, _("You were logged out after a period of inactivity."))
        current = request.user.current_session_key
        if settings.RENDA_SINGLE_SESSION and current and current != request.session.session_key:
            return _log_out(
                request, _("You were logged out because your account logged in elsewhere.")
            )
        return None

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated:
            return None
        name = request.resolver_match.view_name if request.resolver_match else ""
        if name in ALWAYS_OPEN:
            return None
        if not user.is_verified():
            if twofactor.enrolled(user):
                if name != "accounts:otp_verify":
                    return _to("accounts:otp_verify", request)
                return None
            if twofactor.required_for(user) and name != "accounts:otp_setup":
                return _to("accounts:otp_setup", request)
        if name in TWO_FACTOR_PAGES or name == "accounts:password_change":
            return None
        if passwords.password_expired(user):
            return _to("accounts:password_change", request)
        return None


def _record_activity(session) -> None:
    """Last activity, to the minute: writing the session on every request cost a database
    write per page; the idle limit (30 minutes) does not need seconds."""
    now = clock.now().timestamp()
    if now - session.get(LAST_SEEN, 0) >= ACTIVITY_PRECISION_SECONDS:
        session[LAST_SEEN] = now


def _logout_path() -> str:
    return reverse("accounts:logout")


def _log_out(request, message: str):
    logout(request)
    messages.warning(request, message)
    return _redirect(request, reverse("accounts:login"))


def _to(view_name: str, request):
    target = reverse(view_name)
    if request.method == "GET" and not request.headers.get("HX-Request"):
        target = f"{target}?{urlencode({'next': request.get_full_path()})}"
    return _redirect(request, target)


def _redirect(request, target: str) -> HttpResponse:
    # htmx would swap the login page into a fragment: make it load the whole page instead.
    if request.headers.get("HX-Request"):
        return HttpResponse(status=204, headers={"HX-Redirect": target})
    return redirect(target)


def _forbidden(request, message: str) -> HttpResponseForbidden:
    return HttpResponseForbidden(render_to_string("403.html", {"exception": message}, request))
