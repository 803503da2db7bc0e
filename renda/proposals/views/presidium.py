"""The presidium's decision screen: decisions on many motions recorded at once."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from renda.accounts.models import Role
from renda.congress.models import Organization
from renda.core.errors import DomainError
from renda.proposals import services
from renda.proposals.access import visible_proposals
from renda.proposals.models import Kind

# The decided-at meeting is kept in a 100-character column; reasons are free text.
_MEETING = forms.CharField(max_length=100)
_REASON = forms.CharField(required=False)

DECISIONS = {
    "list": gettext_lazy("list as a motion"),
    "convert": gettext_lazy("handle as a suggestion"),
    "refer": gettext_lazy("refer to a committee"),
    "not_accept": gettext_lazy("not accept"),
}


def _decide(motion, decision: str, actor, meeting: str, reason: str, committee):
    if decision == "list":
        return services.list_motion(motion, actor=actor, meeting=meeting)
    if decision == "convert":
        return services.convert_motion(motion, actor=actor, meeting=meeting, reason=reason)
    if decision == "refer":
        if committee is None:
            raise DomainError(_("Please choose the committee to refer it to."))
        return services.refer_motion(
            motion, actor=actor, committee=committee, meeting=meeting, reason=reason
        )
    return services.not_accept_motion(motion, actor=actor, reason=reason, meeting=meeting)


@login_required
def decisions(request):
    if request.user.role not in (Role.PRESIDIUM_SECRETARY, Role.STAFF):
        raise PermissionDenied
    motions = (
        visible_proposals(request.user)
        .filter(kind=Kind.MOTION, state__in=("under_review", "referred"))
        .select_related("lead_deputy", "delegation", "lead_committee", "session__term")
        .order_by("number")
    )
    committees = Organization.objects.filter(kind__in=["standing_committee", "special_committee"])
    if request.method == "POST":
        if _record_all(request, list(motions), {c.pk: c for c in committees}):
            return redirect("proposals:presidium")
    return render(
        request,
        "proposals/presidium.html",
        {
            "motions": motions,
            "committees": committees,
            "decisions": DECISIONS,
            "meeting": request.POST.get("meeting", ""),
        },
    )


def _record_all(request, motions, committees) -> bool:
    meeting = request.POST.get("meeting", "").strip()
    chosen = [(m, request.POST.get(f"decision-{m.pk}", "")) for m in motions]
    chosen = [(m, d) for m, d in chosen if d in DECISIONS]
    if not chosen:
        messages.error(request, _("Choose a decision for at least one motion."))
        return False
    if not meeting:
        messages.error(request, _("Please name the meeting that decided."))
        return False
    texts = {"meeting": (_MEETING, meeting)} | {
        f"reason-{m.pk}": (_REASON, request.POST.get(f"reason-{m.pk}", "")) for m, _d in chosen
    }
    try:  # the form fields' checks: length, NUL characters (PostgreSQL refuses them)
        cleaned = {name: field.clean(value) for name, (field, value) in texts.items()}
    except ValidationError as invalid:
        messages.error(request, " ".join(invalid.messages))
        return False
    meeting = cleaned["meeting"]
    for motion, decision in chosen:
        committee = committees.get(_int(request.POST.get(f"committee-{motion.pk}")))
        reason = cleaned[f"reason-{motion.pk}"]
        try:
            _decide(motion, decision, request.user, meeting, reason, committee)
        except DomainError as refused:
            messages.error(request, f"{motion.display_number} {motion.title}：{refused.message}")
        else:
            messages.success(
                request, f"{motion.display_number} {motion.title}：{DECISIONS[decision]}"
            )
    return True


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
