"""Submitting under load: unique references, and idempotency keys that hold."""

import threading
import uuid

import pytest
from django.db import close_old_connections, connection, transaction

from agir.repairs import lifecycle
from agir.repairs.lifecycle import Actor
from agir.repairs.models import RepairRequest, RequestEvent
from tests.builders import build_estate, build_household, new_request, submitted_request

SUBMITTERS = 200


def run_at_once(count: int, work) -> list:
    """Start `count` threads that each call work(i) at the same moment; return their results."""
    barrier = threading.Barrier(count)
    results: list = [None] * count

    def run(index: int) -> None:
        try:
            barrier.wait()
            results[index] = work(index)
        except Exception as error:  # kept and asserted on by the test
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    close_old_connections()
    return results


@pytest.mark.slow
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_200_concurrent_submissions_get_200_distinct_references():
    estate = build_estate(entrances=4, floors=5, per_floor=10)
    households = [
        build_household(d, occupants=1, with_account=False) for d in estate.dwellings[:SUBMITTERS]
    ]
    actor = Actor.system("test")

    def submit(index: int):
        return lifecycle.submit_new(new_request(households[index]), actor=actor).request.reference

    results = run_at_once(SUBMITTERS, submit)

    errors = [r for r in results if isinstance(r, Exception)]
    assert errors == []
    assert len(set(results)) == SUBMITTERS
    assert RepairRequest.objects.count() == SUBMITTERS
    assert RequestEvent.objects.count() == SUBMITTERS


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_same_key_submitted_concurrently_makes_one_request():
    estate = build_estate()
    household = build_household(estate.dwellings[0], with_account=False)
    key = uuid.uuid4()
    actor = Actor.system("test")

    results = run_at_once(
        20, lambda i: lifecycle.submit_new(new_request(household, key=key), actor=actor)
    )

    assert not [r for r in results if isinstance(r, Exception)]
    assert RepairRequest.objects.count() == 1
    assert sum(r.created for r in results) == 1
    assert {r.request.pk for r in results} == {RepairRequest.objects.get().pk}


def test_same_key_twice_gives_one_request_and_points_at_the_first(household):
    key = uuid.uuid4()
    actor = Actor.system("test")
    first = lifecycle.submit_new(new_request(household, key=key), actor=actor)
    second = lifecycle.submit_new(
        new_request(household, key=key, description="Une autre description"), actor=actor
    )

    assert first.created and not second.created
    assert second.request.pk == first.request.pk
    assert second.request.reference == first.request.reference
    assert RepairRequest.objects.count() == 1
    assert RequestEvent.objects.count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_submission_does_not_wait_for_another_still_writing_its_photos():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite lets one writer in at a time: the second always waits for the first")
    estate = build_estate()
    first_home, second_home = (
        build_household(d, occupants=1, with_account=False) for d in estate.dwellings[:2]
    )
    actor = Actor.system("test")
    numbered, photos_written = threading.Event(), threading.Event()
    first: list = []

    def wizard_writing_photos() -> None:
        with transaction.atomic():
            first.append(lifecycle.submit_new(new_request(first_home), actor=actor).request)
            numbered.set()
            photos_written.wait(30)  # the guided entry writes its photo files here
        connection.close()

    slow = threading.Thread(target=wizard_writing_photos)
    slow.start()
    numbered.wait(30)
    try:
        with connection.cursor() as cursor:
            # Waiting for the first submission's transaction would be an error here.
            cursor.execute("SET lock_timeout = '2s'")
        second = lifecycle.submit_new(new_request(second_home), actor=actor).request
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET lock_timeout")
        photos_written.set()
        slow.join(30)

    assert second.reference and first[0].reference
    assert second.reference != first[0].reference


@pytest.mark.django_db
def test_a_years_numbers_follow_the_highest_reference_it_already_has(household):
    imported = submitted_request(household)
    year = imported.submitted_at.year + 3
    RepairRequest.objects.filter(pk=imported.pk).update(reference=f"{year}-000041")
    when = imported.submitted_at.replace(year=year)

    later = lifecycle.submit_new(
        new_request(household), actor=Actor.system("test"), at=when
    ).request

    assert later.reference == f"{year}-000042"
