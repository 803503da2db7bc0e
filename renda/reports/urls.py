from django.urls import path

from renda.reports.views import (
    dashboards,
    exports,
    imports,
    jobs,
    letters,
    pages,
    scores,
    templates,
)

app_name = "reports"
urlpatterns = [
    path("", pages.index, name="index"),
    path("dashboard/", dashboards.dashboard, name="dashboard"),
    path("export/list/", exports.export_list, name="export_list"),
    path("export/assignments/", exports.export_assignments, name="export_assignments"),
    path("export/statistics/", exports.export_statistics, name="export_statistics"),
    path("export/scores/", exports.export_scores, name="export_scores"),
    path("generate/", jobs.generate, name="generate"),
    path("jobs/", jobs.job_list, name="jobs"),
    path("jobs/<int:pk>/", jobs.job_detail, name="job"),
    path("jobs/<int:pk>/status/", jobs.job_status, name="job_status"),
    path("jobs/<int:pk>/download/", jobs.job_download, name="job_download"),
    path("jobs/<int:pk>/confirm/", jobs.confirm, name="confirm_import"),
    path("import/", imports.import_page, name="import"),
    path("import/<str:kind>/template/", imports.import_template, name="import_template"),
    path("templates/", templates.template_list, name="templates"),
    path("templates/<str:kind>/default/", templates.template_default, name="template_default"),
    path("templates/<str:kind>/upload/", templates.template_upload, name="template_upload"),
    path("templates/<str:kind>/reset/", templates.template_reset, name="template_reset"),
    path("scores/", scores.ranking, name="scores"),
    path("scores/<int:unit_id>/", scores.unit_score, name="unit_score"),
    path("items/<int:pk>/letter/", letters.reply_letter, name="reply_letter"),
]
