"""«Ou décrivez le problème en quelques mots»: the catalogue's matcher, kept to the tenant's places.

A result is only offered when its place is one of the tenant's (a lift entry for a building
without a lift is left out), with the key of that place so that the link lands on it.
"""

from __future__ import annotations

from dataclasses import dataclass

from agir.catalogue.models import CatalogueEntry
from agir.catalogue.search import suggest
from agir.estate.models import Dwelling

from . import places

LIMIT = 8


@dataclass(frozen=True)
class Result:
    entry: CatalogueEntry
    score: float
    place_key: str
    place_label: str


def suggestions_for(query: str, dwelling: Dwelling, *, limit: int = LIMIT) -> list[Result]:
    commons = {place.place.code: place for place in places.common_places(dwelling)}
    results: list[Result] = []
    for suggestion in suggest(query, limit=limit * 2):
        entry = suggestion.entry
        key = places.key_for_entry(entry, dwelling)
        if key is None:
            continue
        common = commons.get(entry.place.code)
        label = common.common_area.label if common and common.key == key else entry.place.label
        results.append(Result(entry, suggestion.score, key, label))
        if len(results) >= limit:
            break
    return results
