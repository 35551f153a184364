"""A landlord's estate as a city's Open311 client sees it: buildings with coordinates, common
areas, requests of tenants (some about common areas, some about their homes)."""

from __future__ import annotations

from dataclasses import dataclass

from agir.api import tokens
from agir.estate.models import Building
from agir.repairs import lifecycle
from agir.repairs.lifecycle import Actor
from agir.repairs.models import RepairRequest
from tests.builders import (
    Estate,
    Household,
    build_estate,
    build_household,
    common_area_request,
    submitted_request,
)


@dataclass
class Open311World:
    estate: Estate
    household: Household
    key: str
    lift_request: RepairRequest  # open, about the lift
    hall_request: RepairRequest  # closed, about the hall
    home_request: RepairRequest  # about a dwelling: never public


def build_open311_world() -> Open311World:
    estate = build_estate(floors=5)
    Building.objects.filter(pk=estate.building.pk).update(latitude=50.6900, longitude=3.1800)
    estate.building.refresh_from_db()
    household = build_household(estate.dwellings[0])
    lift = common_area_request(household, estate.common_areas["lift"])
    hall = common_area_request(
        household, estate.common_areas["hall"], entry_code="HALL-LIGHTING-NOT_WORKING"
    )
    staff = Actor.system("Service client")
    for intent in ("acknowledge", "start", "finish", "close"):
        getattr(lifecycle, intent)(hall, actor=staff)
    home = submitted_request(household, description="Mme Benali, 3e gauche, fuite.")
    key = tokens.issue("Portail de la ville", ["open311"]).token
    return Open311World(estate, household, key, lift, hall, home)
