"""并案处理 in the demo: a deputy submits again, late in the year, the matter of a suggestion
already in handling; staff merge it into that one, so its deputy is answered by the same
reply."""

import datetime as dt

from renda.demo.story import LAST_DAY, Story
from renda.demo.structure import at
from renda.proposals import services
from renda.proposals.models import Kind, Proposal


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
