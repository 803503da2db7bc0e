from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from renda.accounts.access import may_use_admin_site
from renda.accounts.admin_views import admin_login

handler400 = "renda.reliability.outage.bad_request"
handler500 = "renda.reliability.outage.server_error"

admin.site.site_header = _("renda — deputies' motions and suggestions")
admin.site.site_title = _("renda administration")
admin.site.index_title = _("Data management")
# The admin opens for the system administrator and congress staff only (renda.accounts.access),
# and everyone signs in through the one login page (lockout, two-factor, one session).
admin.site.has_permission = may_use_admin_site

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/login/", admin_login, name="admin_login_redirect"),
    path("admin/", admin.site.urls),
    path("indicators/", include("renda.indicators.urls")),
    path("accounts/", include("renda.accounts.urls")),
    path("public/", include("renda.public.urls")),
    path("notifications/", include("renda.notifications.urls")),
    path("reports/", include("renda.reports.urls")),
    path("text/", include("renda.textmining.urls")),
    path("audit/", include("renda.audit.urls")),
    path("privacy/", include("renda.privacy.urls")),
    path("", include("renda.proposals.urls")),
]
