"""What the public may read: disclosed replies, with no personal data."""

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render

from renda.proposals.access import visible_proposals
from renda.proposals.models import Assignment, Reply
from renda.textmining.search import search_page, without_names

PAGE_SIZE = 30


def _published():
    lead = Assignment.objects.filter(active=True, role="lead").select_related("unit")
    return (
        visible_proposals(None)
        .select_related("session__term", "category")
        .prefetch_related(Prefetch("assignments", queryset=lead, to_attr="lead_assignments"))
    )


def reply_list(request):
    """The published replies; a search ranks them by relevance and highlights the words found
    in titles, suggestions and replies (never by deputies' names)."""
    items = _published()
    term = request.GET.get("q", "").strip()
    if term:
        page, _hits = search_page(
            items, without_names(term), page=request.GET.get("page"), per_page=PAGE_SIZE
        )
    else:
        page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "public/list.html", {"page": page, "q": term})


def reply_detail(request, pk: int):
    item = get_object_or_404(
        _published().prefetch_related(
            Prefetch("replies", queryset=Reply.objects.select_related("unit").order_by("round"))
        ),
        pk=pk,
    )
    return render(request, "public/detail.html", {"item": item})
