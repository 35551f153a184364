"""«Mes données»: the tenant downloads everything the landlord keeps about them, as a ZIP."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from agir.portal.access import tenant_of
from agir.portal.tracking.guards import tenant_required

from .tenant_export import tenant_archive


@tenant_required
@require_GET
def my_data(request: HttpRequest) -> HttpResponse:
    return render(request, "quality/my_data.html")


@tenant_required
@require_GET
def my_data_archive(request: HttpRequest) -> HttpResponse:
    body = tenant_archive(tenant_of(request.user))
    response = HttpResponse(body, content_type="application/zip")
    name = f"mes-donnees-{timezone.localdate():%Y-%m-%d}.zip"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response
