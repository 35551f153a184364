"""The caretaker's round: «Ma tournée» reads every building's round of the sector at once."""

import uuid

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from agir.rounds import checklist
from agir.rounds.models import RoundCheck
from tests.builders import build_caretaker, build_estate


def _line(items: list[checklist.Item]) -> list[tuple]:
    return [(i.point.code, i.area.pk, i.check.pk if i.check else None) for i in items]


def _check(building, item: checklist.Item) -> RoundCheck:
    now = timezone.now()
    return RoundCheck.objects.create(
        uuid=uuid.uuid4(),
        building=building,
        common_area=item.area,
        point=item.point.code,
        ok=True,
        checked_at=now,
        day=timezone.localdate(now),
    )


def test_each_buildings_round_read_together_is_the_same_as_read_alone(db):
    buildings = [build_estate(entrances=n).building for n in (1, 2, 3)]
    first = checklist.items_for(buildings[1])
    _check(buildings[1], first[0])
    _check(buildings[1], first[-1])

    together = checklist.rounds_of(buildings)

    assert [building for building, _items in together] == buildings
    for building, items in together:
        assert _line(items) == _line(checklist.items_for(building))
    assert checklist.progress(together[1][1]) == (2, len(first))


def _round_page_queries(client, estates) -> int:
    caretaker = build_caretaker(*(estate.sector for estate in estates))
    client.force_login(caretaker.user)
    client.get(reverse("rounds:rounds"))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("rounds:rounds"))
    assert response.status_code == 200
    assert len(response.context["rows"]) == len(estates)
    return len(queries)


def test_my_round_makes_as_many_queries_with_four_buildings_as_with_one(client, db):
    one = _round_page_queries(client, [build_estate()])
    four = _round_page_queries(client, [build_estate() for _ in range(4)])
    assert four == one
