"""A new request entered by the caretaker: the place, then the tenant's catalogue cards (search
first), then a description and a photo.

Every step is one address with its answers in the query string (`lieu`, `endroit`,
`equipement`, `probleme`), so Back works, each choice is a plain link, and a QR code opens the
page with the place already chosen. Offline, the phone draws the same steps from its copy of
the sector and of the catalogue (rounds.js), and the form goes into the phone's queue.
"""

from __future__ import annotations

import base64
import uuid
from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from agir.catalogue.models import CatalogueEntry, PlaceScope
from agir.catalogue.payer import who_pays
from agir.catalogue.search import suggest
from agir.repairs.photos import max_upload_bytes

from . import entry_data, lines, places, sync
from .access import Scope
from .pages import caretaker_page

STEP_KEYS = ("lieu", "endroit", "equipement", "probleme", "autre")


def entry_url(**params) -> str:
    kept = {key: value for key, value in params.items() if value}
    url = reverse("rounds:new_request")
    return f"{url}?{urlencode(kept)}" if kept else url


@require_http_methods(["GET", "POST"])
@caretaker_page
def new_request(request: HttpRequest, scope: Scope) -> HttpResponse:
    if request.method == "POST":
        return _submit(request, scope)
    asked = {key: request.GET.get(key, "")[:64] for key in STEP_KEYS}
    context: dict = {"asked": asked, "tab": "new", "step": "where"}
    try:
        place = places.resolve(scope, asked["lieu"]) if asked["lieu"] else None
    except places.UnknownPlace:
        messages.error(request, _("Ce lieu n'est pas dans votre secteur. Choisissez-en un."))
        place = None
    context["place"] = place
    if place is None or not place.is_final:
        context |= _where(scope, place)
        return render(request, "rounds/new_request.html", context)
    context["step"] = "what"
    context["change_place"] = (
        entry_url(lieu=places.entrance_key(place.entrance)) if (place.entrance) else entry_url()
    )
    if place.dwelling is not None:
        context["name"] = lines.door_names([place.dwelling]).get(place.dwelling.pk, "")
    entry = _chosen_entry(asked["probleme"], place)
    if entry is not None or asked["autre"]:
        context |= _details(place, entry, asked)
        return render(request, "rounds/new_request.html", context)
    context |= _what(request, place, asked)
    return render(request, "rounds/new_request.html", context)


# --- où ? --------------------------------------------------------------------------------


def _where(scope: Scope, place: places.ChosenPlace | None) -> dict:
    if place is not None and place.entrance is not None:
        entrance = place.entrance
        dwellings = list(entrance.dwellings.order_by("floor", "number"))
        names = lines.door_names(dwellings)
        areas = [
            area
            for area in scope.common_areas().filter(entrance=entrance).order_by("kind", "label")
        ] + [
            area
            for area in scope.common_areas()
            .filter(building=entrance.building_id)
            .order_by("kind", "label")
        ]
        return {
            "entrance": entrance,
            "dwelling_links": [
                (d, names.get(d.pk, ""), entry_url(lieu=places.dwelling_key(d))) for d in dwellings
            ],
            "area_links": [(a, entry_url(lieu=places.area_key(a))) for a in areas],
            "back_url": entry_url(),
        }
    buildings = scope.buildings().prefetch_related("entrances").order_by("code")
    return {
        "building_links": [
            (b, [(e, entry_url(lieu=places.entrance_key(e))) for e in b.entrances.all()])
            for b in buildings
        ],
        "site_area_links": [
            (a, entry_url(lieu=places.area_key(a)))
            for a in scope.common_areas().filter(site__isnull=False).order_by("site", "kind")
        ],
    }


# --- quoi ? ------------------------------------------------------------------------------


def _what(request: HttpRequest, place: places.ChosenPlace, asked: dict) -> dict:
    key = place.key
    query = " ".join(request.GET.get("q", "").split())[:200]
    context: dict = {"query": query, "back_url": entry_url()}
    if query:
        context["results"] = [
            (s.entry, entry_url(lieu=key, probleme=s.entry.code)) for s in _search(query, place)
        ]
    catalogue_place = _catalogue_place(place, asked["endroit"])
    if catalogue_place is None:
        context["room_links"] = [
            (p, entry_url(lieu=key, endroit=p.code)) for p in entry_data.dwelling_places()
        ]
        return context
    cards = entry_data.equipment_cards(catalogue_place, place.common_area)
    chosen = next((card for card in cards if card.code == asked["equipement"]), None)
    endroit = asked["endroit"] if place.dwelling else ""
    context["catalogue_place"] = catalogue_place
    if chosen is None:
        context["equipment_links"] = [
            (card, entry_url(lieu=key, endroit=endroit, equipement=card.code)) for card in cards
        ]
        if place.dwelling:
            context["back_url"] = entry_url(lieu=key)
        return context
    context["equipment"] = chosen
    context["entry_links"] = [
        (entry, entry_url(lieu=key, probleme=entry.code)) for entry in chosen.entries
    ]
    context["other_url"] = entry_url(lieu=key, endroit=endroit, equipement=chosen.code, autre="1")
    context["back_url"] = entry_url(lieu=key, endroit=endroit)
    return context


def _catalogue_place(place: places.ChosenPlace, endroit: str):
    if place.common_area is not None:
        return entry_data.place_of_kind(place.common_area.kind)
    return next((p for p in entry_data.dwelling_places() if p.code == endroit), None)


def _search(query: str, place: places.ChosenPlace):
    if place.common_area is not None:
        return suggest(query, scope=PlaceScope.COMMON, place=place.common_area.kind, limit=8)
    return suggest(query, scope=PlaceScope.DWELLING, limit=8)


def _chosen_entry(code: str, place: places.ChosenPlace) -> CatalogueEntry | None:
    if not code:
        return None
    entry = CatalogueEntry.objects.active().filter(code=code).first()
    if entry is None:
        return None
    wanted = PlaceScope.COMMON if place.common_area is not None else PlaceScope.DWELLING
    if entry.place.scope != wanted:
        return None
    if place.common_area is not None and entry.place.code != place.common_area.kind:
        return None
    return entry


# --- précisions --------------------------------------------------------------------------


def _details(place: places.ChosenPlace, entry: CatalogueEntry | None, asked: dict) -> dict:
    return {
        "step": "details",
        # The tenant's answer, from the one function, with the place's contracts.
        "who": who_pays(entry, place.dwelling or place.common_area),
        "entry": entry,
        "other": entry is None,
        "item_id": uuid.uuid4(),
        "back_url": entry_url(lieu=place.key, endroit=asked["endroit"]),
    }


def _submit(request: HttpRequest, scope: Scope) -> HttpResponse:
    try:
        item_id = uuid.UUID(request.POST.get("item", ""))
    except ValueError:
        item_id = uuid.uuid4()
    data = {
        "place": request.POST.get("lieu", ""),
        "entry": request.POST.get("probleme", ""),
        "title": request.POST.get("title", ""),
        "description": request.POST.get("description", ""),
        "photos": [],
    }
    for upload in request.FILES.getlist("photos")[: sync.MAX_PHOTOS_PER_ITEM]:
        if upload.size <= max_upload_bytes():
            data["photos"].append(base64.b64encode(upload.read()).decode())
    if not data["entry"] and not data["title"].strip():
        messages.error(request, _("Dites en quelques mots quel est le problème."))
        return redirect(entry_url(lieu=data["place"], autre="1"))
    item = sync.Item(id=item_id, kind="new_request", data=data, made_at=timezone.now())
    [answer] = sync.apply_batch(scope, [item])
    if answer["status"] == sync.REFUSED:
        messages.error(request, answer["message"])
        return redirect(entry_url(lieu=data["place"], probleme=data["entry"]))
    messages.success(request, answer["message"])
    return redirect("rounds:request", code=answer["request"])
