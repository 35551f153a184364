"""The sync of a caretaker's queue: each item applied once, answered the same way every time."""

from __future__ import annotations

import base64
import uuid

from django.db import connection
from django.test.utils import CaptureQueriesContext

from agir.notify.models import Notification
from agir.repairs.models import EventKind, Origin, RepairRequest, Status
from agir.rounds import places
from agir.rounds.models import RoundCheck
from agir.rounds.sync import ALREADY_HAD, CREATED, REFUSED, apply_batch
from tests.personas import advance
from tests.tracking.images import jpeg

from .conftest import item, new_request_item


def test_new_request_for_a_dwelling_is_made_for_its_household(personas, scope):
    dwelling = personas.alice.lease.dwelling
    [answer] = apply_batch(scope, [new_request_item(dwelling)])
    assert answer["status"] == CREATED
    made = RepairRequest.objects.get(code=answer["request"])
    assert made.reference == answer["reference"]
    assert made.origin == Origin.CARETAKER
    assert made.status == Status.SUBMITTED
    assert made.requested_by == personas.alice.holder
    assert made.lease == personas.alice.lease
    assert made.entered_by == personas.caretaker.user


def test_tenant_gets_the_same_acknowledgement_as_for_their_own_entry(personas, scope):
    [answer] = apply_batch(scope, [new_request_item(personas.alice.lease.dwelling)])
    made = RepairRequest.objects.get(code=answer["request"])
    sent = Notification.objects.filter(request=made)
    assert {n.tenant_id for n in sent} == {personas.alice.holder.pk}
    assert {n.template for n in sent} == {"request_submitted"}


def test_new_request_for_a_common_area_has_no_tenant(personas, scope):
    area = personas.estate.common_areas["lift"]
    [answer] = apply_batch(scope, [new_request_item(area=area, entry="LIFT-CAR-NOT_WORKING")])
    made = RepairRequest.objects.get(code=answer["request"])
    assert (made.common_area, made.dwelling, made.requested_by) == (area, None, None)


def test_same_batch_sent_three_times_makes_each_request_once(personas, scope):
    dwellings = personas.estate.dwellings
    batch = [new_request_item(dwellings[i]) for i in (0, 1, 4)]
    before = RepairRequest.objects.count()
    first = apply_batch(scope, batch)
    second = apply_batch(scope, batch)
    third = apply_batch(scope, batch)
    assert RepairRequest.objects.count() == before + 3
    assert [a["status"] for a in first] == [CREATED] * 3
    assert [a["status"] for a in second + third] == [ALREADY_HAD] * 6
    assert [a["reference"] for a in third] == [a["reference"] for a in first]


def test_same_uuid_twice_in_one_batch_is_applied_once(personas, scope):
    one = new_request_item(personas.alice.lease.dwelling)
    answers = apply_batch(scope, [one, one])
    assert [a["status"] for a in answers] == [CREATED, ALREADY_HAD]
    assert RepairRequest.objects.filter(idempotency_key=one.id).count() == 1


def test_request_for_a_dwelling_that_no_longer_exists_is_refused_with_why(personas, scope):
    gone = item("new_request", place="logement-B999-Z999", entry="KIT-SINK-LEAK")
    [answer] = apply_batch(scope, [gone])
    assert answer["status"] == REFUSED
    assert answer["reason"] == "place not found in the caretaker's sector"
    assert "n'existe plus" in answer["message"]
    [again] = apply_batch(scope, [gone])
    assert again["status"] == ALREADY_HAD and again["first_status"] == REFUSED


def test_place_of_another_sector_is_refused_like_a_missing_one(scope, elsewhere):
    estate, _household, _request = elsewhere
    [answer] = apply_batch(scope, [new_request_item(estate.dwellings[0])])
    assert answer["status"] == REFUSED
    assert answer["reason"] == "place not found in the caretaker's sector"


def test_note_on_a_request_of_another_sector_is_refused(scope, elsewhere):
    _estate, _household, request = elsewhere
    [answer] = apply_batch(scope, [item("note", request=str(request.code), message="Vu.")])
    assert answer["status"] == REFUSED
    assert not request.events.filter(kind=EventKind.COMMENTED).exists()


def test_uuid_of_a_tenants_request_is_refused_without_showing_it(personas, scope):
    reused = new_request_item(personas.alice.lease.dwelling)
    reused = type(reused)(personas.alice_request.idempotency_key, reused.kind, reused.data)
    [answer] = apply_batch(scope, [reused])
    assert answer["status"] == REFUSED
    assert personas.alice_request.reference not in str(answer)


def test_note_on_a_request_that_moved_on_is_merged_as_an_event(personas, scope):
    request = personas.alice_request
    seen = request.status
    advance(request, Status.DONE, personas.officer)
    note = item("note", request=str(request.code), message="Fuite revue.", seen_status=seen)
    [answer] = apply_batch(scope, [note])
    request.refresh_from_db()
    assert answer["status"] == CREATED and answer["merged"] is True
    assert request.status == Status.DONE
    event = request.events.get(kind=EventKind.COMMENTED)
    assert event.data["seen_status"] == seen and event.public is False


def test_offline_edit_is_dated_when_it_was_made_not_when_it_arrived(personas, scope):
    from datetime import timedelta

    from django.utils import timezone

    made = timezone.now() - timedelta(hours=3)
    request = personas.alice_request
    apply_batch(scope, [item("observe", request=str(request.code), made_at=made)])
    assert request.events.get(kind=EventKind.OBSERVED).at == made


def test_observed_and_visit_are_events_that_keep_the_status(personas, scope):
    request = personas.bob_request
    apply_batch(
        scope,
        [
            item("observe", request=str(request.code), message="Fuite visible sous l'évier."),
            item("visit", request=str(request.code), message="Passé à 10 h, robinet coupé."),
        ],
    )
    request.refresh_from_db()
    assert request.status == Status.SUBMITTED
    kinds = set(request.events.values_list("kind", flat=True))
    assert {EventKind.OBSERVED, EventKind.VISITED} <= kinds


def test_visit_report_without_words_is_refused(personas, scope):
    [answer] = apply_batch(scope, [item("visit", request=str(personas.bob_request.code))])
    assert answer["status"] == REFUSED


def test_photo_follows_the_request_made_in_the_same_batch(personas, scope):
    made = new_request_item(personas.alice.lease.dwelling)
    photo = item(
        "photo", request_item=str(made.id), photo=base64.b64encode(jpeg(640, 480)).decode()
    )
    answers = apply_batch(scope, [made, photo])
    assert [a["status"] for a in answers] == [CREATED, CREATED]
    assert RepairRequest.objects.get(idempotency_key=made.id).photos.count() == 1


def test_photos_inside_a_new_request_are_kept(personas, scope):
    picture = base64.b64encode(jpeg(800, 600, gps=True)).decode()
    [answer] = apply_batch(
        scope, [new_request_item(personas.alice.lease.dwelling, photos=[picture, picture])]
    )
    assert RepairRequest.objects.get(code=answer["request"]).photos.count() == 2


def test_unreadable_photo_does_not_cost_the_request(personas, scope):
    [answer] = apply_batch(
        scope, [new_request_item(personas.alice.lease.dwelling, photos=["bm90IGEgcGhvdG8="])]
    )
    assert answer["status"] == CREATED and answer["photos"] == 0
    assert "photo" in answer["message"]


def test_round_check_is_recorded_for_the_building(personas, scope):
    building = personas.estate.building
    hall = personas.estate.common_areas["hall"]
    place = places.area_key(hall)
    check = item("round_check", building=building.code, place=place, point="lighting", ok=False)
    [answer] = apply_batch(scope, [check])
    assert answer["status"] == CREATED
    saved = RoundCheck.objects.get(uuid=check.id)
    assert (saved.building, saved.common_area, saved.ok) == (building, hall, False)


def test_unknown_kind_is_refused(scope):
    [answer] = apply_batch(scope, [item("teleport")])
    assert answer["status"] == REFUSED


def _queries_for(scope, dwelling, count: int) -> int:
    batch = [new_request_item(dwelling) for _ in range(count)]
    batch += [item("note", request_item=str(made.id), message="Vu.") for made in batch[:count]]
    with CaptureQueriesContext(connection) as queries:
        answers = apply_batch(scope, batch)
    assert {a["status"] for a in answers} == {CREATED}
    return len(queries)


def test_query_count_grows_at_most_linearly_with_the_batch(personas, scope):
    dwelling = personas.alice.lease.dwelling
    _queries_for(scope, dwelling, 2)  # warm the caches (catalogue, rules)
    small, medium, large = (_queries_for(scope, dwelling, n) for n in (5, 10, 20))
    per_item_small = (medium - small) / 5
    per_item_large = (large - medium) / 10
    assert per_item_large <= per_item_small + 0.5
    assert large <= 4 * small + 10


def test_unknown_uuid_format_is_not_a_crash(scope):
    [answer] = apply_batch(scope, [item("note", request="not-a-uuid", message="Vu.")])
    assert answer["status"] == REFUSED
    assert uuid.UUID(answer["id"])
