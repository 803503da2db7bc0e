from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import render

from renda.accounts.models import Role
from renda.congress.models import Deputy
from renda.proposals.access import get_proposal_for

LIMIT = 20


@login_required
def deputy_search(request, pk: int):
    """htmx: deputies to invite to sign item `pk`, found by name or pinyin initials."""
    if request.user.role not in (Role.DEPUTY, Role.STAFF):
        raise PermissionDenied
    item = get_proposal_for(request.user, pk)
    term = request.GET.get("q", "").strip()
    found = Deputy.objects.none()
    if term:
        found = (
            Deputy.objects.filter(term=item.session.term_id, active=True)
            .filter(Q(name__contains=term) | Q(initials__startswith=term.lower()))
            .exclude(signatures__proposal=item, signatures__status__in=["invited", "confirmed"])
            .select_related("delegation")[:LIMIT]
        )
    return render(request, "proposals/_deputy_options.html", {"deputies": found, "term": term})
