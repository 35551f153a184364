"""The staff's second-factor pages: enrolment, the code after the password, recovery codes."""

from __future__ import annotations

from urllib.parse import urlencode

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from agir.accounts import roles, twofactor


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        widget=forms.TextInput(
            attrs={
                "autofocus": True,
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "autocapitalize": "none",
            }
        ),
    )


def _staff_only(request: HttpRequest) -> None:
    # Tenants, caretakers and contractors sign in with their password alone: not their page.
    if not roles.requires_second_factor(request.user):
        raise Http404


def _next(request: HttpRequest) -> str:
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if wanted and url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return wanted
    return "/"


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    """The code after the password: from the app, or a recovery code."""
    _staff_only(request)
    if roles.is_verified(request.user):
        return redirect(_next(request))
    if twofactor.confirmed_totp(request.user) is None:
        return redirect(twofactor.second_factor_url(request.user, _next(request)))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if twofactor.verify(request, form.cleaned_data["code"]):
            return redirect(_next(request))
        form.add_error(
            "code",
            _(
                "Ce code ne convient pas. Tapez le code à 6 chiffres que montre votre "
                "application maintenant, ou un de vos codes de secours."
            ),
        )
    context = {"form": form, "next": _next(request)}
    return render(request, "accounts/second_factor_verify.html", context)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def enrol(request: HttpRequest) -> HttpResponse:
    """First sign-in of a staff member: set up the app, prove it with one code."""
    _staff_only(request)
    if twofactor.confirmed_totp(request.user) is not None:
        return redirect(twofactor.second_factor_url(request.user, _next(request)))
    device = twofactor.pending_totp(request.user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = twofactor.confirm_enrolment(request, device, form.cleaned_data["code"])
        if codes is not None:
            request.session[twofactor.NEW_CODES_SESSION_KEY] = codes
            return redirect(f"{_codes_url()}?{urlencode({'next': _next(request)})}")
        form.add_error(
            "code",
            _("Ce code ne convient pas. Tapez le code à 6 chiffres que montre l'application."),
        )
    context = {
        "form": form,
        "qr_svg": twofactor.qr_svg(device),
        "secret": twofactor.secret_for_humans(device),
        "next": _next(request),
    }
    return render(request, "accounts/second_factor_enrol.html", context)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def recovery_codes(request: HttpRequest) -> HttpResponse:
    """The recovery codes, shown once after they are made; POST makes a new set."""
    _staff_only(request)
    if request.method == "POST":
        request.session[twofactor.NEW_CODES_SESSION_KEY] = twofactor.new_recovery_codes(
            request.user
        )
        return redirect(_codes_url())
    codes = request.session.pop(twofactor.NEW_CODES_SESSION_KEY, None)
    context = {"codes": codes or [], "next": _next(request)}
    return render(request, "accounts/second_factor_codes.html", context)


def _codes_url() -> str:
    return reverse("accounts:second_factor_codes")
