"""A stand-in for agir.catalogue.search.suggest until the real matcher is merged: words of the
query found in an entry's title and keywords, accents ignored. Same signature and result."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from agir.catalogue.models import CatalogueEntry


@dataclass(frozen=True)
class Suggestion:
    entry: CatalogueEntry
    score: float


def _fold(text: str) -> set[str]:
    plain = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(ch if ch.isalnum() else " " for ch in plain if not unicodedata.combining(ch))
    return {word.rstrip("sx") for word in plain.split() if len(word) > 2}


def suggest(query: str, *, scope=None, place=None, limit: int = 10) -> list[Suggestion]:
    words = _fold(query)
    if not words:
        return []
    entries = CatalogueEntry.objects.active()
    if scope:
        entries = entries.filter(place__scope=scope)
    if place:
        entries = entries.filter(place__code=place)
    scored = []
    for entry in entries:
        text = " ".join(
            [
                entry.title,
                entry.place.label,
                entry.equipment.label,
                entry.symptom.label,
                *(entry.keywords or []),
            ]
        )
        found = len(words & _fold(text))
        if found:
            scored.append(Suggestion(entry, found / len(words)))
    scored.sort(key=lambda s: (-s.score, s.entry.code))
    return scored[:limit]
