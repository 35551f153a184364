"""What the phone keeps to work without signal: the service worker, the web app manifest, and
one JSON document with the sector and the catalogue's cards.

The JSON holds what the caretaker's pages show and no more: buildings, entrances, dwellings
with the name on the door, common areas, and the open requests (title, place, status, date).
No phone number, email, lease reference or description of a tenant goes into it.
"""

from __future__ import annotations

import json
from collections import Counter

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from agir.repairs.models import OPEN_STATUSES

from . import entry_data, lines, places
from .access import Scope
from .pages import caretaker_page
from .sector_views import building_requests_pages

# Bump when the shell changes: the service worker then drops its old caches.
SHELL_VERSION = "1"
SHELL_FILES = [
    "core/agir.css",
    "rounds/rounds.css",
    "rounds/rounds.js",
    "rounds/icon-192.png",
    "rounds/icon-512.png",
]


@require_GET
def service_worker(request: HttpRequest) -> HttpResponse:
    """Served from /gardien/ so that its scope is the caretaker's pages."""
    body = render(
        request,
        "rounds/sw.js",
        {
            "version": SHELL_VERSION,
            "shell": json.dumps([static(name) for name in SHELL_FILES]),
            "static": json.dumps(
                settings.STATIC_URL
                if settings.STATIC_URL.startswith("/")
                else f"/{settings.STATIC_URL}"
            ),
        },
        content_type="text/javascript; charset=utf-8",
    )
    body["Cache-Control"] = "no-cache"
    body["Service-Worker-Allowed"] = reverse("rounds:home")
    return body


@require_GET
def manifest(request: HttpRequest) -> JsonResponse:
    home = reverse("rounds:home")
    response = JsonResponse(
        {
            "name": f"{settings.LANDLORD['name']} — Gardien",
            "short_name": "Gardien",
            "lang": "fr",
            "start_url": home,
            "scope": home,
            "display": "standalone",
            "background_color": "#ffffff",
            "theme_color": settings.LANDLORD["colour"],
            "icons": [
                {"src": static("rounds/icon-192.png"), "sizes": "192x192", "type": "image/png"},
                {"src": static("rounds/icon-512.png"), "sizes": "512x512", "type": "image/png"},
                {
                    "src": static("rounds/icon-512.png"),
                    "sizes": "512x512",
                    "type": "image/png",
                    "purpose": "maskable",
                },
            ],
        },
        content_type="application/manifest+json",
    )
    return response


@require_GET
@never_cache
@caretaker_page
def sector_data(request: HttpRequest, scope: Scope) -> JsonResponse:
    return JsonResponse(build(scope), json_dumps_params={"ensure_ascii": False})


def build(scope: Scope) -> dict:
    buildings = list(scope.buildings().select_related("site").order_by("code"))
    entrances = list(scope.entrances().order_by("code"))
    dwellings = list(scope.dwellings().order_by("floor", "number"))
    names = lines.door_names(dwellings)
    areas = list(scope.common_areas().order_by("kind", "label"))
    open_lines = lines.request_lines(scope.requests().filter(status__in=OPEN_STATUSES))
    sector = []
    for building in buildings:
        sector.append(
            {
                "code": building.code,
                "name": building.name,
                "address": building.street_address,
                "areas": [_area(a) for a in areas if a.building_id == building.pk],
                "site_areas": [_area(a) for a in areas if a.site_id == building.site_id],
                "entrances": [
                    {
                        "key": places.entrance_key(e),
                        "code": e.code,
                        "label": str(e),
                        "areas": [_area(a) for a in areas if a.entrance_id == e.pk],
                        "dwellings": [
                            {
                                "key": places.dwelling_key(d),
                                "code": d.code,
                                "number": d.number,
                                "floor": d.floor,
                                "name": names.get(d.pk, ""),
                            }
                            for d in dwellings
                            if d.entrance_id == e.pk
                        ],
                    }
                    for e in entrances
                    if e.building_id == building.pk
                ],
            }
        )
    requests = [
        {
            "code": str(line.request.code),
            "reference": line.request.reference,
            "title": line.request.title,
            "place": line.place,
            "building": line.request.building.code,
            "status": line.status,
            "planned": line.planned,
        }
        for line in open_lines
    ]
    return {
        "user": scope.user.get_username(),
        "sector": sector,
        "requests": requests,
        "catalogue": entry_data.tree(),
        "pages": _pages(buildings, entrances, open_lines),
    }


def _area(area) -> dict:
    return {"key": places.area_key(area), "label": area.label, "kind": area.kind}


def _pages(buildings, entrances, open_lines) -> list[str]:
    """The pages the phone fetches ahead, to read them without signal."""
    by_id = {b.pk: b for b in buildings}
    pages = [
        reverse("rounds:home"),
        reverse("rounds:new_request"),
        reverse("rounds:queue"),
        reverse("rounds:rounds"),
    ]
    pages += [reverse("rounds:building", args=[b.code]) for b in buildings]
    # A building's page shows its most pressing open requests; the list of them all, every
    # page of it, is kept too, so that «Voir les N demandes ouvertes» works without signal.
    open_by_building = Counter(line.request.building_id for line in open_lines)
    for b in buildings:
        pages += building_requests_pages(b, open_by_building[b.pk])
    pages += [reverse("rounds:round", args=[b.code]) for b in buildings]
    pages += [
        reverse("rounds:entrance", args=[by_id[e.building_id].code, e.code]) for e in entrances
    ]
    pages += [reverse("rounds:request", args=[line.request.code]) for line in open_lines]
    return pages


@require_GET
@caretaker_page
def queue(request: HttpRequest, scope: Scope) -> HttpResponse:
    return render(request, "rounds/queue.html", {"tab": "queue"})
