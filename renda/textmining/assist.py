"""What text mining adds to staff's review, accept and assign forms: renda's proposed
category and units (分类交办建议), and the items most like this one. Nothing is pre-selected:
the form shows the proposal, staff choose."""

import re
from dataclasses import dataclass, replace

from renda.accounts.models import User
from renda.proposals.access import visible_proposals
from renda.proposals.models import Proposal
from renda.textmining.duplicates import similar_items
from renda.textmining.models import RecommenderVersion
from renda.textmining.services import Suggested, recommend
from renda.textmining.topics import BOILERPLATE

_WORD = re.compile(r"\w")

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
        shown = recommend(item, actor=user)
        context["recommendation"] = shown and Shown(
            shown.version, _readable(shown.categories), _readable(shown.units)
        )
        context["category_field"], context["unit_field"] = RECOMMENDED[action]
    return context


@dataclass(frozen=True)
class Shown:
    version: RecommenderVersion
    categories: list[Suggested]
    units: list[Suggested]


def _readable(choices: list[Suggested]) -> list[Suggested]:
    """The explaining words a person can read: no punctuation, no petition boilerplate
    (建议, 关于), no piece of a word already shown."""
    out = []
    for s in choices:
        words = [w.strip() for w in s.words if _WORD.search(w) and w.strip() not in BOILERPLATE]
        words = [w for w in dict.fromkeys(words) if not any(w != o and w in o for o in words)]
        out.append(replace(s, words=tuple(words[:5])))
    return out
