"""Cost of submitting through the lifecycle, against bare inserts in the same database."""

import time
import uuid

from _setup import django_with_fresh_database

COUNT = 500


def main() -> None:
    django_with_fresh_database()
    from django.db import transaction

    from agir.core.models import WorkerHeartbeat
    from agir.repairs import lifecycle
    from agir.repairs.lifecycle import Actor
    from tests.builders import build_estate, build_household, new_request

    estate = build_estate(entrances=4, floors=5, per_floor=5)
    households = [build_household(d, occupants=1, with_account=False) for d in estate.dwellings]

    started = time.perf_counter()
    for i in range(COUNT):
        with transaction.atomic():
            WorkerHeartbeat.objects.create(name=f"bench-{i}", beat_at="2026-01-01T00:00Z")
    baseline = time.perf_counter() - started

    actor = Actor.system("bench")
    started = time.perf_counter()
    for i in range(COUNT):
        household = households[i % len(households)]
        lifecycle.submit_new(new_request(household, key=uuid.uuid4()), actor=actor)
    elapsed = time.perf_counter() - started

    print(f"{COUNT} bare inserts (baseline): {baseline:.2f} s")
    print(
        f"{COUNT} submissions: {elapsed:.2f} s = {elapsed / baseline:.1f} x baseline, "
        f"{COUNT / elapsed:.0f} a second"
    )


if __name__ == "__main__":
    main()
