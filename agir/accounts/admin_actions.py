"""Admin actions that the estate's admin pages offer: activation letters and links."""

from __future__ import annotations

from django.contrib import admin, messages
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agir.accounts.emails import send_activation_link
from agir.accounts.letters import render_letters, tenants_without_account


def _pdf_response(request: HttpRequest, modeladmin, pdf: bytes, count: int) -> HttpResponse | None:
    if not count:
        modeladmin.message_user(
            request, _("Aucun locataire sans compte dans la sélection."), messages.WARNING
        )
        return None
    response = HttpResponse(pdf, content_type="application/pdf")
    name = f"lettres-activation-{timezone.localdate():%Y%m%d}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@admin.action(description=gettext_lazy("Imprimer les lettres d'activation (PDF)"))
def print_letters_for_tenants(modeladmin, request, queryset):
    pdf, count = render_letters(queryset.filter(user__isnull=True).order_by("pk"))
    return _pdf_response(request, modeladmin, pdf, count)


@admin.action(description=gettext_lazy("Envoyer le lien d'activation par e-mail"))
def email_links_to_tenants(modeladmin, request, queryset):
    queued = sum(send_activation_link(tenant) for tenant in queryset.filter(user__isnull=True))
    modeladmin.message_user(
        request,
        _("%(count)s lien(s) d'activation en cours d'envoi (journal des envois : Notifications).")
        % {"count": queued},
    )


@admin.action(description=gettext_lazy("Imprimer les lettres d'activation des locataires (PDF)"))
def print_letters_for_buildings(modeladmin, request, queryset):
    tenants = []
    for building in queryset.order_by("code"):
        tenants.extend(tenants_without_account(building))
    pdf, count = render_letters(tenants)
    return _pdf_response(request, modeladmin, pdf, count)
