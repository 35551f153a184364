"""Django's admin, for staff signed in with a verified second factor only."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from agir.accounts import roles


class AgirAdminSite(admin.AdminSite):
    def has_permission(self, request: HttpRequest) -> bool:
        return super().has_permission(request) and roles.is_verified(request.user)

    def login(self, request: HttpRequest, extra_context=None) -> HttpResponse:
        # Staff signed in with their password only are sent to give their code, not shown
        # the admin's own sign-in form again.
        user = request.user
        if user.is_authenticated and user.is_staff and not roles.is_verified(user):
            from agir.accounts.twofactor import second_factor_url

            return redirect(second_factor_url(user, request.GET.get("next", "")))
        return super().login(request, extra_context)


class AgirAdminConfig(AdminConfig):
    default_site = "agir.accounts.admin_site.AgirAdminSite"
