"""My sector: its buildings and entrances with their open requests; a building, an entrance,
a dwelling; search by dwelling number, tenant name or reference."""

from __future__ import annotations

from math import ceil

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from agir.estate.models import Building, Lease
from agir.repairs.models import OPEN_STATUSES

from . import checklist, lines, places
from .access import Scope
from .pages import caretaker_page

MAX_RESULTS = 30
# A building's page shows its most pressing open requests (lines.pressing_first), the list
# of them all goes a page at a time: ten years of a busy building is 50 and more, on a phone
# with a poor signal.
BUILDING_LINES = 20
REQUESTS_PAGE = 25


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


def _open_by_entrance(scope: Scope, building: Building | None = None) -> dict[int | None, int]:
    """Open requests counted by entrance (a dwelling's, or a common area's), counted by the
    database; None counts those of no entrance (a building's or a site's common areas)."""
    open_requests = scope.requests().filter(status__in=OPEN_STATUSES)
    if building is not None:
        # a building's page counts its own entrances, not every one of the sector
        open_requests = open_requests.filter(building=building)
    rows = (
        open_requests.values(at=Coalesce("dwelling__entrance", "common_area__entrance"))
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("at", "n")
    )
    return dict(rows)


@require_GET
@caretaker_page
def building(request: HttpRequest, scope: Scope, code: str) -> HttpResponse:
    found = scope.building(code)
    open_requests = scope.requests().filter(building=found, status__in=OPEN_STATUSES)
    by_entrance = _open_by_entrance(scope, found)
    open_total = sum(by_entrance.values())
    grounds = checklist.grounds_of(found)  # shown, and the round's line made from them
    items = checklist.items_for(found, grounds=grounds)
    seen, total = checklist.progress(items)
    return render(
        request,
        "rounds/building.html",
        {
            "building": found,
            "entrances": [(e, by_entrance.get(e.pk, 0)) for e in grounds.entrances],
            "areas": [(a, places.area_key(a)) for a in grounds.areas],
            "lines": lines.lines_of(lines.pressing_first(open_requests)[:BUILDING_LINES]),
            "open_total": open_total,
            "more": open_total > BUILDING_LINES,
            "round_seen": seen,
            "round_total": total,
            "tab": "sector",
        },
    )


@require_GET
@caretaker_page
def building_requests(request: HttpRequest, scope: Scope, code: str) -> HttpResponse:
    """Every open request of a building, in the building page's order, a page at a time."""
    found = scope.building(code)
    open_requests = scope.requests().filter(building=found, status__in=OPEN_STATUSES)
    page = Paginator(lines.pressing_first(open_requests), REQUESTS_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "rounds/building_requests.html",
        {"building": found, "lines": lines.lines_of(page), "page": page, "tab": "sector"},
    )


def building_requests_pages(building: Building, open_count: int) -> list[str]:
    """The addresses of the list's pages, as its links write them (the phone keeps them
    ahead, offline.py); none when the building's page shows every open request."""
    if open_count <= BUILDING_LINES:
        return []
    first = reverse("rounds:building_requests", args=[building.code])
    return [first] + [f"{first}?page={n}" for n in range(2, ceil(open_count / REQUESTS_PAGE) + 1)]


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
