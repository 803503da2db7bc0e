from django.shortcuts import redirect, render

from renda.accounts.models import Role
from renda.core import clock
from renda.proposals.access import visible_proposals
from renda.proposals.queues import queue_counts
from renda.proposals.selectors import for_list

SHOWN_QUEUES = 2  # the first queues with work in them are listed on the page itself
SHOWN_ITEMS = 5


def home(request):
    """The role's work queue: what needs doing, with counts that link to the lists, and the
    first items of the most pressing queues."""
    user = request.user
    if not user.is_authenticated:
        return redirect("public:list")
    if user.role in (Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN, Role.AUDIT_ADMIN):
        return redirect("accounts:admin_home")
    today = clock.today()
    counts = queue_counts(user, today)
    pressing = sorted((q for q, n in counts if n), key=lambda q: not q.urgent)[:SHOWN_QUEUES]
    base = visible_proposals(user)
    shown = [
        (q, for_list(q.apply(base, user, today)).order_by("due_date", "pk")[:SHOWN_ITEMS])
        for q in pressing
    ]
    return render(
        request, "proposals/home.html", {"queues": counts, "shown": shown, "today": today}
    )
