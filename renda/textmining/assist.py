"""What text mining adds to staff's review, accept and assign forms: renda's proposed
category and units (分类交办建议), and the items most like this one. Nothing is pre-selected:
the form shows the proposal, staff choose."""

from renda.accounts.models import User
from renda.proposals.access import visible_proposals
from renda.proposals.models import Proposal
from renda.textmining.duplicates import similar_items
from renda.textmining.services import recommend

# action → (form field for the category, form field for the lead unit)
RECOMMENDED = {
    "accept": ("id_accept-category", None),
    "assign": ("id_assign-category", "id_assign-lead_unit"),
}
SIMILAR_ON = {"begin_review", "accept", "assign", "return_for_revision", "transfer"}


def assistance(user: User, item: Proposal, action: str) -> dict:
    """Template context for the action form of `action` on `item` (empty when none applies)."""
    if getattr(user, "role", None) != "staff" or action not in SIMILAR_ON:
        return {}
    context: dict = {
        "similar": similar_items(visible_proposals(user), proposal=item, limit=5, min_score=0.2)
    }
    if action in RECOMMENDED:
        context["recommendation"] = recommend(item, actor=user)
        context["category_field"], context["unit_field"] = RECOMMENDED[action]
    return context
