"""What every caretaker page shares: the access check and the bottom bar."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.views.decorators.vary import vary_on_cookie

from .access import Scope


def caretaker_page(view):
    """`view(request, scope, ...)` for a signed-in caretaker; anyone else gets 404."""

    @login_required
    @vary_on_cookie
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        scope = Scope.of(request.user)
        response = view(request, scope, *args, **kwargs)
        # Personal data: never in a shared cache. The phone's own cache is the service worker's.
        response.headers.setdefault("Cache-Control", "private, no-cache")
        return response

    return wrapper
