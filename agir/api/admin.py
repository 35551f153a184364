"""API clients in the Django admin: a manager makes one, sees its token once, revokes it."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from agir.core.text import FreeTextField

from . import tokens
from .models import ApiClient
from .scopes import choices


class ApiClientForm(forms.ModelForm):
    scopes = forms.MultipleChoiceField(
        label=_("Droits"), choices=choices, widget=forms.CheckboxSelectMultiple, required=False
    )

    class Meta:
        model = ApiClient
        fields = ["name", "contact", "scopes"]
        field_classes = {"name": FreeTextField, "contact": FreeTextField}


@admin.register(ApiClient)
class ApiClientAdmin(admin.ModelAdmin):
    form = ApiClientForm
    list_display = [
        "name",
        "token_prefix",
        "scope_list",
        "created_at",
        "last_used_at",
        "revoked_at",
    ]
    list_filter = ["revoked_at"]
    search_fields = ["name", "contact", "token_prefix"]
    readonly_fields = ["token_prefix", "created_by", "created_at", "last_used_at", "revoked_at"]
    actions = ["revoke_tokens", "rotate_token"]

    @admin.display(description=_("droits"))
    def scope_list(self, obj: ApiClient) -> str:
        return ", ".join(obj.scopes or [])

    def save_model(self, request: HttpRequest, obj: ApiClient, form, change: bool) -> None:
        if change:
            super().save_model(request, obj, form, change)
            return
        issued = tokens.issue(
            obj.name, form.cleaned_data["scopes"], contact=obj.contact, created_by=request.user
        )
        obj.pk = issued.client.pk
        obj.token_prefix = issued.client.token_prefix
        # The token exists in clear only in this response: never in a message or a cookie.
        request._api_token_issued = issued.token

    def response_add(self, request: HttpRequest, obj: ApiClient, post_url_continue=None):
        return self._show_token(request, obj, request._api_token_issued)

    def _show_token(self, request: HttpRequest, obj: ApiClient, token: str) -> HttpResponse:
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "client": obj,
            "token": token,
            "title": _("Jeton de %(name)s") % {"name": obj.name},
        }
        response = TemplateResponse(request, "admin/api/apiclient/token_issued.html", context)
        response["Cache-Control"] = "no-store"
        return response

    @admin.action(description=_("Révoquer les jetons choisis"))
    def revoke_tokens(self, request: HttpRequest, queryset) -> None:
        count = 0
        for client in queryset.filter(revoked_at__isnull=True):
            tokens.revoke(client)
            count += 1
        self.message_user(
            request,
            ngettext("%(count)d jeton révoqué.", "%(count)d jetons révoqués.", count)
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Remplacer le jeton (un seul client)"))
    def rotate_token(self, request: HttpRequest, queryset):
        if queryset.count() != 1:
            self.message_user(request, _("Choisissez un seul client."), messages.ERROR)
            return None
        issued = tokens.rotate(queryset.get())
        return self._show_token(request, issued.client, issued.token)
