"""«Comment vous prévenir ?»: the tenant chooses their channels and their order."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from agir.portal.access import tenant_of

from . import channels
from .forms import ChannelsForm
from .guards import requests_list_url, tenant_required


@tenant_required
@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest) -> HttpResponse:
    tenant = tenant_of(request.user)
    form = ChannelsForm(request.POST if request.method == "POST" else None, tenant=tenant)
    if request.method == "POST" and form.is_valid():
        channels.set_preferred_channels(tenant, form.cleaned_data["channels"])
        messages.success(request, _("C'est enregistré : nous vous préviendrons ainsi."))
        return redirect("portal:preferences")
    context = {
        "form": form,
        "error_forms": [form] if form.errors else [],
        "back_url": requests_list_url(),
    }
    return render(
        request, "portal/tracking/preferences.html", context, status=400 if form.errors else 200
    )
