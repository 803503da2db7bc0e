"""Pages: a person's own data for download, and pseudonymisation for the system administrator."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from renda.accounts.models import Role, User
from renda.audit.services import record as audit
from renda.congress.models import Deputy
from renda.core import clock
from renda.core.errors import RuleViolation
from renda.privacy import export
from renda.privacy.forms import PseudonymiseForm
from renda.privacy.models import Pseudonymisation
from renda.privacy.services import pseudonymise_deputy, pseudonymise_user

FORMATS = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}


@login_required
def my_data(request):
    """我的数据: what renda holds about me, and the downloads."""
    sections = export.personal_data(request.user)
    return render(request, "privacy/my_data.html", {"sections": sections})


@login_required
@require_GET
def my_data_download(request, fmt: str):
    if fmt not in FORMATS:
        raise PermissionDenied
    sections = export.personal_data(request.user)
    body = export.as_xlsx(sections) if fmt == "xlsx" else export.as_json(sections)
    audit(
        "export",
        "export.personal_data",
        actor=request.user,
        detail={"rows": sum(len(s.rows) for s in sections), "format": fmt},
    )
    response = HttpResponse(body, content_type=FORMATS[fmt])
    name = f"personal-data-{clock.today():%Y%m%d}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def pseudonymise(request):
    """去标识化 on request: the system administrator's page."""
    if request.user.role != Role.SYSTEM_ADMIN:
        raise PermissionDenied
    form = PseudonymiseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            row = _pseudonymise(form.cleaned_data, request.user)
        except RuleViolation as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Pseudonymised as %(name)s.") % {"name": row.pseudonym})
            return redirect("privacy:pseudonymise")
    done = Pseudonymisation.objects.select_related("done_by")[:50]
    return render(request, "privacy/pseudonymise.html", {"form": form, "done": done})


def _pseudonymise(data: dict, actor: User) -> Pseudonymisation:
    if data.get("deputy"):
        deputy = Deputy.objects.filter(pk=data["deputy"]).first()
        if deputy is None:
            raise RuleViolation(_("There is no deputy with this id."))
        return pseudonymise_deputy(deputy, actor=actor, reason=data["reason"])
    user = User.objects.filter(username=data["username"].strip()).first()
    if user is None:
        raise RuleViolation(_("There is no account with this username."))
    return pseudonymise_user(user, actor=actor, reason=data["reason"])
