"""The tenant's home and «Mes demandes»."""

from __future__ import annotations

from collections.abc import Callable
from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from agir.core.links import code_links
from agir.repairs.models import RepairRequest

from .. import access, notices, wording

# The home shows the latest open requests, «Mes demandes» the whole history a page at a time:
# a lease of ten years may have a hundred requests, a tenant on a slow line wants the first.
HOME_LINES = 10
REQUESTS_PAGE = 20


def _line(request: RepairRequest, link: Callable[[UUID], str]) -> dict:
    return {
        "request": request,
        "url": link(request.code),
        "status": wording.status_words(request),
        "planned": wording.planned(request),
        "submitted": wording.day(request.submitted_at) if request.submitted_at else "",
    }


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    tenant = access.tenant_of(request.user)
    lease = access.current_lease(request.user)
    link = code_links("portal:request")
    dwelling = lease.dwelling
    mine = access.visible_requests(request.user).open().order_by("-submitted_at")
    return render(
        request,
        "portal/home.html",
        {
            "tenant": tenant,
            "lease": lease,
            "dwelling": dwelling,
            "entrance": dwelling.entrance,
            "building": dwelling.entrance.building,
            "lines": [
                _line(r, link) for r in mine.select_related("common_area", "dwelling")[:HOME_LINES]
            ],
            "notices": notices.for_dwelling(
                dwelling, tenant, besides=access.current_lease_keys(request.user)
            ),
            "channel": wording.channel_words(tenant),
        },
    )


@login_required
@require_GET
def requests(request: HttpRequest) -> HttpResponse:
    access.tenant_of(request.user)
    link = code_links("portal:request")
    rows = (
        access.visible_requests(request.user)
        .submitted()
        .select_related("common_area", "dwelling")
        .order_by("-submitted_at", "-pk")
    )
    page = Paginator(rows, REQUESTS_PAGE).get_page(request.GET.get("page"))
    return render(
        request, "portal/requests.html", {"lines": [_line(r, link) for r in page], "page": page}
    )
