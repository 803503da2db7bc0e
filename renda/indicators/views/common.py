"""What the indicator views share: who may open which page, reading the region from the
address, answering with an .xlsx file."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.utils.http import content_disposition_header

from renda.accounts.models import Role
from renda.congress.models import Region
from renda.indicators.access import may_manage_systems, may_read

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def readers_only(view):
    """Logged in and a role that reads indicators; 403 for the others (administrators)."""

    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not may_read(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def staff_only(view):
    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not may_manage_systems(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def reporters_only(view):
    """Unit officers (their own indicators) and staff (on a unit's behalf)."""

    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.user.role not in (Role.UNIT_OFFICER, Role.STAFF):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def chosen_region(request, regions: list[Region]) -> Region | None:
    """The region named by ?region=<id> among `regions`, or None (the whole city)."""
    wanted = request.GET.get("region", "")
    return next((r for r in regions if str(r.pk) == wanted), None)


def xlsx_response(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=XLSX)
    # The same header FileResponse writes: quoted, and RFC 5987-encoded for a Chinese name.
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response
