"""Reads the pages call. Every function takes a queryset the caller has already scoped with
`renda.proposals.access.visible_proposals(user)` (and any list filters), so text mining never
widens what a user may see."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import F, Q, QuerySet

from renda.proposals.models import Proposal
from renda.textmining.duplicates import Similar, similar_items
from renda.textmining.models import DuplicateFlag, RecommendationLog, RecommenderVersion
from renda.textmining.search import SearchHit, parse_query, search_proposals
from renda.textmining.topics import Topic, hot_topics

__all__ = [
    "AccuracyRow",
    "SearchHit",
    "Similar",
    "Topic",
    "current_recommender",
    "duplicate_flags",
    "hot_topics",
    "parse_query",
    "recommendation_accuracy",
    "search_proposals",
    "similar_items",
]


def duplicate_flags(items: QuerySet[Proposal]) -> QuerySet[DuplicateFlag]:
    """Open near-duplicate flags on `items`: not dismissed, the pair not merged together, and
    the flagged item not merged into another one since."""
    return (
        DuplicateFlag.objects.filter(proposal__in=items, dismissed_at=None)
        .exclude(proposal__state="merged")
        .exclude(Q(proposal__merged_into=F("similar")) | Q(similar__merged_into=F("proposal")))
        .select_related("proposal", "similar")
    )


def current_recommender() -> RecommenderVersion | None:
    return RecommenderVersion.objects.first()


@dataclass
class AccuracyRow:
    period: str  # YYYY-MM of the decision
    version: int
    decided: int
    category_accepted: float
    unit_top1: float
    unit_top3: float


def recommendation_accuracy(items: QuerySet[Proposal] | None = None) -> list[AccuracyRow]:
    """How often staff followed the recommendation, by month and version: the share of
    decisions where the proposed category was kept, the first proposed unit assigned, or one
    of the three."""
    logs = RecommendationLog.objects.exclude(decided_at=None)
    if items is not None:
        logs = logs.filter(proposal__in=items)
    groups: dict[tuple[str, int], list[RecommendationLog]] = defaultdict(list)
    for log in logs.select_related("version").order_by("decided_at"):
        groups[(log.decided_at.strftime("%Y-%m"), log.version.number)].append(log)
    rows = []
    for (period, version), group in sorted(groups.items()):
        n = len(group)
        rows.append(
            AccuracyRow(
                period,
                version,
                n,
                round(sum(bool(g.category_accepted) for g in group) / n, 4),
                round(sum(g.unit_rank == 1 for g in group) / n, 4),
                round(sum(1 <= (g.unit_rank or 0) <= 3 for g in group) / n, 4),
            )
        )
    return rows
