"""Writes of text mining: recommendations shown and their outcome, training new recommender
versions, near-duplicate flags. (Search and similar items are reads: `selectors.py`.)"""

from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from renda.accounts.models import Role, User
from renda.congress.models import Organization
from renda.core import clock
from renda.core.errors import NotPermitted
from renda.proposals.models import Assignment, Category, Proposal
from renda.textmining.duplicates import similar_items
from renda.textmining.models import DuplicateFlag, RecommendationLog, RecommenderVersion
from renda.textmining.recommender import training


@dataclass(frozen=True)
class Suggested:
    """One proposed choice (a category or a unit) with its confidence and the words behind it."""

    choice: Category | Organization
    confidence: float
    words: tuple[str, ...]


@dataclass(frozen=True)
class Recommendation:
    version: RecommenderVersion
    categories: list[Suggested]
    units: list[Suggested]

    @property
    def category(self) -> Suggested | None:
        return self.categories[0] if self.categories else None


def _require_staff(actor: User) -> None:
    if getattr(actor, "role", None) != Role.STAFF:
        raise NotPermitted(_("Only congress staff classify and assign items."))


def recommend(proposal: Proposal, *, actor: User, record: bool = True) -> Recommendation | None:
    """The proposed category and top three handling units for `proposal` (分类交办建议), each
    with its confidence and explaining words; None until a recommender has been trained.
    When `record`, what was shown is logged so staff's decision can be compared with it."""
    _require_staff(actor)
    settle_recommendations()
    schedule_training_if_due()
    version = RecommenderVersion.objects.first()
    if version is None:
        return None
    try:
        models = training.load(version.path)
    except FileNotFoundError:  # the file went missing: train again in the background
        transaction.on_commit(_enqueue_training)
        return None
    text = (proposal.title, "\n".join(x for x in (proposal.body, proposal.reasons, proposal.plan)))
    categories = _choices(models.category.rank(*text, k=6), Category.objects.all())
    units = _choices(
        models.unit.rank(*text, k=8),
        Organization.objects.filter(kind=Organization.Kind.HANDLING_UNIT, active=True),
    )
    result = Recommendation(version, categories, units)
    if record and not proposal.assignments.exists():
        _log(proposal, result)
    return result


def _choices(ranked, allowed) -> list[Suggested]:
    objects = allowed.in_bulk([r.label for r in ranked])
    return [
        Suggested(objects[r.label], r.confidence, r.words) for r in ranked if r.label in objects
    ][:3]


def _log(proposal: Proposal, r: Recommendation) -> None:
    RecommendationLog.objects.update_or_create(
        proposal=proposal,
        version=r.version,
        decided_at=None,
        defaults={
            "shown_at": clock.now(),
            "category": r.category.choice if r.category else None,
            "unit_ids": [s.choice.pk for s in r.units],
        },
    )


def settle_recommendations() -> int:
    """Compare each recommendation shown with the assignment staff then made (the first lead
    unit, and the category); return how many were settled."""
    settled = 0
    pending = RecommendationLog.objects.filter(decided_at=None, proposal__assignments__role="lead")
    for log in pending.select_related("proposal").distinct():
        first = (
            Assignment.objects.filter(proposal=log.proposal_id, role=Assignment.Role.LEAD)
            .order_by("pk")
            .first()
        )
        ranks = log.unit_ids
        log.unit_rank = ranks.index(first.unit_id) + 1 if first.unit_id in ranks else 0
        log.category_accepted = log.category_id == log.proposal.category_id
        log.decided_at = first.assigned_at
        log.save(update_fields=["unit_rank", "category_accepted", "decided_at"])
        settled += 1
    return settled


def new_decisions() -> int:
    """Assignment decisions made since the current version was trained."""
    last = RecommenderVersion.objects.aggregate(m=Max("last_assignment_id"))["m"] or 0
    return Assignment.objects.filter(role=Assignment.Role.LEAD, pk__gt=last).count()


def training_due() -> bool:
    if not RecommenderVersion.objects.exists():
        return new_decisions() >= settings.TEXTMINING_MIN_TRAINING_ITEMS
    return new_decisions() >= settings.TEXTMINING_RETRAIN_AFTER


def schedule_training_if_due() -> bool:
    """Queue a training in the background once enough new decisions have accumulated."""
    if not training_due():
        return False
    transaction.on_commit(_enqueue_training)
    return True


def _enqueue_training() -> None:
    from renda.textmining.tasks import train_recommender as task

    task.enqueue()


def train_recommender(*, actor: User | None, force: bool = False) -> RecommenderVersion | None:
    """Train and save a new version on the history of assignments (also run by the
    `train_recommender` command and the background task). Without `force`, only when enough
    new decisions have accumulated. None when nothing was trained."""
    settle_recommendations()
    if not force and not training_due():
        return None
    history = training.assignment_history()
    if len(history) < 2:
        return None
    models, metrics, seconds = training.train(history)
    number = (RecommenderVersion.objects.aggregate(m=Max("number"))["m"] or 0) + 1
    path = training.save(models, number)
    try:
        with transaction.atomic():
            return RecommenderVersion.objects.create(
                number=number,
                trained_at=clock.now(),
                trained_by=actor,
                examples=len(history),
                last_assignment_id=history.last_assignment_id,
                metrics=metrics,
                seconds=round(seconds, 2),
                path=path,
            )
    except IntegrityError:  # another training saved this number first
        return None


def flag_near_duplicates(proposal: Proposal) -> list[DuplicateFlag]:
    """疑似重复: flag the earlier items nearly identical to a just-submitted one."""
    earlier = Proposal.objects.exclude(state__in=["draft", "withdrawn"]).filter(
        submitted_at__lte=proposal.submitted_at or clock.now()
    )
    threshold = settings.TEXTMINING_DUPLICATE_THRESHOLD
    flags = []
    for hit in similar_items(earlier, proposal=proposal, limit=5, min_score=threshold):
        flag, created = DuplicateFlag.objects.get_or_create(
            proposal=proposal,
            similar=hit.proposal,
            defaults={"score": round(hit.score, 4), "flagged_at": clock.now()},
        )
        if created:
            flags.append(flag)
    return flags


def dismiss_duplicate_flag(flag: DuplicateFlag, *, actor: User) -> DuplicateFlag:
    """Staff judge the two items different matters: the flag is kept, marked dismissed."""
    _require_staff(actor)
    flag.dismissed_at, flag.dismissed_by = clock.now(), actor
    flag.save(update_fields=["dismissed_at", "dismissed_by"])
    return flag
