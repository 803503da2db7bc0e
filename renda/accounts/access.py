"""Who may do which administrator's job (三权分立).

- system administrator: users (create, edit, deactivate, reset password) and configuration
  (congress settings and reference data in /admin/); never roles, permissions, or the audit log;
- security administrator: roles, lockouts, two-factor devices; never creates users, never reads
  the audit log, never changes their own role;
- audit administrator: reads the audit log (renda.audit) and nothing else.
No everyday role has any of these powers. The Django superuser is for installation only: once
installation is done, every page refuses it.
"""

from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from renda.accounts.models import Role, User


def installation_done() -> bool:
    """Set up once a system administrator exists (or RENDA_INSTALLATION_DONE says so)."""
    if settings.RENDA_INSTALLATION_DONE:
        return True
    return User.objects.filter(role=Role.SYSTEM_ADMIN, is_active=True).exists()


def superuser_refused(user) -> bool:
    return bool(user.is_authenticated and user.is_superuser and installation_done())


def has_role(user, role: str) -> bool:
    return bool(user.is_authenticated and user.is_active and user.role == role)


def role_required(role: str) -> Callable:
    """View decorator: the signed-in user has exactly this role, otherwise 403 (a visitor who
    is not signed in goes to the login page first)."""

    def decorate(view):
        @wraps(view)
        @login_required
        def wrapped(request, *args, **kwargs):
            if not has_role(request.user, role):
                raise PermissionDenied(
                    _("Only the %(role)s may open this page.") % {"role": Role(role).label}
                )
            return view(request, *args, **kwargs)

        return wrapped

    return decorate


def may_use_admin_site(request) -> bool:
    """The Django admin is for the system administrator (configuration, reference data) and
    congress staff marked as staff (reference data, by their groups' permissions); the superuser
    only until installation is done. Security and audit administrators never."""
    user = request.user
    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return not installation_done()
    return user.role == Role.SYSTEM_ADMIN or (user.role == Role.STAFF and user.is_staff)
