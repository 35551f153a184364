"""Requests received: by origin, equipment family, urgency, responsibility, building, month."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count

from agir.catalogue.models import Equipment, Responsibility, Urgency
from agir.estate.models import Building
from agir.repairs.models import Origin

from .scope import Scope
from .tally import Tally

DIMENSIONS = {
    "origin": ("origin", dict(Origin.choices)),
    "urgency": ("urgency", dict(Urgency.choices)),
    "responsibility": ("responsibility", dict(Responsibility.choices)),
    "family": ("equipment_id", None),
    "building": ("building_id", None),
}
# Counted here; urgency and month are counted with the commitments (kept.py).
COUNTED = ("origin", "family", "responsibility", "building")


@dataclass(frozen=True)
class Count_:
    key: object
    label: str
    count: int


def count_into(tally: Tally, scope: Scope) -> None:
    for dimension in COUNTED:
        field = DIMENSIONS[dimension][0]
        rows = scope.facts().values_list(field).annotate(n=Count("pk")).order_by()
        tally.put(f"received:{dimension}", rows, 1)


def received_by(tally: Tally, dimension: str, *, limit: int | None = None) -> list[Count_]:
    """Requests received, counted by `dimension`, most first."""
    rows = [(key[0], counts[0]) for key, counts in tally.rows(f"received:{dimension}").items()]
    return labelled(dimension, most_first(rows)[:limit] if limit else most_first(rows))


def most_first(rows: list[tuple]) -> list[tuple]:
    """(key, count) pairs, the largest count first, then by key (no key last)."""
    return sorted(
        rows, key=lambda row: (-row[1], row[0] is None, row[0] if row[0] is not None else 0)
    )


def labelled(dimension: str, rows: list[tuple]) -> list[Count_]:
    """(key, count) pairs with the label of each key."""
    labels = DIMENSIONS[dimension][1]
    if labels is None:
        labels = _labels(dimension, [key for key, _n in rows])
    return [Count_(key, str(labels.get(key, "—")), n) for key, n in rows]


def _labels(dimension: str, keys: list) -> dict:
    keys = [key for key in keys if key is not None]
    if dimension == "family":
        return dict(Equipment.objects.filter(pk__in=keys).values_list("pk", "label"))
    return {b.pk: f"{b.name} ({b.code})" for b in Building.objects.filter(pk__in=keys)}
