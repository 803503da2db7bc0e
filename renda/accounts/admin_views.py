"""The separated administrators' pages (三权分立): the system administrator's users, the
security administrator's roles, lockouts and second factors. Each page opens for one role only
(`access.role_required`); the services check again."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice

from renda.accounts import lockout, services
from renda.accounts.access import role_required
from renda.accounts.forms import NewUserForm, ProfileForm, ResetPasswordForm, RoleForm
from renda.accounts.models import ADMIN_ROLES, LoginLock, Role, User
from renda.core.errors import DomainError, NotPermitted

PAGE_SIZE = 50


def admin_login(request):
    """The Django admin's login: everyone signs in on the one login page; a signed-in user the
    admin refuses gets 403 rather than a redirect loop."""
    if request.user.is_authenticated:
        raise PermissionDenied(_("Your role may not use the data administration."))
    target = reverse("accounts:login")
    query = request.META.get("QUERY_STRING", "")
    return redirect(f"{target}?{query}" if query else target)


@login_required
def admin_home(request):
    """Where an administrator lands: the pages of their own role."""
    if not (request.user.is_authenticated and request.user.role in ADMIN_ROLES):
        raise PermissionDenied(_("Only administrators may open this page."))
    return render(request, "accounts/admin_home.html")


def _user_page(request):
    query = request.GET.get("q", "").strip()
    users = User.objects.select_related("organization").order_by("username")
    if query:
        users = users.filter(
            Q(username__icontains=query) | Q(full_name__icontains=query) | Q(mobile=query)
        )
    users = users.annotate(
        enrolled=Exists(TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True))
    )
    return Paginator(users, PAGE_SIZE).get_page(request.GET.get("page")), query


def _run(request, action, success: str) -> bool:
    try:
        action()
    except NotPermitted as error:
        raise PermissionDenied(error.message) from error
    except DomainError as error:
        messages.error(request, error.message)
        return False
    messages.success(request, success)
    return True


@role_required(Role.SYSTEM_ADMIN)
def users(request):
    page, query = _user_page(request)
    return render(request, "accounts/users.html", {"page": page, "q": query})


@role_required(Role.SYSTEM_ADMIN)
def user_new(request):
    form = NewUserForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            user = services.create_user(actor=request.user, **data)
        except NotPermitted as error:
            raise PermissionDenied(error.message) from error
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Account %(name)s created.") % {"name": user.username})
            return redirect("accounts:users")
    return render(request, "accounts/user_form.html", {"form": form, "title": _("New account")})


@role_required(Role.SYSTEM_ADMIN)
def user_edit(request, pk: int):
    user = get_object_or_404(User, pk=pk)
    form = ProfileForm(request.POST or None, instance=User.objects.get(pk=pk))
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in form.fields}
        ok = _run(
            request,
            lambda: services.update_user(user, actor=request.user, **fields),
            _("Account saved."),
        )
        if ok:
            return redirect("accounts:users")
    context = {"form": form, "title": _("Edit %(name)s") % {"name": user}, "target": user}
    return render(request, "accounts/user_form.html", context)


@role_required(Role.SYSTEM_ADMIN)
def user_password(request, pk: int):
    user = get_object_or_404(User, pk=pk)
    if user.is_administrator:
        raise PermissionDenied(_("Administrators' accounts are not managed on this page."))
    form = ResetPasswordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        password = form.cleaned_data["password"]
        ok = _run(
            request,
            lambda: services.reset_password(user, actor=request.user, password=password),
            _("Temporary password set; the user must change it at the next login."),
        )
        if ok:
            return redirect("accounts:users")
    title = _("Reset the password of %(name)s") % {"name": user}
    return render(request, "accounts/user_form.html", {"form": form, "title": title})


@require_POST
@role_required(Role.SYSTEM_ADMIN)
def user_active(request, pk: int):
    user = get_object_or_404(User, pk=pk)
    if request.POST.get("active") not in ("0", "1"):
        messages.error(request, _("Please choose whether the account is enabled or disabled."))
        return redirect("accounts:users")
    active = request.POST.get("active") == "1"
    done = _("Account enabled.") if active else _("Account disabled.")
    _run(request, lambda: services.set_active(user, actor=request.user, active=active), done)
    return redirect("accounts:users")


@role_required(Role.SECURITY_ADMIN)
def security(request):
    page, query = _user_page(request)
    context = {"page": page, "q": query, "locks": lockout.active_locks()[:100]}
    return render(request, "accounts/security.html", context)


@role_required(Role.SECURITY_ADMIN)
def user_role(request, pk: int):
    user = get_object_or_404(User, pk=pk)
    form = RoleForm(request.POST or None, initial={"role": user.role})
    if request.method == "POST" and form.is_valid():
        role = form.cleaned_data["role"]
        ok = _run(
            request,
            lambda: services.set_role(user, actor=request.user, role=role),
            _("Role changed."),
        )
        if ok:
            return redirect("accounts:security")
    title = _("Role of %(name)s") % {"name": user}
    return render(request, "accounts/user_form.html", {"form": form, "title": title})


@require_POST
@role_required(Role.SECURITY_ADMIN)
def unlock(request, pk: int):
    lock = get_object_or_404(LoginLock, pk=pk)
    _run(request, lambda: services.unlock(lock, actor=request.user), _("Unlocked."))
    return redirect("accounts:security")


@require_POST
@role_required(Role.SECURITY_ADMIN)
def otp_reset(request, pk: int):
    user = get_object_or_404(User, pk=pk)
    _run(
        request,
        lambda: services.reset_two_factor(user, actor=request.user),
        _("Second factor removed; the user sets it up again at the next login."),
    )
    return redirect("accounts:security")
