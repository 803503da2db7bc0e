from django.urls import path

from renda.indicators.views import files, links, manage, progress, reporting, review

app_name = "indicators"
urlpatterns = [
    path("", progress.index, name="index"),
    path("systems/<int:pk>/", progress.overview, name="overview"),
    path("systems/<int:pk>/export/", manage.export_system, name="export"),
    path("systems/<int:pk>/template/", reporting.value_template, name="template"),
    path("systems/<int:pk>/upload/", reporting.upload_values, name="upload"),
    path("systems/<int:pk>/figures/", manage.figures, name="figures"),
    path("systems/import/", manage.import_system, name="import"),
    path("indicator/<int:pk>/", progress.indicator_page, name="indicator"),
    path("indicator/<int:pk>/report/", reporting.report, name="report"),
    path("report/", reporting.reporting, name="reporting"),
    path("review/", review.queue, name="review"),
    path("review/accept/", review.accept, name="accept"),
    path("values/<int:pk>/return/", review.return_value, name="return"),
    path("values/<int:pk>/attachment/", files.value_attachment, name="attachment_of_value"),
    path("alerts/", progress.alerts, name="alerts"),
    path("revisions/<int:pk>/attachment/", files.revision_attachment, name="attachment"),
    path("link/<str:label>/<int:pk>/", links.link, name="link"),
]
