from django.shortcuts import redirect, render

from renda.accounts.models import Role
from renda.core import clock
from renda.proposals.queues import queue_counts


def home(request):
    """The role's work queue: what needs doing, with counts that link to the lists."""
    user = request.user
    if not user.is_authenticated:
        return redirect("public:list")
    if user.role in (Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN, Role.AUDIT_ADMIN):
        return redirect("admin:index")
    counts = queue_counts(user, clock.today())
    return render(request, "proposals/home.html", {"queues": counts})
