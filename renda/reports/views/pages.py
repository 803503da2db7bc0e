from django.shortcuts import render

from renda.accounts.models import Role
from renda.reports import access, selectors
from renda.reports.forms import ScopeForm, UnitScopeForm
from renda.reports.pdf import pdf_available
from renda.reports.views.common import page


@page
def index(request):
    """统计报表: what the user may see, generate, export and import, and their recent jobs."""
    user = request.user
    access.require_data_role(user)
    return render(
        request,
        "reports/index.html",
        {
            "scope_form": ScopeForm(),
            "unit_form": UnitScopeForm(user=user),
            "is_staff": user.role == Role.STAFF,
            "reports_units": user.role in (Role.STAFF, Role.UNIT_OFFICER, Role.COORDINATOR),
            "jobs": selectors.jobs_of(user)[:5],
            "pdf": pdf_available(),
        },
    )
