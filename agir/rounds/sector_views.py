"""My sector: its buildings and entrances with their open requests; a building, an entrance,
a dwelling; search by dwelling number, tenant name or reference."""

from __future__ import annotations

from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from agir.estate.models import Building, Lease
from agir.repairs.models import OPEN_STATUSES

from . import checklist, lines, places
from .access import Scope
from .pages import caretaker_page

MAX_RESULTS = 30


@require_GET
@caretaker_page
def home(request: HttpRequest, scope: Scope) -> HttpResponse:
    buildings = list(scope.buildings().select_related("site").prefetch_related("entrances"))
    requests = scope.requests()
    by_building = lines.open_counts(requests, "building")
    by_entrance = _open_by_entrance(scope)
    rows = [
        {
            "building": building,
            "open": by_building.get(building.pk, 0),
            "entrances": [(e, by_entrance.get(e.pk, 0)) for e in building.entrances.all()],
        }
        for building in buildings
    ]
    return render(
        request,
        "rounds/home.html",
        {
            "sectors": scope.caretaker.sectors.all(),
            "rows": rows,
            "open_total": sum(by_building.values()),
            "tab": "sector",
        },
    )


def _open_by_entrance(scope: Scope, building: Building | None = None) -> dict[int, int]:
    counts: dict[int, int] = {}
    open_requests = scope.requests().filter(status__in=OPEN_STATUSES)
    if building is not None:
        # a building's page counts its own entrances, not every one of the sector
        open_requests = open_requests.filter(building=building)
    for dwelling_entrance, area_entrance in open_requests.values_list(
        "dwelling__entrance", "common_area__entrance"
    ):
        entrance = dwelling_entrance or area_entrance
        if entrance:
            counts[entrance] = counts.get(entrance, 0) + 1
    return counts


@require_GET
@caretaker_page
def building(request: HttpRequest, scope: Scope, code: str) -> HttpResponse:
    found = scope.building(code)
    open_requests = scope.requests().filter(building=found, status__in=OPEN_STATUSES)
    by_entrance = _open_by_entrance(scope, found)
    items = checklist.items_for(found)
    seen, total = checklist.progress(items)
    return render(
        request,
        "rounds/building.html",
        {
            "building": found,
            "entrances": [(e, by_entrance.get(e.pk, 0)) for e in found.entrances.order_by("code")],
            "areas": [(a, places.area_key(a)) for a in checklist.areas_of(found)],
            "lines": lines.request_lines(open_requests),
            "round_seen": seen,
            "round_total": total,
            "tab": "sector",
        },
    )


@require_GET
@caretaker_page
def entrance(request: HttpRequest, scope: Scope, building: str, code: str) -> HttpResponse:
    found = scope.entrance(building, code)
    dwellings = list(found.dwellings.order_by("floor", "number"))
    requests = scope.requests().filter(Q(dwelling__entrance=found) | Q(common_area__entrance=found))
    by_dwelling = lines.open_counts(requests, "dwelling")
    names = lines.door_names(dwellings)
    return render(
        request,
        "rounds/entrance.html",
        {
            "entrance": found,
            "building": found.building,
            "place_key": places.entrance_key(found),
            "dwellings": [(d, names.get(d.pk, ""), by_dwelling.get(d.pk, 0)) for d in dwellings],
            "lines": lines.request_lines(requests.filter(status__in=OPEN_STATUSES)),
            "tab": "sector",
        },
    )


@require_GET
@caretaker_page
def dwelling(request: HttpRequest, scope: Scope, code: str) -> HttpResponse:
    found = scope.dwelling(code)
    requests = scope.requests().filter(dwelling=found)
    return render(
        request,
        "rounds/dwelling.html",
        {
            "dwelling": found,
            "building": found.entrance.building,
            "name": lines.door_names([found]).get(found.pk, ""),
            "place_key": places.dwelling_key(found),
            "open_lines": lines.request_lines(requests.filter(status__in=OPEN_STATUSES)),
            "past_lines": lines.request_lines(requests.exclude(status__in=OPEN_STATUSES))[:10],
            "tab": "sector",
        },
    )


@require_GET
@caretaker_page
def search(request: HttpRequest, scope: Scope) -> HttpResponse:
    query = " ".join(request.GET.get("q", "").split())[:100]
    found_dwellings, found_requests = [], []
    if query:
        found_dwellings = list(_dwellings_matching(scope, query)[:MAX_RESULTS])
        found_requests = lines.request_lines(scope.requests().filter(reference__icontains=query))[
            :MAX_RESULTS
        ]
    names = lines.door_names(found_dwellings)
    return render(
        request,
        "rounds/search.html",
        {
            "query": query,
            "dwellings": [(d, names.get(d.pk, "")) for d in found_dwellings],
            "lines": found_requests,
            "tab": "sector",
        },
    )


def _dwellings_matching(scope: Scope, query: str):
    named = Lease.objects.current().filter(
        Q(occupancies__tenant__last_name__icontains=query)
        | Q(occupancies__tenant__first_name__icontains=query)
    )
    return (
        scope.dwellings()
        .filter(Q(number=query) | Q(code__iexact=query) | Q(leases__in=named))
        .select_related("entrance__building")
        .distinct()
        .order_by("entrance__building__code", "entrance__code", "number")
    )
