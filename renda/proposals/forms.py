"""Forms for drafting and for each lifecycle action. They only collect and check input; the
services decide."""

from django import forms
from django.db.models import Case, Value, When
from django.utils.translation import gettext_lazy as _

from renda.congress.models import CongressSettings, Deputy, Organization
from renda.core import clock
from renda.core.forms import Form, ModelForm
from renda.proposals import deadlines
from renda.proposals.models import (
    Category,
    CommitteeActivity,
    HandlingRecord,
    Proposal,
    ReassignmentRequest,
    ResultClass,
    Satisfaction,
)
from renda.proposals.services.merging import PRIMARY_STATES

DATE = forms.DateInput(
    format="%Y-%m-%d", attrs={"type": "date"}
)  # ISO: what <input type=date> takes


def handling_units():
    return Organization.objects.filter(kind=Organization.Kind.HANDLING_UNIT, active=True)


def special_committees():
    return Organization.objects.filter(kind=Organization.Kind.SPECIAL_COMMITTEE, active=True)


class DraftForm(ModelForm):
    class Meta:
        model = Proposal
        fields = ["title", "body", "reasons", "plan", "category"]
        widgets = {
            "body": forms.Textarea(attrs={"rows": 10}),
            "reasons": forms.Textarea(attrs={"rows": 6}),
            "plan": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args, kind: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = Category.objects.filter(active=True, parent=None)
        self.fields["category"].required = False
        if kind == "motion":
            self.fields["title"].label = _("Subject (案由)")
            self.fields["body"].label = _("Summary")
            self.fields["body"].required = False
        else:
            del self.fields["reasons"], self.fields["plan"]
            self.fields["body"].required = True


class NewDraftForm(DraftForm):
    """Starting a draft; a deputy may propose a motion in the delegation's name."""

    in_delegation_name = forms.BooleanField(label=_("In the name of my delegation"), required=False)

    def __init__(self, *args, kind: str, **kwargs):
        super().__init__(*args, kind=kind, **kwargs)
        if kind != "motion":
            del self.fields["in_delegation_name"]


class ReasonForm(Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class WithholdForm(ReasonForm):
    """不予公开: the reason is kept as the item's disclosure note (at most 200 characters)."""

    reason = forms.CharField(
        label=_("Reason"), max_length=200, widget=forms.Textarea(attrs={"rows": 3})
    )


class OptionalReasonForm(Form):
    reason = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class ConfirmForm(Form):
    """An action that needs no input, only the click (and CSRF)."""


class InviteForm(Form):
    deputies = forms.ModelMultipleChoiceField(
        label=_("Deputies to invite"),
        queryset=Deputy.objects.none(),
        help_text=_("Search by name or pinyin initials, e.g. zjg for 张建国."),
    )

    def __init__(self, *args, item: Proposal, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["deputies"].queryset = Deputy.objects.filter(
            term=item.session.term_id, active=True
        ).exclude(signatures__proposal=item, signatures__status__in=["invited", "confirmed"])


class MeetingForm(Form):
    meeting = forms.CharField(label=_("Decided at (meeting)"), max_length=100)


class ConvertForm(Form):
    meeting = forms.CharField(label=_("Decided at (meeting)"), max_length=100)
    reason = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class NotAcceptForm(ReasonForm):
    meeting = forms.CharField(label=_("Decided at (meeting)"), max_length=100, required=False)


class ReferForm(Form):
    committee = forms.ModelChoiceField(
        label=_("Referred to"),
        queryset=Organization.objects.filter(kind__in=["standing_committee", "special_committee"]),
    )
    meeting = forms.CharField(label=_("Decided at (meeting)"), max_length=100, required=False)
    reason = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class StartHandlingForm(Form):
    lead_committee = forms.ModelChoiceField(
        label=_("Lead committee"), queryset=Organization.objects.none()
    )
    units = forms.ModelMultipleChoiceField(
        label=_("Handling units"), queryset=Organization.objects.none(), required=False
    )
    leader = forms.CharField(label=_("Supervising leader"), max_length=50, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_committee"].queryset = special_committees()
        self.fields["units"].queryset = handling_units()


class ActivityForm(Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=CommitteeActivity.Kind.choices)
    occurred_on = forms.DateField(label=_("Date"), widget=DATE)
    title = forms.CharField(label=_("Title"), max_length=200)
    participants = forms.CharField(
        label=_("Participants"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    content = forms.CharField(
        label=_("Content"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )


class ProgressForm(Form):
    occurred_on = forms.DateField(label=_("Date"), widget=DATE)
    content = forms.CharField(label=_("Progress"), widget=forms.Textarea(attrs={"rows": 4}))


class ContactForm(ProgressForm):
    method = forms.ChoiceField(label=_("How"), choices=HandlingRecord.Method.choices)
    content = forms.CharField(
        label=_("What was discussed and agreed"), widget=forms.Textarea(attrs={"rows": 4})
    )
    field_order = ["method", "occurred_on", "content"]


class SummaryForm(Form):
    summary = forms.CharField(
        label=_("Summary of the handling report"), widget=forms.Textarea(attrs={"rows": 5})
    )


class AcceptForm(Form):
    category = forms.ModelChoiceField(
        label=_("Category"),
        queryset=Category.objects.filter(active=True, parent=None),
        required=False,
    )


class AssignForm(Form):
    category = forms.ModelChoiceField(
        label=_("Category"), queryset=Category.objects.filter(active=True, parent=None)
    )
    lead_unit = forms.ModelChoiceField(label=_("Lead unit"), queryset=Organization.objects.none())
    co_units = forms.ModelMultipleChoiceField(
        label=_("Co-units"), queryset=Organization.objects.none(), required=False
    )
    due_date = forms.DateField(label=_("Reply due"), widget=DATE)

    def __init__(self, *args, item: Proposal, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_unit"].queryset = handling_units()
        self.fields["co_units"].queryset = handling_units()
        self.fields["category"].initial = item.category_id
        config = CongressSettings.current()
        self.fields["due_date"].initial = deadlines.reply_due(clock.today(), config)
        self.fields["due_date"].help_text = _(
            "Three months by default; at most %(months)s months for broad or difficult items."
        ) % {"months": config.max_reply_months}


class KeySupervisionForm(Form):
    key = forms.BooleanField(label=_("Key supervised"), required=False, initial=True)
    committee = forms.ModelChoiceField(
        label=_("Supervising committee"), queryset=Organization.objects.none(), required=False
    )
    leader = forms.CharField(label=_("Supervising leader"), max_length=50, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["committee"].queryset = special_committees()


class ReassignmentRequestForm(Form):
    reason = forms.CharField(
        label=_("Why the item is not your unit's responsibility"),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    suggested_unit = forms.ModelChoiceField(
        label=_("Unit that should handle it"),
        queryset=Organization.objects.none(),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["suggested_unit"].queryset = handling_units()


class ReassignmentDecisionForm(Form):
    request = forms.ModelChoiceField(
        label=_("Request"), queryset=ReassignmentRequest.objects.none(), empty_label=None
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, item: Proposal, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["request"].queryset = ReassignmentRequest.objects.filter(
            assignment__proposal=item, status="pending"
        ).select_related("assignment__unit")


class ApproveReassignmentForm(ReassignmentDecisionForm):
    new_unit = forms.ModelChoiceField(
        label=_("New unit"),
        queryset=Organization.objects.none(),
        required=False,
        help_text=_("Leave empty to use the unit the request suggests."),
    )

    def __init__(self, *args, item: Proposal, **kwargs):
        super().__init__(*args, item=item, **kwargs)
        self.fields["new_unit"].queryset = handling_units()


class CoOpinionForm(Form):
    opinion = forms.CharField(label=_("Co-unit opinion"), widget=forms.Textarea(attrs={"rows": 5}))


class ReplyForm(Form):
    result_class = forms.ChoiceField(label=_("Class"), widget=forms.RadioSelect)
    body = forms.CharField(label=_("Reply"), widget=forms.Textarea(attrs={"rows": 10}))
    promised_date = forms.DateField(
        label=_("To be solved by (class B)"),
        required=False,
        widget=DATE,
        help_text=_("Required for class B: the item is followed up until this date."),
    )
    document = forms.FileField(
        label=_("Signed reply letter (.docx or .pdf)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".docx,.pdf"}),
    )
    contact_person = forms.CharField(label=_("Contact person"), max_length=30, required=False)
    contact_phone = forms.CharField(label=_("Contact phone"), max_length=30, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = {"A", "B", "C"} | ({"D"} if CongressSettings.current().use_class_d else set())
        self.fields["result_class"].choices = [c for c in ResultClass.choices if c[0] in allowed]


class ReplyEditForm(ReplyForm):
    """The drafter's revision of a draft (initial values from the draft)."""

    def __init__(self, *args, draft=None, **kwargs):
        if draft is not None and not args:
            kwargs.setdefault(
                "initial",
                {
                    f: getattr(draft, f)
                    for f in (
                        "result_class",
                        "body",
                        "promised_date",
                        "contact_person",
                        "contact_phone",
                    )
                },
            )
        super().__init__(*args, **kwargs)


class SignOffForm(Form):
    signed_by_name = forms.CharField(
        label=_("Name printed as signed off by"),
        max_length=30,
        required=False,
        help_text=_("Leave empty to use your own name."),
    )


class CountersignForm(Form):
    agreed = forms.TypedChoiceField(
        label=_("Your unit's view"),
        widget=forms.RadioSelect,
        coerce=lambda v: v == "yes",
        choices=[("yes", _("agree")), ("no", _("agree with comments"))],
    )
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class CorrectClassForm(ReasonForm):
    result_class = forms.ChoiceField(label=_("Correct class"), choices=ResultClass.choices)
    field_order = ["result_class", "reason"]


class ExtensionRequestForm(Form):
    requested_due = forms.DateField(label=_("New due date"), widget=DATE)
    reason = forms.CharField(label=_("Reasons"), widget=forms.Textarea(attrs={"rows": 4}))


class ExtensionGrantForm(Form):
    due_date = forms.DateField(
        label=_("Due date granted"),
        widget=DATE,
        required=False,
        help_text=_("Leave empty to grant the date asked for."),
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class NoteForm(Form):
    note = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class FollowUpProgressForm(Form):
    content = forms.CharField(label=_("Progress"), widget=forms.Textarea(attrs={"rows": 4}))


class FollowUpReplyForm(Form):
    body = forms.CharField(label=_("Follow-up reply"), widget=forms.Textarea(attrs={"rows": 6}))


class FollowUpExplanationForm(Form):
    explanation = forms.CharField(
        label=_("Why it could not be solved as promised"),
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class EvaluationForm(Form):
    result = forms.ChoiceField(
        label=_("Your evaluation"), choices=Satisfaction.choices, widget=forms.RadioSelect
    )
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required when you are not satisfied."),
    )


class _NumberedChoice(forms.ModelChoiceField):
    scores: dict[int, float] = {}

    def label_from_instance(self, obj: Proposal) -> str:
        label = f"{obj.display_number} {obj.title}"
        if obj.pk in self.scores:
            return _("%(label)s (similarity %(score)s%%)") % {
                "label": label,
                "score": round(self.scores[obj.pk] * 100),
            }
        return label


class MergeForm(Form):
    """并案: the suggestion of the same session whose handling this one joins; the most
    similar candidates come first, with their similarity."""

    into = _NumberedChoice(label=_("Merge into"), queryset=Proposal.objects.none())

    def __init__(self, *args, item: Proposal, **kwargs):
        from renda.textmining.duplicates import similar_items

        super().__init__(*args, **kwargs)
        candidates = Proposal.objects.filter(
            kind=item.kind,
            session=item.session_id,
            state__in=PRIMARY_STATES,
            merged_into__isnull=True,
        ).exclude(pk=item.pk)
        similar = similar_items(candidates, proposal=item, limit=5, min_score=0.1)
        order: list = ["number", "pk"]
        if similar:  # a CASE with no WHEN is a bare constant: PostgreSQL reads it as a position
            order.insert(
                0,
                Case(
                    *[When(pk=s.proposal.pk, then=Value(i)) for i, s in enumerate(similar)],
                    default=Value(len(similar)),
                ),
            )
        self.fields["into"].queryset = candidates.order_by(*order)
        self.fields["into"].scores = {s.proposal.pk: s.score for s in similar}
