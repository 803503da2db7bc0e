from django.urls import path

from renda.privacy import views

app_name = "privacy"
urlpatterns = [
    path("my-data/", views.my_data, name="my_data"),
    path("my-data/download.<str:fmt>", views.my_data_download, name="my_data_download"),
    path("pseudonymise/", views.pseudonymise, name="pseudonymise"),
]
