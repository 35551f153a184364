"""Password guessing on the sign-in pages (the tenants' and the admin's), held by django-axes.

Failures are counted per (identifier, client address) and per client address, never per
identifier alone: after LOGIN_MAX_FAILURES failures within LOGIN_LOCKOUT_MINUTES that pair (or
that address) waits, even with the right password, while the tenant signing in from elsewhere
is not locked out by a stranger. A lease reference is a login like any other, so one password
tried against many leases meets the per-address count. The client address is
agir.core.client's (trusted proxies).
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from agir.accounts.forms import LoginForm


def throttle_username(request: HttpRequest, credentials: dict | None = None) -> str:
    """The identifier as counted: «B 100123», «b100123» and « B100123 » are one login, and
    so are an email address in any case."""
    typed = (credentials or {}).get("username")
    if typed is None and request is not None:
        typed = request.POST.get("username", "")
    return "".join(str(typed or "").split()).lower()[:150]


def locked_out(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """The sign-in page again, with what was typed kept and why it waits (HTTP 429)."""
    form = LoginForm(request, initial={"username": (credentials or {}).get("username", "")})
    message = _(
        "Trop d'essais sans succès. Pour votre sécurité, attendez %(minutes)s minutes avant de "
        "recommencer. Si vous avez oublié votre mot de passe, cliquez sur « Mot de passe "
        "oublié ? »."
    ) % {"minutes": settings.LOGIN_LOCKOUT_MINUTES}
    context = {
        "form": form,
        "locked_out": message,
        "next": request.POST.get("next") or request.GET.get("next", ""),
    }
    return render(request, "registration/login.html", context, status=429)
