"""A caretaker's sector (the personas' building) and another sector next to it."""

from __future__ import annotations

import uuid
from datetime import datetime

import pytest
from django.utils import timezone

from agir.rounds.access import Scope
from agir.rounds.sync import Item
from tests.builders import build_estate, build_household, submitted_request


@pytest.fixture
def scope(personas) -> Scope:
    return Scope.of(personas.caretaker.user)


@pytest.fixture
def elsewhere(db):
    """Another sector, with a household and a request the caretaker must never reach."""
    estate = build_estate(name="Résidence du Canal")
    household = build_household(estate.dwellings[0])
    return estate, household, submitted_request(household)


def item(kind: str, *, made_at: datetime | None = None, **data) -> Item:
    return Item(id=uuid.uuid4(), kind=kind, data=data, made_at=made_at or timezone.now())


def new_request_item(dwelling=None, area=None, entry="KIT-SINK-LEAK", **data) -> Item:
    from agir.rounds import places

    place = places.dwelling_key(dwelling) if dwelling is not None else places.area_key(area)
    return item(
        "new_request",
        place=place,
        entry=entry,
        description=data.pop("description", "Fuite constatée avec la locataire."),
        **data,
    )
