from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from renda.core import clock
from renda.proposals.access import get_proposal_for, relations_of
from renda.proposals.actions import OWN_PAGE
from renda.proposals.lifecycles import lifecycle_of
from renda.proposals.selectors import for_detail, timeline


@login_required
def item_detail(request, pk: int):
    item = get_proposal_for(request.user, pk)
    item = for_detail(type(item).objects.filter(pk=item.pk)).get()
    relations = relations_of(request.user, item)
    actions = [t for t in lifecycle_of(item).allowed(item.state, relations)]
    return render(
        request,
        "proposals/detail.html",
        {
            "item": item,
            "relations": relations,
            "actions": actions,
            "own_page": OWN_PAGE,
            "events": timeline(item),
            "sees_contacts": _contact_rule(request.user, relations),
            "today": clock.today(),
            "printing": "print" in request.GET,
        },
    )


def _contact_rule(user, relations) -> object:
    """Who sees which signer's full contact details on this page (see access.py): staff all,
    the units handling this item all its signers, a deputy only their own."""
    if "staff" in relations or relations & {"lead_unit", "co_unit"}:
        return True
    return user.deputy_id if user.role == "deputy" else False
