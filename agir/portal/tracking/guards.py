from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.urls import NoReverseMatch, reverse

from agir.portal.access import tenant_of


def tenant_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Signed-in tenants only: others are sent to sign in, staff get a 404 like a stranger."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        tenant_of(request.user)
        return view(request, *args, **kwargs)

    return login_required(wrapper)


def requests_list_url() -> str:
    """«Mes demandes», or the tenant's home while the list is not installed."""
    # The list and the home page come from the guided-entry part of the portal; these pages
    # must still render when it is absent (they are developed and tested apart).
    for name in ("portal:requests", "portal:home"):
        try:
            return reverse(name)
        except NoReverseMatch:
            continue
    return reverse("core:home")
