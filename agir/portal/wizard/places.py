"""Where a tenant can say the problem is: the rooms of their dwelling, or their building's
common areas; and what can be wrong there, from the catalogue.

A place is named in URLs by a key: the room's slug on the floor plan («kitchen», «bedroom-2»),
a dwelling place that is not on the plan («whole_dwelling», «private_cellar»), or
«commun-<id>» for a common area. A key is only ever resolved against the tenant's own dwelling,
so a forged one finds nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from agir.catalogue import snapshot
from agir.catalogue.models import CatalogueEntry, Equipment, Place, PlaceScope
from agir.estate.models import CommonArea, CommonAreaKind, Dwelling
from agir.portal.floorplans import ROOM_SCENES, Room, SceneItem, plan_for

WHOLE_DWELLING = "whole_dwelling"
# Dwelling places drawn as tiles beside the plan, because they are not rooms on it.
EXTRA_DWELLING_PLACES = (WHOLE_DWELLING, "private_cellar")
# The order of the common-area tiles: the way a tenant walks from the street to their door.
COMMON_ORDER = [
    CommonAreaKind.HALL,
    CommonAreaKind.STAIRWELL,
    CommonAreaKind.LIFT,
    CommonAreaKind.CELLAR,
    CommonAreaKind.CAR_PARK,
    CommonAreaKind.BIN_ROOM,
    CommonAreaKind.OUTDOOR,
    CommonAreaKind.BOILER_ROOM,
]
COMMON_PREFIX = "commun-"


class PlaceNotFound(Exception):
    """A key that is not one of the tenant's places (stale or forged)."""

    user_message = _("Ce lieu ne fait pas partie de votre logement ni de votre immeuble.")


@dataclass(frozen=True)
class WizardPlace:
    key: str
    place: Place
    label: str
    room: Room | None = None
    common_area: CommonArea | None = None

    @property
    def is_common(self) -> bool:
        return self.common_area is not None

    @property
    def picture(self) -> str:
        return self.place.picture


@dataclass(frozen=True)
class EquipmentChoice:
    equipment: Equipment
    label: str
    scene_item: SceneItem | None = None


def _places_by_code(codes) -> dict[str, Place]:
    return snapshot.places_by_code(codes)


def plan_rooms(dwelling: Dwelling) -> list[WizardPlace]:
    plan = plan_for(dwelling.dwelling_type)
    places = _places_by_code(room.place for room in plan.rooms)
    return [
        WizardPlace(room.slug, places[room.place], room.label, room=room)
        for room in plan.rooms
        if room.place in places
    ]


def extra_places() -> list[WizardPlace]:
    places = _places_by_code(EXTRA_DWELLING_PLACES)
    return [
        WizardPlace(code, places[code], places[code].label)
        for code in EXTRA_DWELLING_PLACES
        if code in places
    ]


def common_areas(dwelling: Dwelling) -> list[CommonArea]:
    """The common areas that serve this dwelling: one per kind, the nearest one first.

    An area of the dwelling's own entrance wins over one of its building, which wins over one
    of the whole site; the lift only shows when the entrance has one.
    """
    entrance = dwelling.entrance
    building = entrance.building
    candidates = CommonArea.objects.filter(
        Q(entrance=entrance) | Q(building=building) | Q(site=building.site_id)
    )
    best: dict[str, CommonArea] = {}
    for area in sorted(candidates, key=_nearness):
        best.setdefault(area.kind, area)
    if not entrance.has_lift:
        best.pop(CommonAreaKind.LIFT, None)
    return [best[kind] for kind in COMMON_ORDER if kind in best]


def _nearness(area: CommonArea) -> tuple[int, int]:
    level = 0 if area.entrance_id else 1 if area.building_id else 2
    return level, area.pk


def common_places(dwelling: Dwelling) -> list[WizardPlace]:
    areas = common_areas(dwelling)
    places = _places_by_code(area.kind for area in areas)
    return [
        WizardPlace(
            f"{COMMON_PREFIX}{area.pk}", places[area.kind], places[area.kind].label, None, area
        )
        for area in areas
        if area.kind in places
    ]


def resolve(key: str, dwelling: Dwelling) -> WizardPlace:
    if key.startswith(COMMON_PREFIX):
        for place in common_places(dwelling):
            if place.key == key:
                return place
        raise PlaceNotFound(key)
    rooms, extra = _dwelling_places(dwelling)
    for place in rooms + extra:
        if place.key == key:
            return place
    # A dwelling place named by its catalogue code (a search result: «bedroom»).
    for place in rooms:
        if place.place.code == key:
            return place
    raise PlaceNotFound(key)


def _dwelling_places(dwelling: Dwelling) -> tuple[list[WizardPlace], list[WizardPlace]]:
    """plan_rooms() and extra_places() from one query: every wizard step resolves its place."""
    plan = plan_for(dwelling.dwelling_type)
    places = _places_by_code([*(room.place for room in plan.rooms), *EXTRA_DWELLING_PLACES])
    rooms = [
        WizardPlace(room.slug, places[room.place], room.label, room=room)
        for room in plan.rooms
        if room.place in places
    ]
    extra = [
        WizardPlace(code, places[code], places[code].label)
        for code in EXTRA_DWELLING_PLACES
        if code in places
    ]
    return rooms, extra


def key_for_entry(entry: CatalogueEntry, dwelling: Dwelling) -> str | None:
    """Where a search result takes the tenant, or None if that place is not theirs."""
    code = entry.place.code
    if entry.place.scope == PlaceScope.COMMON:
        for place in common_places(dwelling):
            if place.place.code == code:
                return place.key
        return None
    if code in EXTRA_DWELLING_PLACES:
        return code
    for place in plan_rooms(dwelling):
        if place.place.code == code:
            return place.key
    return None


def _entries(place: Place | str, equipment: Equipment | None = None) -> list[CatalogueEntry]:
    """The active entries of a place, given as a row or by its code."""
    return snapshot.place_entries(place if isinstance(place, str) else place.code, equipment)


def _fallback_place(place: WizardPlace) -> str | None:
    """Equipment of the whole dwelling (heating, electricity) can be reported from any room:
    the code of the place whose entries a room also offers, if any."""
    if place.is_common or place.place.code == WHOLE_DWELLING:
        return None
    return WHOLE_DWELLING


def entries_for(place: WizardPlace, equipment: Equipment) -> list[CatalogueEntry]:
    """The problems the catalogue knows for this equipment here, in the symptoms' order."""
    entries = _entries(place.place, equipment)
    if not entries:
        fallback = _fallback_place(place)
        if fallback is not None:
            entries = _entries(fallback, equipment)
    return sorted(entries, key=lambda entry: (entry.symptom.position, entry.code))


def equipment_for(place: WizardPlace) -> list[EquipmentChoice]:
    """What the «Quoi ?» step offers here: the scene's items first, then the rest."""
    here = {entry.equipment_id for entry in _entries(place.place)}
    fallback = _fallback_place(place)
    around = {entry.equipment_id for entry in _entries(fallback)} if fallback else set()
    everything = snapshot.current().equipment
    known = {pk: everything[pk] for pk in here | around if pk in everything}
    by_code = {e.code: e for e in known.values()}
    choices: list[EquipmentChoice] = []
    seen: set[int] = set()
    scene = ROOM_SCENES.get(place.place.code)
    for item in scene.items if scene else ():
        equipment = by_code.get(item.equipment)
        if equipment is not None and equipment.pk not in seen:
            choices.append(EquipmentChoice(equipment, item.label, item))
            seen.add(equipment.pk)
    for equipment in sorted(known.values(), key=lambda e: (e.position, e.code)):
        if equipment.pk in here and equipment.pk not in seen:
            choices.append(EquipmentChoice(equipment, equipment.label))
            seen.add(equipment.pk)
    return choices


def find_equipment(place: WizardPlace, code: str) -> EquipmentChoice | None:
    for choice in equipment_for(place):
        if choice.equipment.code == code:
            return choice
    return None


def entry_fits(place: WizardPlace, entry: CatalogueEntry) -> bool:
    """The entry may be reported from this place (its own, or the whole dwelling's)."""
    if not entry.active:
        return False
    if entry.place_id == place.place.pk:
        return True
    fallback = _fallback_place(place)
    return fallback is not None and entry.place.code == fallback


def place_label(place: WizardPlace) -> str:
    if place.common_area is not None:
        return place.common_area.label
    return place.label
