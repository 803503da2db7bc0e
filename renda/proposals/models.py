"""Motions (议案) and suggestions (建议) and everything recorded while they are handled.

One `Proposal` table holds both kinds (the `Motion` and `Suggestion` proxies select one), so
signatures, assignments, replies and history attach to one thing. Each kind has its own
lifecycle (`lifecycles.py`); the state column changes only through `services/`.
"""

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from renda.congress.models import Deputy, Organization, Session
from renda.core.fields import EncryptedCharField
from renda.core.uploads import RandomName


class Category(models.Model):
    """类别: the subject area an item is classified under (configurable, two levels)."""

    name = models.CharField(_("name"), max_length=50)
    parent = models.ForeignKey(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent category"),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["parent", "name"], name="category_unique_name"),
            models.UniqueConstraint(
                fields=["name"], condition=Q(parent__isnull=True), name="category_unique_top_name"
            ),
        ]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self) -> str:
        return self.name


class NumberSequence(models.Model):
    """The last number given in one numbering scope (session × kind × period).

    Incremented inside the transaction that numbers the item, so numbers have no gaps (a
    rollback gives the number back) and no duplicates (the row is locked by the UPDATE)."""

    scope = models.CharField(max_length=80, unique=True)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("number sequence")
        verbose_name_plural = _("number sequences")

    def __str__(self) -> str:
        return f"{self.scope}: {self.last}"


class Kind(models.TextChoices):
    MOTION = "motion", _("motion")
    SUGGESTION = "suggestion", _("suggestion")


class Period(models.TextChoices):
    SESSION = "session", _("during the session")
    INTERIM = "interim", _("between sessions")


class ProposerKind(models.TextChoices):
    DEPUTIES = "deputies", _("deputies")
    DELEGATION = "delegation", _("delegation")
    ORGANIZATION = "organization", _("organisation")


class Disclosure(models.TextChoices):
    PENDING = "pending", _("not yet published")
    PUBLIC = "public", _("published")
    WITHHELD = "withheld", _("not for disclosure")


class Proposal(models.Model):
    """A motion or a suggestion. `state` belongs to the lifecycle of its `kind`."""

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    state = models.CharField(_("state"), max_length=20, default="draft", db_index=True)
    session = models.ForeignKey(
        Session, models.PROTECT, related_name="proposals", verbose_name=_("session")
    )
    period = models.CharField(
        _("period"), max_length=10, choices=Period.choices, default=Period.SESSION
    )
    number = models.PositiveIntegerField(_("number"), null=True, blank=True)

    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("content"), blank=True)
    reasons = models.TextField(_("grounds (案据)"), blank=True)
    plan = models.TextField(_("plan (方案)"), blank=True)
    category = models.ForeignKey(
        Category,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="proposals",
        verbose_name=_("category"),
    )

    proposer_kind = models.CharField(
        _("proposed by"),
        max_length=20,
        choices=ProposerKind.choices,
        default=ProposerKind.DEPUTIES,
    )
    lead_deputy = models.ForeignKey(
        Deputy,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="led_proposals",
        verbose_name=_("lead deputy"),
    )
    delegation = models.ForeignKey(
        "congress.Delegation",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="proposals",
        verbose_name=_("delegation"),
        help_text=_("The lead deputy's delegation, or the proposing delegation."),
    )
    delegation_votes_for = models.PositiveSmallIntegerField(
        _("delegation deputies approving"), null=True, blank=True
    )
    proposer_org = models.ForeignKey(
        Organization,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("proposing organisation"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created"))
    updated_at = models.DateTimeField(_("updated"))
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)

    source = models.OneToOneField(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="converted_to",
        verbose_name=_("converted from motion"),
    )
    lead_committee = models.ForeignKey(
        Organization,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="supervised_proposals",
        verbose_name=_("lead / supervising committee"),
    )
    decision_meeting = models.CharField(_("decided at"), max_length=100, blank=True)
    key_supervised = models.BooleanField(_("key supervised (重点督办)"), default=False)
    supervising_leader = models.CharField(_("supervising leader"), max_length=50, blank=True)

    assigned_at = models.DateTimeField(_("assigned"), null=True, blank=True)
    due_date = models.DateField(_("reply due"), null=True, blank=True, db_index=True)
    handling_round = models.PositiveSmallIntegerField(
        _("handling round"), default=0, help_text=_("1 after assignment, 2 in re-handling.")
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    disclosure = models.CharField(
        _("disclosure"), max_length=10, choices=Disclosure.choices, default=Disclosure.PENDING
    )
    disclosure_note = models.CharField(_("disclosure note"), max_length=200, blank=True)
    merged_into = models.ForeignKey(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_items",
        verbose_name=_("merged into"),
        help_text=_("并案处理: the item whose handling this one follows."),
    )

    class Meta:
        # Newest first, following the unique (session, kind, period, number) index backwards so
        # that a page of a long list is read straight from the index.
        ordering = ["-session_id", "-kind", "-period", "-number", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "kind", "period", "number"], name="proposal_unique_number"
            ),
            models.CheckConstraint(condition=Q(kind__in=Kind.values), name="proposal_kind_valid"),
        ]
        indexes = [models.Index(fields=["kind", "state"])]
        verbose_name = _("motion or suggestion")
        verbose_name_plural = _("motions and suggestions")

    def __str__(self) -> str:
        return f"{self.display_number} {self.title}" if self.number else self.title

    @property
    def is_motion(self) -> bool:
        return self.kind == Kind.MOTION

    @property
    def display_number(self) -> str:
        """第0012号 (empty until numbered)."""
        return f"第{self.number:04d}号" if self.number else ""

    @property
    def reference(self) -> str:
        """市七届人大九次会议第0012号建议 — how replies and reports cite the item."""
        from renda.congress.models import CongressSettings

        return self.reference_for(CongressSettings.current().short_name)

    def reference_for(self, short_name: str) -> str:
        """`reference` with the congress's short name already at hand (lists use this)."""
        if not self.number:
            return ""
        interim = "闭会期间" if self.period == Period.INTERIM else ""
        kind = "议案" if self.is_motion else "建议"
        return f"{short_name}{self.session.short_title}{interim}{self.display_number}{kind}"

    def state_label(self) -> str:
        from renda.proposals.lifecycles import lifecycle_of

        return lifecycle_of(self).state_label(self.state)

    def is_overdue(self, today: dt.date) -> bool:
        from renda.proposals.lifecycles import AWAITING_REPLY

        return self.state in AWAITING_REPLY and self.due_date is not None and self.due_date < today


class MotionManager(models.Manager):
    def get_queryset(self):
        return super().get_queryset().filter(kind=Kind.MOTION)


class SuggestionManager(models.Manager):
    def get_queryset(self):
        return super().get_queryset().filter(kind=Kind.SUGGESTION)


class Motion(Proposal):
    """议案: proposed by ten or more deputies jointly, a delegation or an organisation."""

    objects = MotionManager()

    class Meta:
        proxy = True
        verbose_name = _("motion")
        verbose_name_plural = _("motions")


class Suggestion(Proposal):
    """建议、批评和意见: proposed by one deputy with optional co-proposers."""

    objects = SuggestionManager()

    class Meta:
        proxy = True
        verbose_name = _("suggestion")
        verbose_name_plural = _("suggestions")


class Signature(models.Model):
    """联名 / 附议: a deputy's signature on an item — the lead's, or a co-signer's, who is
    invited and confirms or declines in person."""

    class Status(models.TextChoices):
        INVITED = "invited", _("invited")
        CONFIRMED = "confirmed", _("confirmed")
        DECLINED = "declined", _("declined")
        LAPSED = "lapsed", _("lapsed (not confirmed before submission)")

    proposal = models.ForeignKey(
        Proposal, models.CASCADE, related_name="signatures", verbose_name=_("item")
    )
    deputy = models.ForeignKey(
        Deputy, models.PROTECT, related_name="signatures", verbose_name=_("deputy")
    )
    is_lead = models.BooleanField(_("lead"), default=False)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    invited_at = models.DateTimeField(_("invited"))
    responded_at = models.DateTimeField(_("answered"), null=True, blank=True)
    merged_from = models.ForeignKey(
        "Proposal",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("joined by merging"),
        help_text=_("Set on the signatures an item received when another was merged into it."),
    )

    class Meta:
        ordering = ["-is_lead", "invited_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "deputy"], name="one_signature_each"),
        ]
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")

    def __str__(self) -> str:
        return f"{self.deputy} · {self.get_status_display()}"


class Assignment(models.Model):
    """交办: an item given to a handling unit, as lead unit (主办) or co-unit (协办/会办)."""

    class Role(models.TextChoices):
        LEAD = "lead", _("lead unit")
        CO = "co", _("co-unit")

    proposal = models.ForeignKey(
        Proposal, models.CASCADE, related_name="assignments", verbose_name=_("item")
    )
    unit = models.ForeignKey(
        Organization, models.PROTECT, related_name="assignments", verbose_name=_("unit")
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices)
    active = models.BooleanField(
        _("current"), default=True, help_text=_("Cleared when the unit is replaced.")
    )
    assigned_at = models.DateTimeField(_("assigned"))
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("assigned by")
    )
    signed_at = models.DateTimeField(_("signed for"), null=True, blank=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("signed for by"),
    )
    opinion = models.TextField(_("co-unit opinion"), blank=True)
    opinion_at = models.DateTimeField(_("opinion sent"), null=True, blank=True)
    opinion_due = models.DateField(_("opinion due"), null=True, blank=True)

    class Meta:
        ordering = ["-role", "assigned_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "unit"],
                condition=Q(active=True),
                name="one_active_assignment_per_unit",
            ),
            models.UniqueConstraint(
                fields=["proposal"],
                condition=Q(active=True, role="lead"),
                name="one_active_lead_unit",
            ),
        ]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")

    def __str__(self) -> str:
        return f"{self.unit} ({self.get_role_display()})"


class ReassignmentRequest(models.Model):
    """申请调整: a unit's written request that an item assigned to it go elsewhere."""

    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        APPROVED = "approved", _("approved")
        DENIED = "denied", _("denied")

    assignment = models.ForeignKey(
        Assignment,
        models.CASCADE,
        related_name="reassignment_requests",
        verbose_name=_("assignment"),
    )
    reason = models.TextField(_("reason"))
    suggested_unit = models.ForeignKey(
        Organization,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("suggested unit"),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("requested by")
    )
    requested_at = models.DateTimeField(_("requested"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_note = models.TextField(_("decision note"), blank=True)

    class Meta:
        ordering = ["-requested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["assignment"],
                condition=Q(status="pending"),
                name="one_pending_request_per_assignment",
            ),
        ]
        verbose_name = _("reassignment request")
        verbose_name_plural = _("reassignment requests")

    def __str__(self) -> str:
        return f"{self.assignment} · {self.get_status_display()}"


class HandlingRecord(models.Model):
    """办理记录: a contact with the deputy (沟通联系) or a progress note from a unit."""

    class Kind(models.TextChoices):
        CONTACT = "contact", _("contact with the deputy")
        PROGRESS = "progress", _("progress report")

    class Method(models.TextChoices):
        VISIT = "visit", _("visit")
        SYMPOSIUM = "symposium", _("symposium")
        PHONE = "phone", _("phone")
        SITE = "site", _("on-site inspection")
        OTHER = "other", _("other")

    proposal = models.ForeignKey(
        Proposal, models.CASCADE, related_name="handling_records", verbose_name=_("item")
    )
    unit = models.ForeignKey(Organization, models.PROTECT, related_name="+", verbose_name=_("unit"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    method = models.CharField(_("method"), max_length=10, choices=Method.choices, blank=True)
    occurred_on = models.DateField(_("date"))
    content = models.TextField(_("content"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    recorded_at = models.DateTimeField(_("recorded"))

    class Meta:
        ordering = ["occurred_on", "pk"]
        verbose_name = _("handling record")
        verbose_name_plural = _("handling records")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.occurred_on}"


class ResultClass(models.TextChoices):
    """The reply's outcome class (A/B/C, D where the congress uses it)."""

    A = "A", _("A — solved or basically solved")
    B = "B", _("B — being solved or planned")
    C = "C", _("C — to be solved later, explained")
    D = "D", _("D — kept for reference")


class Reply(models.Model):
    """答复: the lead unit's written reply in one handling round."""

    proposal = models.ForeignKey(
        Proposal, models.CASCADE, related_name="replies", verbose_name=_("item")
    )
    unit = models.ForeignKey(Organization, models.PROTECT, related_name="+", verbose_name=_("unit"))
    round = models.PositiveSmallIntegerField(_("round"))
    result_class = models.CharField(_("class"), max_length=1, choices=ResultClass.choices)
    body = models.TextField(_("reply text"))
    document = models.FileField(_("reply document"), upload_to=RandomName("replies"), blank=True)
    # Stored under a random name; the name the unit uploaded is what the download is called.
    document_name = models.CharField(_("document file name"), max_length=150, blank=True)
    contact_person = models.CharField(_("contact person"), max_length=30, blank=True)
    # Often the officer's own mobile: personal, so encrypted at rest (no lookups need it).
    contact_phone = EncryptedCharField(_("contact phone"), max_length=30, blank=True)
    signed_by_name = models.CharField(_("signed off by"), max_length=30, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("entered by")
    )
    replied_at = models.DateTimeField(_("replied"))

    class Meta:
        ordering = ["round"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "round"], name="one_reply_per_round"),
        ]
        verbose_name = _("reply")
        verbose_name_plural = _("replies")

    def __str__(self) -> str:
        return f"{self.proposal.display_number} · {self.result_class}"


class ReplyDraft(models.Model):
    """答复稿: the lead unit's reply on its way to the deputies — drafted by the responsible
    office, checked by the general office (核稿), signed off by the leader (签发), countersigned
    by the co-units (会签), reviewed by the supervising office (督办审核), then released as a
    `Reply`. The steps are the reply lifecycle in `lifecycles.py`."""

    class State(models.TextChoices):
        DRAFTING = "drafting", _("drafting")
        CHECKING = "checking", _("awaiting the general office's check")
        SIGNING = "signing", _("awaiting sign-off")
        COUNTERSIGNING = "countersigning", _("awaiting countersignature")
        REVIEWING = "reviewing", _("awaiting supervising review")
        RELEASED = "released", _("released")

    proposal = models.ForeignKey(
        Proposal, models.CASCADE, related_name="reply_drafts", verbose_name=_("item")
    )
    unit = models.ForeignKey(Organization, models.PROTECT, related_name="+", verbose_name=_("unit"))
    round = models.PositiveSmallIntegerField(_("round"))
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.DRAFTING
    )
    result_class = models.CharField(_("class"), max_length=1, choices=ResultClass.choices)
    body = models.TextField(_("reply text"))
    document = models.FileField(_("reply document"), upload_to=RandomName("replies"), blank=True)
    # Stored under a random name; the name the unit uploaded is what the download is called.
    document_name = models.CharField(_("document file name"), max_length=150, blank=True)
    promised_date = models.DateField(
        _("to be solved by"),
        null=True,
        blank=True,
        help_text=_("For class B: the date the unit promises; the item is followed up until then."),
    )
    contact_person = models.CharField(_("contact person"), max_length=30, blank=True)
    # Often the officer's own mobile: personal, so encrypted at rest (no lookups need it).
    contact_phone = EncryptedCharField(_("contact phone"), max_length=30, blank=True)
    signed_by_name = models.CharField(_("signed off by"), max_length=30, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("drafted by")
    )
    created_at = models.DateTimeField(_("created"))
    updated_at = models.DateTimeField(_("updated"))
    class_before_review = models.CharField(
        _("class before review"),
        max_length=1,
        blank=True,
        help_text=_("Set when the supervising review corrected the class."),
    )
    reply = models.OneToOneField(
        "Reply",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="draft",
        verbose_name=_("released reply"),
    )

    class Meta:
        ordering = ["round", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "round"], name="one_reply_draft_per_round"),
        ]
        verbose_name = _("reply draft")
        verbose_name_plural = _("reply drafts")

    def __str__(self) -> str:
        return f"{self.proposal.display_number} · {self.get_state_display()}"


class Countersignature(models.Model):
    """会签: a co-unit's confirmation of, or comment on, the lead unit's signed reply."""

    draft = models.ForeignKey(
        ReplyDraft, models.CASCADE, related_name="countersignatures", verbose_name=_("reply draft")
    )
    unit = models.ForeignKey(Organization, models.PROTECT, related_name="+", verbose_name=_("unit"))
    agreed = models.BooleanField(_("agrees"))
    comment = models.TextField(_("comment"), blank=True)
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("by")
    )
    at = models.DateTimeField(_("time"))

    class Meta:
        ordering = ["at"]
        constraints = [
            models.UniqueConstraint(fields=["draft", "unit"], name="one_countersignature_per_unit"),
        ]
        verbose_name = _("countersignature")
        verbose_name_plural = _("countersignatures")

    def __str__(self) -> str:
        return f"{self.unit} · {self.agreed}"


class FollowUp(models.Model):
    """跟踪办理: a class-B item followed after its reply until the unit solves it (and replies
    again) or explains why it cannot be solved as promised."""

    class State(models.TextChoices):
        OPEN = "open", _("being followed up")
        SOLVED = "solved", _("solved, replied again")
        EXPLAINED = "explained", _("not solved, explained")

    proposal = models.ForeignKey(
        Proposal, models.CASCADE, related_name="follow_ups", verbose_name=_("item")
    )
    reply = models.OneToOneField(
        "Reply", models.CASCADE, related_name="follow_up", verbose_name=_("reply")
    )
    unit = models.ForeignKey(Organization, models.PROTECT, related_name="+", verbose_name=_("unit"))
    promised_date = models.DateField(_("to be solved by"))
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.OPEN)
    outcome = models.TextField(_("follow-up reply or explanation"), blank=True)
    finished_at = models.DateTimeField(_("finished on"), null=True, blank=True)

    class Meta:
        ordering = ["promised_date", "pk"]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")

    def __str__(self) -> str:
        return f"{self.proposal.display_number} · {self.get_state_display()}"


class ExtensionRequest(models.Model):
    """申请延期: a unit asks for more time to reply, with reasons; the assigning office grants
    up to the legal maximum (six months after assignment) or refuses."""

    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        GRANTED = "granted", _("granted")
        DENIED = "denied", _("denied")

    proposal = models.ForeignKey(
        Proposal, models.CASCADE, related_name="extension_requests", verbose_name=_("item")
    )
    unit = models.ForeignKey(Organization, models.PROTECT, related_name="+", verbose_name=_("unit"))
    requested_due = models.DateField(_("new due date asked for"))
    reason = models.TextField(_("reason"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("requested by")
    )
    requested_at = models.DateTimeField(_("requested"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    granted_due = models.DateField(_("due date granted"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_note = models.TextField(_("decision note"), blank=True)

    class Meta:
        ordering = ["-requested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["proposal"],
                condition=Q(status="pending"),
                name="one_pending_extension_per_item",
            ),
        ]
        verbose_name = _("extension request")
        verbose_name_plural = _("extension requests")

    def __str__(self) -> str:
        return f"{self.proposal.display_number} · {self.get_status_display()}"


class Satisfaction(models.TextChoices):
    SATISFIED = "satisfied", _("satisfied")
    BASICALLY = "basically", _("basically satisfied")
    UNSATISFIED = "unsatisfied", _("unsatisfied")


class Evaluation(models.Model):
    """满意度测评: a deputy's evaluation of one reply (once per deputy and reply)."""

    reply = models.ForeignKey(
        Reply, models.CASCADE, related_name="evaluations", verbose_name=_("reply")
    )
    deputy = models.ForeignKey(
        Deputy, models.PROTECT, related_name="evaluations", verbose_name=_("deputy")
    )
    result = models.CharField(_("result"), max_length=12, choices=Satisfaction.choices)
    comment = models.TextField(_("comment"), blank=True)
    evaluated_at = models.DateTimeField(_("evaluated"))
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("entered by")
    )
    on_behalf = models.BooleanField(
        _("entered by staff on the deputy's behalf"),
        default=False,
        help_text=_("For deputies who answered on the paper form."),
    )

    class Meta:
        ordering = ["evaluated_at"]
        constraints = [
            models.UniqueConstraint(fields=["reply", "deputy"], name="one_evaluation_per_reply"),
        ]
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")

    def __str__(self) -> str:
        return f"{self.deputy} · {self.get_result_display()}"


class CommitteeActivity(models.Model):
    """A committee's supervision of an item: 调研视察, 座谈会, 听取汇报, 书面总结."""

    class Kind(models.TextChoices):
        INVESTIGATION = "investigation", _("investigation / inspection")
        SYMPOSIUM = "symposium", _("symposium")
        HEARING = "hearing", _("hearing of unit reports")
        SUMMARY = "summary", _("written progress summary")

    proposal = models.ForeignKey(
        Proposal, models.CASCADE, related_name="committee_activities", verbose_name=_("item")
    )
    committee = models.ForeignKey(
        Organization,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("committee"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    occurred_on = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=200)
    participants = models.TextField(_("participants"), blank=True)
    content = models.TextField(_("content"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    recorded_at = models.DateTimeField(_("recorded"))

    class Meta:
        ordering = ["occurred_on", "pk"]
        verbose_name = _("committee activity")
        verbose_name_plural = _("committee activities")

    def __str__(self) -> str:
        return self.title


class ProposalEvent(models.Model):
    """办理历史: one append-only row per step taken on an item (who, when, from, to, why).

    `action` is a namespaced code (`suggestion.assign`); `history.py` renders it as a sentence.
    """

    proposal = models.ForeignKey(
        Proposal, models.CASCADE, related_name="events", verbose_name=_("item")
    )
    at = models.DateTimeField(_("time"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    relation = models.CharField(_("acting as"), max_length=30, blank=True)
    action = models.CharField(_("action"), max_length=60)
    from_state = models.CharField(_("from"), max_length=20, blank=True)
    to_state = models.CharField(_("to"), max_length=20, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    data = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["proposal", "at"])]
        verbose_name = _("history entry")
        verbose_name_plural = _("history")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action}"

    def save(self, *args, **kwargs) -> None:
        # History is append-only: an existing row is never rewritten.
        if self.pk is not None and not kwargs.get("force_insert"):
            raise ValueError("History entries cannot be changed.")
        super().save(*args, **kwargs)
