from django.urls import path

from renda.proposals.views import (
    actions,
    detail,
    documents,
    drafting,
    home,
    lists,
    lookup,
    presidium,
)

app_name = "proposals"
urlpatterns = [
    path("", home.home, name="home"),
    path("items/", lists.item_list, name="list"),
    path("items/new/<str:kind>/", drafting.new_draft, name="new"),
    path("items/<int:pk>/", detail.item_detail, name="detail"),
    path("items/<int:pk>/edit/", drafting.edit_draft, name="edit"),
    path("items/<int:pk>/autosave/", drafting.autosave, name="autosave"),
    path("items/<int:pk>/deputies/", lookup.deputy_search, name="deputy_search"),
    path(
        "items/<int:pk>/replies/<int:reply_id>/document/",
        documents.reply_document,
        name="reply_document",
    ),
    path(
        "items/<int:pk>/reply/<int:draft_pk>/<str:action>/",
        actions.reply_action,
        name="reply_action",
    ),
    path("items/<int:pk>/<str:action>/", actions.item_action, name="action"),
    path("presidium/", presidium.decisions, name="presidium"),
]
