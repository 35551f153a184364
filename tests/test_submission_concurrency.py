"""Submitting under load: unique references, and idempotency keys that hold."""

import threading
import uuid

import pytest
from django.db import close_old_connections, connection

from agir.repairs import lifecycle
from agir.repairs.lifecycle import Actor
from agir.repairs.models import RepairRequest, RequestEvent
from tests.builders import build_estate, build_household, new_request

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
