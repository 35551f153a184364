"""The catalogue as the tenant's wizard reads it: every place and equipment, and the active
entries with their place, equipment and symptom, read once a process (`held`).

A wizard step asked the database for the same places, equipment and entries three to six
times (13 of a step's 14 queries were the session, the tenant and these); a few hundred rows
kept in memory answer them all. The rows are shared between requests: read them, never change
them. What is written (a request's catalogue entry) is still a row of the database: the
submission reads its entry again (`entry(code, fresh=True)`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from agir.catalogue.held import Held
from agir.catalogue.models import CatalogueEntry, Equipment, Place


@dataclass(frozen=True)
class Snapshot:
    places: dict[str, Place]  # by code
    equipment: dict[int, Equipment]  # by key
    entries: tuple[CatalogueEntry, ...]  # active, in code order
    by_code: dict[str, CatalogueEntry]
    by_key: dict[int, CatalogueEntry]
    by_place: dict[int, tuple[CatalogueEntry, ...]]  # a place's active entries, in code order


def _build() -> Snapshot:
    entries = tuple(CatalogueEntry.objects.active().order_by("code"))
    by_place: dict[int, list[CatalogueEntry]] = defaultdict(list)
    for found in entries:
        by_place[found.place_id].append(found)
    return Snapshot(
        places={place.code: place for place in Place.objects.all()},
        equipment={item.pk: item for item in Equipment.objects.all()},
        entries=entries,
        by_code={found.code: found for found in entries},
        by_key={found.pk: found for found in entries},
        by_place={place: tuple(found) for place, found in by_place.items()},
    )


_held = Held(_build)


def current() -> Snapshot:
    return _held.get()


def places_by_code(codes: Iterable[str]) -> dict[str, Place]:
    places = current().places
    return {code: places[code] for code in set(codes) if code in places}


def place_entries(place_code: str, equipment: Equipment | None = None) -> list[CatalogueEntry]:
    """A place's active entries (of one equipment, when given), in code order."""
    snapshot = current()
    place = snapshot.places.get(place_code)
    if place is None:
        return []
    found = snapshot.by_place.get(place.pk, ())
    if equipment is not None:
        return [e for e in found if e.equipment_id == equipment.pk]
    return list(found)


def entry(code: str, *, fresh: bool = False) -> CatalogueEntry | None:
    """The active entry of this code; `fresh` reads it from the database (what is saved)."""
    if fresh:
        return CatalogueEntry.objects.active().filter(code=code).first()
    return current().by_code.get(code)


def by_key(pk: int) -> CatalogueEntry | None:
    """The active entry of this key, as the process holds it (None when inactive or unknown)."""
    return current().by_key.get(pk)
