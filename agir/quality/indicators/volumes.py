"""Requests received: by origin, equipment family, urgency, responsibility, building, month."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count

from agir.catalogue.models import Equipment, Responsibility, Urgency
from agir.estate.models import Building
from agir.repairs.models import Origin

from .scope import Scope

DIMENSIONS = {
    "origin": ("origin", dict(Origin.choices)),
    "urgency": ("urgency", dict(Urgency.choices)),
    "responsibility": ("responsibility", dict(Responsibility.choices)),
    "family": ("equipment_id", None),
    "building": ("building_id", None),
}


@dataclass(frozen=True)
class Count_:
    key: object
    label: str
    count: int


def received(scope: Scope) -> int:
    return scope.facts().count()


def received_by(scope: Scope, dimension: str, *, limit: int | None = None) -> list[Count_]:
    """Requests received in the scope, counted by `dimension`, most first."""
    field, _labels_of = DIMENSIONS[dimension]
    rows = scope.facts().values_list(field).annotate(n=Count("pk")).order_by("-n", field)
    if limit:
        rows = rows[:limit]
    return labelled(dimension, list(rows))


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


def received_by_month(scope: Scope) -> list[tuple[date, int]]:
    """Requests received each month of the period (months without any show 0)."""
    rows = scope.facts().values_list("month").annotate(n=Count("pk")).order_by()
    counts = dict(rows)
    return [(month, counts.get(month, 0)) for month in scope.months()]
