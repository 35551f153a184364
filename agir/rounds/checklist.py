"""The round: for each building, the common-area points a caretaker looks at, and what they saw.

A point is looked at in one common area (the hall of entrance A, the bin room of the building,
the grounds of the site). A bad point becomes a request in one tap: the new-request page opens
on that area with the catalogue's usual problem for it already chosen.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agir.estate.models import Building, CommonArea, CommonAreaKind, Entrance

from .models import RoundCheck


@dataclass(frozen=True)
class Point:
    code: str
    label: str
    area_kind: str  # the common area where it is looked at
    entry: str  # the catalogue entry a bad point is reported as
    per_entrance: bool


POINTS = [
    Point("lighting", _("Éclairage"), CommonAreaKind.HALL, "HALL-LIGHTING-NOT_WORKING", True),
    Point(
        "doors", _("Porte d'entrée, fermeture"), CommonAreaKind.HALL, "HALL-MAIN_DOOR-BROKEN", True
    ),
    Point(
        "entry_phone",
        _("Interphone, digicode"),
        CommonAreaKind.HALL,
        "HALL-ENTRY_PHONE-NOT_WORKING",
        True,
    ),
    Point("lift", _("Ascenseur"), CommonAreaKind.LIFT, "LIFT-CAR-NOT_WORKING", True),
    Point("cleanliness", _("Propreté"), CommonAreaKind.STAIRWELL, "STAIR-FLOOR-DIRTY", True),
    Point("graffiti", _("Tags, graffitis"), CommonAreaKind.HALL, "HALL-WALLS-DIRTY", True),
    Point("bin_room", _("Local poubelles"), CommonAreaKind.BIN_ROOM, "BIN-BINS-DIRTY", False),
    Point("cellar", _("Caves"), CommonAreaKind.CELLAR, "CEL-LIGHTING-NOT_WORKING", False),
    Point(
        "outdoor",
        _("Abords, éclairage extérieur"),
        CommonAreaKind.OUTDOOR,
        "OUT-LIGHTING-NOT_WORKING",
        False,
    ),
]
POINTS_BY_CODE = {point.code: point for point in POINTS}


@dataclass(frozen=True)
class Item:
    """One line of a building's checklist: a point in one area, and what was seen today."""

    point: Point
    area: CommonArea
    check: RoundCheck | None

    @property
    def key(self) -> str:
        return f"{self.point.code}-{self.area.pk}"

    @property
    def label(self) -> str:
        return f"{self.point.label} — {self.area.label}"


@dataclass(frozen=True)
class Grounds:
    """A building's entrances (by code) and every common area its round may check."""

    entrances: list[Entrance]
    areas: list[CommonArea]


def grounds_of(building: Building) -> Grounds:
    """Two queries, for a page that shows them and makes the round's line from them."""
    entrances = list(building.entrances.order_by("code"))
    # The entrances by key, not through a join: an OR across two tables read every common
    # area of the estate (37,815 at 250,000 dwellings) instead of three indexes.
    areas = CommonArea.objects.filter(
        Q(entrance__in=[entrance.pk for entrance in entrances])
        | Q(building=building)
        | Q(site=building.site_id)
    ).select_related("entrance")
    return Grounds(entrances, list(areas))


def areas_of(building: Building) -> list[CommonArea]:
    return grounds_of(building).areas


def items_for(
    building: Building, day: date | None = None, *, grounds: Grounds | None = None
) -> list[Item]:
    """The building's points, entrance by entrance then the building's and the site's.
    `grounds`: the building's, when the caller has read them already."""
    day = day or timezone.localdate()
    return _items(grounds or grounds_of(building), latest_checks(building, day))


def rounds_of(
    buildings: list[Building], day: date | None = None
) -> list[tuple[Building, list[Item]]]:
    """Each building's round on `day`, in three queries however many buildings: «Ma tournée»
    lists every building of the sector (three queries a building before)."""
    day = day or timezone.localdate()
    entrances: dict[int, list[Entrance]] = defaultdict(list)
    for entrance in Entrance.objects.filter(building__in=buildings).order_by("code"):
        entrances[entrance.building_id].append(entrance)
    areas = list(
        CommonArea.objects.filter(
            Q(entrance__in=[e.pk for group in entrances.values() for e in group])
            | Q(building__in=buildings)
            | Q(site__in={building.site_id for building in buildings})
        ).select_related("entrance")
    )
    seen: dict[int, dict[tuple[str, int], RoundCheck]] = defaultdict(dict)
    for check in RoundCheck.objects.filter(building__in=buildings, day=day).order_by(
        "checked_at", "id"
    ):
        seen[check.building_id][(check.point, check.common_area_id)] = check
    rounds = []
    for building in buildings:
        own = {entrance.pk for entrance in entrances[building.pk]}
        mine = [
            area
            for area in areas
            if area.entrance_id in own
            or area.building_id == building.pk
            or area.site_id == building.site_id
        ]
        grounds = Grounds(entrances[building.pk], mine)
        rounds.append((building, _items(grounds, seen[building.pk])))
    return rounds


def _items(grounds: Grounds, seen: dict[tuple[str, int], RoundCheck]) -> list[Item]:
    areas = grounds.areas
    items: list[Item] = []
    for entrance in grounds.entrances:
        for point in POINTS:
            if not point.per_entrance:
                continue
            area = next(
                (a for a in areas if a.entrance_id == entrance.pk and a.kind == point.area_kind),
                None,
            )
            if area is not None:
                items.append(Item(point, area, seen.get((point.code, area.pk))))
    for point in POINTS:
        if point.per_entrance:
            continue
        area = next((a for a in areas if a.building_id and a.kind == point.area_kind), None)
        area = area or next((a for a in areas if a.site_id and a.kind == point.area_kind), None)
        if area is not None:
            items.append(Item(point, area, seen.get((point.code, area.pk))))
    return items


def latest_checks(building: Building, day: date) -> dict[tuple[str, int], RoundCheck]:
    latest: dict[tuple[str, int], RoundCheck] = {}
    for check in RoundCheck.objects.filter(building=building, day=day).order_by("checked_at", "id"):
        latest[(check.point, check.common_area_id)] = check
    return latest


def progress(items: list[Item]) -> tuple[int, int]:
    """(points seen today, points in all)."""
    return sum(1 for item in items if item.check is not None), len(items)
