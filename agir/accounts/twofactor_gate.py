"""Staff signed in with their password only reach the pages that complete their sign-in."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve

from agir.accounts import roles

# What a staff member may open between the password and the code.
OPEN_BEFORE_CODE = frozenset(
    {
        "accounts:second_factor",
        "accounts:second_factor_enrol",
        "accounts:logout",
        "set_language",
        "healthz",
        "healthz-worker",
    }
)


class SecondFactorRequiredMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            roles.requires_second_factor(user)
            and not roles.is_verified(user)
            and not _open_before_code(request.path_info)
        ):
            from agir.accounts.twofactor import second_factor_url

            return redirect(second_factor_url(user, request.get_full_path()))
        return self.get_response(request)


def _open_before_code(path: str) -> bool:
    try:
        match = resolve(path)
    except Resolver404:
        return False
    return match.view_name in OPEN_BEFORE_CODE
