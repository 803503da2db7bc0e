"""The admin shows motions and suggestions read-only: their state changes only through the
lifecycle services (the pages), so that every change has its history row."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from renda.proposals.history import describe
from renda.proposals.models import (
    Assignment,
    Category,
    ExtensionRequest,
    FollowUp,
    Motion,
    Proposal,
    ProposalEvent,
    Reply,
    ReplyDraft,
    Signature,
    Suggestion,
)


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "parent", "order", "active"]


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class SignatureInline(ReadOnlyInline):
    model = Signature
    fk_name = "proposal"
    fields = ["deputy", "is_lead", "status", "invited_at", "responded_at"]


class AssignmentInline(ReadOnlyInline):
    model = Assignment
    fields = ["unit", "role", "active", "assigned_at", "signed_at", "opinion_at"]


class ReplyInline(ReadOnlyInline):
    model = Reply
    fields = ["round", "unit", "result_class", "replied_at"]


class ReplyDraftInline(ReadOnlyInline):
    model = ReplyDraft
    fields = ["round", "unit", "state", "result_class", "signed_by_name", "updated_at"]


class FollowUpInline(ReadOnlyInline):
    model = FollowUp
    fields = ["promised_date", "state", "finished_at"]


class ExtensionInline(ReadOnlyInline):
    model = ExtensionRequest
    fields = ["requested_due", "reason", "status", "granted_due", "decided_at"]


class EventInline(ReadOnlyInline):
    model = ProposalEvent
    fields = ["at", "actor", "sentence", "from_state", "to_state", "reason"]
    readonly_fields = ["sentence"]

    @admin.display(description=_("what happened"))
    def sentence(self, obj: ProposalEvent) -> str:
        return describe(obj)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ProposalAdmin(ReadOnlyAdmin):
    list_display = ["display_number", "title", "state_name", "lead_deputy", "due_date"]
    list_filter = ["state", "session", "period", "category", "key_supervised", "disclosure"]
    search_fields = ["title", "lead_deputy__name"]
    list_select_related = ["lead_deputy", "session__term"]
    inlines = [
        SignatureInline,
        AssignmentInline,
        ReplyDraftInline,
        ReplyInline,
        FollowUpInline,
        ExtensionInline,
        EventInline,
    ]

    @admin.display(description=_("state"), ordering="state")
    def state_name(self, obj: Proposal) -> str:
        return obj.state_label()


@admin.register(Motion)
class MotionAdmin(ProposalAdmin):
    pass


@admin.register(Suggestion)
class SuggestionAdmin(ProposalAdmin):
    pass


@admin.register(ProposalEvent)
class ProposalEventAdmin(ReadOnlyAdmin):
    list_display = ["at", "proposal", "actor", "action", "from_state", "to_state"]
    list_filter = ["action"]
    list_select_related = ["proposal", "actor"]
