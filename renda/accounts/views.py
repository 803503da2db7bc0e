"""Signing in: login, the password-change page, two-factor setup and verification."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django_otp import login as otp_login

from renda.accounts import services, twofactor
from renda.accounts.forms import ChangePasswordForm, LoginForm, TokenForm


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    redirect_authenticated_user = True
    template_name = "accounts/login.html"

    def form_valid(self, form):
        response = super().form_valid(form)
        services.claim_session(self.request.user, self.request.session.session_key)
        return response


class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = ChangePasswordForm
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("proposals:home")

    def form_valid(self, form):
        response = super().form_valid(form)
        # Django gave the session a new key (update_session_auth_hash): keep it the only one.
        services.claim_session(self.request.user, self.request.session.session_key)
        messages.success(self.request, _("Your password has been changed."))
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["expired"] = self.request.user.password_reset_required or bool(
            self.request.GET.get("next")
        )
        return context


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return reverse_lazy("proposals:home")


@login_required
def otp_setup(request):
    """Enrol an authenticator app: scan the QR code (or type the key), confirm with a code."""
    if twofactor.enrolled(request.user):
        return redirect(_next(request))
    device = twofactor.pending_device(request.user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            messages.success(request, _("Two-factor login is set up."))
            return redirect(_next(request))
        form.add_error("token", _("The code is not correct. Check the time on your phone."))
    uri = device.config_url
    return render(
        request,
        "accounts/otp_setup.html",
        {
            "form": form,
            "uri": uri,
            "qr": twofactor.qr_svg(uri),
            "required": twofactor.required_for(request.user),
            "next": _next(request),
        },
    )


@login_required
def otp_verify(request):
    """The second step of the login for an enrolled user."""
    device = twofactor.confirmed_device(request.user)
    if device is None or request.user.is_verified():
        return redirect(_next(request))
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            otp_login(request, device)
            return redirect(_next(request))
        form.add_error("token", _("The code is not correct. Check the time on your phone."))
    return render(request, "accounts/otp_verify.html", {"form": form, "next": _next(request)})
