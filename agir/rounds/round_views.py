"""The round: each building's checklist, a tick per point, one tap from a bad point to a
request about it."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from . import checklist, places, sync
from .access import Scope
from .entry_views import entry_url
from .pages import caretaker_page


@require_GET
@caretaker_page
def rounds_home(request: HttpRequest, scope: Scope) -> HttpResponse:
    rows = []
    for building, items in checklist.rounds_of(list(scope.buildings().order_by("code"))):
        seen, total = checklist.progress(items)
        rows.append((building, seen, total))
    return render(request, "rounds/rounds.html", {"rows": rows, "tab": "round"})


@require_GET
@caretaker_page
def round_page(request: HttpRequest, scope: Scope, code: str) -> HttpResponse:
    building = scope.building(code)
    items = checklist.items_for(building)
    seen, total = checklist.progress(items)
    return render(
        request,
        "rounds/round.html",
        {
            "building": building,
            "items": [
                (
                    item,
                    places.area_key(item.area),
                    uuid.uuid4(),
                    entry_url(lieu=places.area_key(item.area), probleme=item.point.entry),
                )
                for item in items
            ],
            "seen": seen,
            "total": total,
            "tab": "round",
        },
    )


@require_POST
@caretaker_page
def round_check(request: HttpRequest, scope: Scope, code: str) -> HttpResponse:
    building = scope.building(code)
    point = checklist.POINTS_BY_CODE.get(request.POST.get("point", ""))
    if point is None:
        raise Http404
    try:
        item_id = uuid.UUID(request.POST.get("item", ""))
    except ValueError:
        item_id = uuid.uuid4()
    ok = request.POST.get("ok") == "1"
    place = request.POST.get("lieu", "")
    item = sync.Item(
        id=item_id,
        kind="round_check",
        data={"building": building.code, "place": place, "point": point.code, "ok": ok},
        made_at=timezone.now(),
    )
    [answer] = sync.apply_batch(scope, [item])
    if answer["status"] == sync.REFUSED:
        messages.error(request, answer["message"])
    elif not ok:
        return redirect(entry_url(lieu=place, probleme=point.entry))
    return redirect("rounds:round", code=building.code)
