from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("renda — deputies' motions and suggestions")
admin.site.site_title = _("renda administration")
admin.site.index_title = _("Data management")

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("indicators/", include("renda.indicators.urls")),
    path("accounts/", include("renda.accounts.urls")),
    path("public/", include("renda.public.urls")),
    path("notifications/", include("renda.notifications.urls")),
    path("reports/", include("renda.reports.urls")),
    path("privacy/", include("renda.privacy.urls")),
    path("", include("renda.proposals.urls")),
]
