"""Who may read the audit log: the audit administrator (审计管理员) and nobody else — not the
system or security administrator, not staff, not the Django superuser."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

from renda.accounts.models import Role


def may_read_audit(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.role == Role.AUDIT_ADMIN)


def audit_admin_only(view):
    """Logged in as the audit administrator; everyone else gets 403 (and the refusal is
    itself audited)."""

    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not may_read_audit(request.user):
            from renda.audit.models import Category, Result
            from renda.audit.services import record

            record(Category.ACCESS, "audit.open", actor=request.user, result=Result.REFUSED)
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped
