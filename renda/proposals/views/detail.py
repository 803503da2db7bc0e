from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from renda.core import clock
from renda.indicators.selectors import linked_panel
from renda.proposals.access import get_proposal_for, relations_of, reply_relations
from renda.proposals.actions import OWN_PAGE, spec_for
from renda.proposals.lifecycles import REPLY_LIFECYCLE, lifecycle_of
from renda.proposals.selectors import for_detail, timeline


@login_required
def item_detail(request, pk: int):
    item = get_proposal_for(request.user, pk, prepare=for_detail)
    relations = relations_of(request.user, item)
    actions = [
        t
        for t in lifecycle_of(item).allowed(item.state, relations)
        if t.action in OWN_PAGE or spec_for(item, t.action).visible_if(item)
    ]
    draft, draft_actions = _reply_panel(request.user, item, relations)
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
            "draft": draft,
            "draft_actions": draft_actions,
            "linked_panel": linked_panel(request.user, item),
        },
    )


# Who follows a reply through its approval path on the item page (deputies see it released).
PATH_VIEWERS = {"lead_unit", "co_unit", "staff", "coordinator"}


def _reply_panel(user, item, relations):
    """The current round's reply draft and the path steps this viewer may take on it."""
    if not relations & PATH_VIEWERS:
        return None, []
    draft = next((d for d in item.reply_drafts.all() if d.round == item.handling_round), None)
    if draft is None:
        return None, []
    draft.proposal = item  # already loaded; spares the relation lookup a query
    return draft, REPLY_LIFECYCLE.allowed(draft.state, reply_relations(user, draft))


def _contact_rule(user, relations) -> object:
    """Who sees which signer's full contact details on this page (see access.py): staff all,
    the units handling this item all its signers, a deputy only their own."""
    if "staff" in relations or relations & {"lead_unit", "co_unit"}:
        return True
    return user.deputy_id if user.role == "deputy" else False
