from django.urls import path

from renda.textmining import views

app_name = "textmining"
urlpatterns = [
    path("similar/<int:pk>/", views.similar_to_draft, name="similar"),
    path("duplicates/", views.duplicates, name="duplicates"),
    path("flags/<int:pk>/merge/", views.merge_flagged, name="merge_flag"),
    path("flags/<int:pk>/dismiss/", views.dismiss_flag, name="dismiss_flag"),
    path("recommender/", views.recommender, name="recommender"),
    path("topics/", views.topics, name="topics"),
]
