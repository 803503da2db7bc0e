"""What text mining stores: the full-text index, trained recommender versions and what they
proposed, and near-duplicate flags."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from renda.proposals.models import Category, Proposal


class SearchEntry(models.Model):
    """One item's segmented text in the full-text index (全文检索).

    `title` and `content` hold space-separated words (search-engine mode); PostgreSQL indexes
    them in a generated tsvector column with a GIN index, SQLite in an FTS5 table kept in step
    by triggers (both created by migration 0001). `words` holds the precise-mode words of title
    and content for similarity (duplicates, hot topics)."""

    proposal = models.OneToOneField(
        Proposal,
        models.CASCADE,
        primary_key=True,
        related_name="search_entry",
        verbose_name=_("item"),
    )
    title = models.TextField(_("title words"))
    content = models.TextField(_("content words"))
    words = models.TextField(_("words for similarity"))
    indexed_at = models.DateTimeField(_("indexed"), db_index=True)

    class Meta:
        verbose_name = _("search index entry")
        verbose_name_plural = _("search index entries")

    def __str__(self) -> str:
        return str(self.proposal_id)


class RecommenderVersion(models.Model):
    """One trained version of the category and handling-unit recommender (承办单位推荐).

    The fitted model is a file under settings.VAR_DIR (never in the repository); `metrics` are
    measured on a held-out part of the history before the final fit on all of it."""

    number = models.PositiveIntegerField(_("version"), unique=True)
    trained_at = models.DateTimeField(_("trained"))
    trained_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("trained by"),
    )
    examples = models.PositiveIntegerField(_("training examples"))
    last_assignment_id = models.PositiveBigIntegerField(
        _("last assignment decision used"), default=0
    )
    metrics = models.JSONField(_("metrics"), default=dict)
    seconds = models.FloatField(_("training time (s)"))
    path = models.CharField(_("model file"), max_length=300)

    class Meta:
        ordering = ["-number"]
        verbose_name = _("recommender version")
        verbose_name_plural = _("recommender versions")

    def __str__(self) -> str:
        return f"v{self.number}"


class RecommendationLog(models.Model):
    """What the recommender proposed for an item when staff classified and assigned it, and —
    once staff decided — whether they followed it (accuracy over time)."""

    proposal = models.ForeignKey(
        Proposal, models.CASCADE, related_name="recommendations", verbose_name=_("item")
    )
    version = models.ForeignKey(
        RecommenderVersion, models.CASCADE, related_name="logs", verbose_name=_("version")
    )
    shown_at = models.DateTimeField(_("shown"), db_index=True)
    category = models.ForeignKey(
        Category,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("proposed category"),
    )
    unit_ids = models.JSONField(_("proposed units, best first"), default=list)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    category_accepted = models.BooleanField(_("category accepted"), null=True)
    unit_rank = models.PositiveSmallIntegerField(
        _("rank of the assigned unit"),
        null=True,
        blank=True,
        help_text=_("1–3 when staff assigned a proposed unit, 0 when they chose another."),
    )

    class Meta:
        ordering = ["-shown_at"]
        verbose_name = _("recommendation shown")
        verbose_name_plural = _("recommendations shown")

    def __str__(self) -> str:
        return f"{self.proposal_id} · {self.version}"


class DuplicateFlag(models.Model):
    """疑似重复: a submitted item nearly identical to an earlier one, flagged on submission for
    staff to merge (并案) or dismiss."""

    proposal = models.ForeignKey(
        Proposal, models.CASCADE, related_name="duplicate_flags", verbose_name=_("item")
    )
    similar = models.ForeignKey(
        Proposal, models.CASCADE, related_name="+", verbose_name=_("similar earlier item")
    )
    score = models.FloatField(_("similarity"))
    flagged_at = models.DateTimeField(_("flagged"))
    dismissed_at = models.DateTimeField(_("dismissed"), null=True, blank=True)
    dismissed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dismissed by"),
    )

    class Meta:
        ordering = ["-flagged_at", "-score"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "similar"], name="one_flag_per_pair"),
        ]
        verbose_name = _("near-duplicate flag")
        verbose_name_plural = _("near-duplicate flags")

    def __str__(self) -> str:
        return f"{self.proposal_id} ≈ {self.similar_id} ({self.score:.2f})"
