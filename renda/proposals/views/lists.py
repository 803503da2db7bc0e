from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from renda.core import clock
from renda.proposals.filters import UnknownQueue, filter_list
from renda.proposals.selectors import for_list
from renda.textmining.search import search_page

PAGE_SIZE = 30


def filtered_items(request):
    """The items of the request's queue and filters, scoped to what the user may see."""
    try:
        return filter_list(request.user, request.GET)
    except UnknownQueue:
        raise Http404 from None


@login_required
def item_list(request):
    queue, filters = filtered_items(request)
    items = filters.qs if filters.is_valid() else filters.queryset.none()
    text = filters.form.cleaned_data.get("q", "").strip() if filters.is_valid() else ""
    if text:  # best matches first, with the words found highlighted
        page, _hits = search_page(
            for_list(items), text, page=request.GET.get("page"), per_page=PAGE_SIZE
        )
    else:
        page = Paginator(for_list(items), PAGE_SIZE).get_page(request.GET.get("page"))
    template = "proposals/_list_table.html" if request.htmx else "proposals/list.html"
    return render(
        request,
        template,
        {
            "page": page,
            "filters": filters,
            "queue": queue,
            "today": clock.today(),
            "query": _query_without_page(request),
            "searching": bool(text),
        },
    )


def _query_without_page(request) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()
