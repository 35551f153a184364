"""«Ou décrivez le problème en quelques mots»: the catalogue's matcher, kept to the tenant's places.

A result is only offered when its place is one of the tenant's (a lift entry for a building
without a lift is left out), with the key of that place so that the link lands on it. A long
message is read whole (its beginning and its end past LONG_TEXT_LIMIT, which the page says);
when the search is not confident it offers nothing, and the page offers the free description
and the phone number instead.
"""

from __future__ import annotations

from dataclasses import dataclass

from agir.catalogue.models import CatalogueEntry
from agir.catalogue.search import answer
from agir.estate.models import Dwelling

from . import places

LIMIT = 8


@dataclass(frozen=True)
class Result:
    entry: CatalogueEntry
    score: float
    place_key: str
    place_label: str


@dataclass(frozen=True)
class Found:
    results: list[Result]
    shortened: bool  # the text was too long to be read whole: its beginning and end were


def suggestions_for(query: str, dwelling: Dwelling, *, limit: int = LIMIT) -> Found:
    commons = {place.place.code: place for place in places.common_places(dwelling)}
    results: list[Result] = []
    found = answer(query, limit=limit * 2)
    for suggestion in found.suggestions:
        entry = suggestion.entry
        key = places.key_for_entry(entry, dwelling)
        if key is None:
            continue
        common = commons.get(entry.place.code)
        label = common.common_area.label if common and common.key == key else entry.place.label
        results.append(Result(entry, suggestion.score, key, label))
        if len(results) >= limit:
            break
    return Found(results, found.shortened)
