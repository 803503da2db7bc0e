"""The text-mining pages: similar items while drafting, near-duplicate flags and merging,
the recommender's versions and accuracy, hot topics. They only call the selectors and services;
every query is rooted in what the user may see (`visible_proposals`)."""

from functools import wraps
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from renda.accounts.models import Role
from renda.congress.models import Session
from renda.core import clock
from renda.core.errors import DomainError, NotPermitted
from renda.proposals.access import PUBLIC_STATES, get_proposal_for, visible_proposals
from renda.proposals.filters import UnknownQueue, filter_list
from renda.proposals.lifecycles import lifecycle_of
from renda.proposals.models import Disclosure, Proposal
from renda.proposals.services import merge_suggestion
from renda.textmining import selectors, services
from renda.textmining.models import DuplicateFlag, RecommenderVersion
from renda.textmining.tasks import train_recommender

SIMILAR_SHOWN = 5
DRAFT_FIELDS = ("title", "body", "reasons", "plan")


def staff_only(view):
    """Congress staff only; everyone else is refused (403)."""

    @wraps(view)
    @login_required
    def wrapped(request, *args, **kwargs):
        if request.user.role != Role.STAFF:
            raise PermissionDenied(_("Only congress staff may open this page."))
        return view(request, *args, **kwargs)

    return wrapped


@login_required
def similar_to_draft(request, pk: int):
    """htmx: the existing items most like the text being drafted (the deputy's own and
    delegation's items, and the titles of published ones), as the deputy types."""
    item = get_proposal_for(request.user, pk)
    source = request.POST if request.method == "POST" else {}
    text = "\n".join(source.get(f) or getattr(item, f) or "" for f in DRAFT_FIELDS)
    visible = visible_proposals(request.user)
    public = Q(disclosure=Disclosure.PUBLIC, state__in=PUBLIC_STATES)
    candidates = Proposal.objects.filter(Q(pk__in=visible.values("pk")) | public).exclude(
        Q(pk=item.pk) | Q(state="draft")
    )
    hits = selectors.similar_items(candidates, text=text, limit=SIMILAR_SHOWN, min_score=0.2)
    opened = set(visible.filter(pk__in=[h.proposal.pk for h in hits]).values_list("pk", flat=True))
    rows = [(h, h.proposal.pk in opened) for h in hits]
    return render(request, "textmining/_similar.html", {"rows": rows})


def _session(request) -> Session | None:
    sessions = Session.objects.select_related("term")
    chosen = request.GET.get("session")
    if chosen:
        try:
            return sessions.get(pk=int(chosen))
        except (Session.DoesNotExist, ValueError):
            raise Http404 from None
    return current_session()


def current_session() -> Session | None:
    """The latest session already opened (a next one may be scheduled), else the first."""
    sessions = Session.objects.select_related("term")
    return sessions.filter(start_date__lte=clock.today()).first() or sessions.first()


@staff_only
def duplicates(request):
    """疑似重复: the open near-duplicate flags of a session, both items side by side."""
    session = _session(request)
    items = Proposal.objects.filter(session=session)
    flags = list(
        selectors.duplicate_flags(items).select_related(
            "proposal__lead_deputy", "similar__lead_deputy", "proposal__session__term"
        )[:200]
    )
    for flag in flags:
        flag.can_merge = _may_merge(flag.proposal)
        flag.merge_note = (
            _("Accept the later item before merging it.")
            if flag.proposal.state in ("submitted", "under_review")
            else _("This item can no longer be merged.")
        )
        flag.pair = [(flag.similar, _("Earlier item")), (flag.proposal, _("Later item"))]
    return render(
        request,
        "textmining/duplicates.html",
        {
            "flags": flags,
            "session": session,
            "sessions": Session.objects.select_related("term"),
        },
    )


def _may_merge(item: Proposal) -> bool:
    return any(t.action == "merge" for t in lifecycle_of(item).allowed(item.state, {"staff"}))


def _flag(pk: int) -> DuplicateFlag:
    return get_object_or_404(DuplicateFlag.objects.select_related("proposal", "similar"), pk=pk)


def _back(request, flag: DuplicateFlag):
    return redirect(f"{reverse('textmining:duplicates')}?session={flag.proposal.session_id}")


@staff_only
@require_POST
def merge_flagged(request, pk: int):
    """并案 from a flag: the later item joins the earlier one's handling."""
    flag = _flag(pk)
    try:
        merge_suggestion(flag.proposal, actor=request.user, into=flag.similar)
    except DomainError as refused:
        messages.error(request, refused.message)
    else:
        messages.success(
            request,
            _("%(item)s is merged into %(primary)s.")
            % {"item": flag.proposal.display_number, "primary": flag.similar.display_number},
        )
    return _back(request, flag)


@staff_only
@require_POST
def dismiss_flag(request, pk: int):
    """Staff judge the pair different matters."""
    flag = _flag(pk)
    try:
        services.dismiss_duplicate_flag(flag, actor=request.user)
    except NotPermitted as refused:
        raise PermissionDenied(refused.message) from None
    messages.success(request, _("The flag is dismissed."))
    return _back(request, flag)


@staff_only
def recommender(request):
    """The recommender's versions and how often staff followed it, month by month; a
    button trains a new version in the background."""
    if request.method == "POST":
        train_recommender.enqueue(force=True, actor_id=request.user.pk)
        messages.success(
            request, _("Training has started in the background; the new version appears here.")
        )
        return redirect("textmining:recommender")
    services.settle_recommendations()
    return render(
        request,
        "textmining/recommender.html",
        {
            "versions": RecommenderVersion.objects.select_related("trained_by")[:20],
            "accuracy": selectors.recommendation_accuracy(),
        },
    )


@login_required
def topics(request):
    """热点: the items of the list's filters (a session's by default) grouped by what they
    are about, each group linking to the list of its items."""
    params = request.GET.copy()
    if not params.get("session") and not params.get("queue") and (s := current_session()):
        params["session"] = str(s.pk)
    try:
        queue, filters = filter_list(request.user, params)
    except UnknownQueue:
        raise Http404 from None
    items = filters.qs if filters.is_valid() else filters.queryset.none()
    items = items.exclude(state__in=["draft", "withdrawn"])  # what was actually raised
    found = selectors.hot_topics(items, limit=15)
    base = params.copy()
    base.pop("page", None)
    for topic in found:
        topic.url = f"{reverse('proposals:list')}?{urlencode({**base.dict(), 'ids': _ids(topic)})}"
    return render(
        request,
        "textmining/topics.html",
        {"topics": found, "filters": filters, "queue": queue, "total": items.count()},
    )


def _ids(topic) -> str:
    return ",".join(str(i) for i in topic.proposal_ids)
