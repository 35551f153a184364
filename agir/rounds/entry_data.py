"""The choices of a caretaker's new request, from the tenant's wizard: places, equipment,
problems.

The same functions as the tenant's guided entry (`agir.portal.wizard.places`) say which
equipment a place offers and which problems an equipment has, so the caretaker and the tenant
choose among the same cards. The tree is built once per catalogue version; the phone keeps it
to enter requests offline.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from agir.catalogue.models import CatalogueEntry, Place, PlaceScope
from agir.estate.models import CommonArea
from agir.portal.wizard import places as wizard_places
from agir.portal.wizard.places import WizardPlace


@dataclass(frozen=True)
class EquipmentCards:
    code: str
    label: str
    picture: str
    entries: list[CatalogueEntry]


def wizard_place(place: Place, area: CommonArea | None = None) -> WizardPlace:
    """The wizard's view of a catalogue place (a room kind, or a kind of common area)."""
    if place.scope == PlaceScope.COMMON:
        # The wizard only asks whether the place is common; any area of that kind will do.
        area = area or CommonArea(kind=place.code, label=place.label)
        return WizardPlace(
            f"{wizard_places.COMMON_PREFIX}{area.pk or 0}", place, place.label, None, area
        )
    return WizardPlace(place.code, place, place.label)


def dwelling_places() -> list[Place]:
    return list(Place.objects.filter(scope=PlaceScope.DWELLING).order_by("position", "code"))


def place_of_kind(kind: str) -> Place | None:
    return Place.objects.filter(code=kind, scope=PlaceScope.COMMON).first()


def equipment_cards(place: Place, area: CommonArea | None = None) -> list[EquipmentCards]:
    here = wizard_place(place, area)
    return [
        EquipmentCards(
            choice.equipment.code,
            choice.label,
            choice.equipment.picture,
            wizard_places.entries_for(here, choice.equipment),
        )
        for choice in wizard_places.equipment_for(here)
    ]


def tree() -> dict[str, Any]:
    """Everything the phone needs to offer the catalogue's cards offline."""
    entries: dict[str, dict[str, Any]] = {}
    catalogue_places = []
    for place in Place.objects.order_by("scope", "position", "code"):
        cards = equipment_cards(place)
        for card in cards:
            for entry in card.entries:
                entries.setdefault(entry.code, _entry(entry))
        catalogue_places.append(
            {
                "code": place.code,
                "label": place.label,
                "scope": place.scope,
                "picture": place.picture,
                "equipment": [
                    {
                        "code": card.code,
                        "label": card.label,
                        "picture": card.picture,
                        "entries": [entry.code for entry in card.entries],
                    }
                    for card in cards
                ],
            }
        )
    return {"places": catalogue_places, "entries": entries}


def _entry(entry: CatalogueEntry) -> dict[str, Any]:
    return {
        "title": entry.title,
        "symptom": entry.symptom.label,
        "picture": entry.symptom.picture,
        "emergency": entry.is_emergency,
        "words": " ".join([entry.title, *entry.keywords]),
    }
