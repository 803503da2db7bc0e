"""并案处理 in the demo: a deputy submits again, late in the year, the matter of a suggestion
already in handling; staff merge it into that one, so its deputy is answered by the same
reply."""

import datetime as dt

from renda.demo.story import LAST_DAY, Story
from renda.demo.structure import at
from renda.proposals import services
from renda.proposals.models import Kind, Proposal
from renda.textmining.services import flag_near_duplicates, train_recommender


def merged_pair(story: Story) -> None:
    primary = (
        Proposal.objects.filter(kind=Kind.SUGGESTION, state="in_handling", replies=None)
        .order_by("-pk")
        .first()
    )
    if primary is None:
        return
    lead = next(
        d
        for d in story.w["deputies"]
        if d.delegation_id == primary.delegation_id and d.pk != primary.lead_deputy_id
    )
    user = story.user_of(lead)
    day = LAST_DAY - dt.timedelta(days=6)
    item = story.do(
        at(day, 9),
        services.create_draft,
        actor=user,
        kind=Kind.SUGGESTION,
        title=primary.title.replace("关于", "关于尽快", 1),
        body="各位领导好，" + primary.body,
    )
    story.do(at(day, 9, 30), services.submit, item, actor=user)
    story.do(at(day, 15), services.accept_suggestion, item, actor=story.staff)
    story.do(
        at(LAST_DAY - dt.timedelta(days=5), 10),
        services.merge_suggestion,
        item,
        actor=story.staff,
        into=primary,
    )


def flagged_pair(story: Story) -> None:
    """疑似重复 waiting for staff: a deputy of another delegation submits, almost word for word,
    the matter of a suggestion already in handling; it is accepted and flagged, and the
    near-duplicate page offers to merge it or dismiss the flag."""
    earlier = (
        Proposal.objects.filter(
            kind=Kind.SUGGESTION, state="in_handling", replies=None, merged_items=None
        )
        .order_by("pk")
        .first()
    )
    if earlier is None:
        return
    lead = next(d for d in story.w["deputies"] if d.delegation_id != earlier.delegation_id)
    user = story.user_of(lead)
    day = LAST_DAY - dt.timedelta(days=2)
    item = story.do(
        at(day, 10),
        services.create_draft,
        actor=user,
        kind=Kind.SUGGESTION,
        title=earlier.title,
        body="尊敬的领导：" + earlier.body,
    )
    story.do(at(day, 10, 30), services.submit, item, actor=user)
    story.do(at(day, 16), services.accept_suggestion, item, actor=story.staff)
    # The check runs in the background after submission; the demo runs it now.
    story.do(at(day, 10, 31), flag_near_duplicates, item)


def train_recommender_on_the_year(story: Story) -> None:
    """The recommender's first version, trained on the year's assignments, so the assign form
    proposes units from the start."""
    story.do(at(LAST_DAY, 18), train_recommender, actor=story.staff, force=True)
