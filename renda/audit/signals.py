"""Logins, logouts and failed logins, from Django's auth signals (the only place they surface).

Django's login view runs in autocommit, so each row is committed at once — a failed login is
recorded even though nothing else happens in that request.
"""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from renda.audit.context import client_address
from renda.audit.models import Category, Result
from renda.audit.services import record


def _address(request) -> str | None:
    return client_address(request) if request is not None else None


@receiver(user_logged_in, dispatch_uid="renda.audit.login")
def _logged_in(sender, request, user, **kwargs) -> None:
    record(Category.LOGIN, "auth.login", actor=user, obj=user, address=_address(request))


@receiver(user_logged_out, dispatch_uid="renda.audit.logout")
def _logged_out(sender, request, user, **kwargs) -> None:
    if user is None:  # logging out without a session: nothing to audit
        return
    record(Category.LOGOUT, "auth.logout", actor=user, obj=user, address=_address(request))


@receiver(user_login_failed, dispatch_uid="renda.audit.login_failed")
def _login_failed(sender, credentials, request=None, **kwargs) -> None:
    # Django has already masked the password in `credentials`; keep only the name tried.
    tried = str(credentials.get("username", ""))[:150]
    record(
        Category.LOGIN_FAILED,
        "auth.login_failed",
        username=tried,
        result=Result.FAILURE,
        address=_address(request),
    )
