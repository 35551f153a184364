"""One caretaker sync of 500 queued items (POST /api/rounds/sync through Django's test client),
against bare inserts in the same database. Then the same batch again: all «already_had»."""

import json
import time
import uuid

from _setup import django_with_fresh_database

COUNT = 500
PROMISE_SECONDS = 10.0


def main() -> None:
    django_with_fresh_database()
    from django.db import transaction
    from django.test import Client

    from agir.core.models import WorkerHeartbeat
    from agir.rounds import places
    from tests.builders import build_caretaker, build_estate, build_household

    estate = build_estate(entrances=4, floors=5, per_floor=5)
    for dwelling in estate.dwellings:
        build_household(dwelling, occupants=1, with_account=False)
    caretaker = build_caretaker(estate.sector)
    client = Client(SERVER_NAME="localhost")
    client.force_login(caretaker.user)
    entries = ["KIT-SINK-LEAK", "LIV-WINDOW-STUCK", "LIV-SHUTTER-BROKEN", "KIT-TAP-LEAK"]
    batch = {
        "items": [
            {
                "id": str(uuid.uuid4()),
                "kind": "new_request",
                "made_at": "2026-03-02T09:15:00+01:00",
                "data": {
                    "place": places.dwelling_key(estate.dwellings[i % len(estate.dwellings)]),
                    "entry": entries[i % len(entries)],
                    "description": "Vu pendant la tournée.",
                },
            }
            for i in range(COUNT)
        ]
    }
    body = json.dumps(batch)

    started = time.perf_counter()
    for i in range(COUNT):
        with transaction.atomic():
            WorkerHeartbeat.objects.create(name=f"bench-{i}", beat_at="2026-01-01T00:00Z")
    baseline = time.perf_counter() - started

    started = time.perf_counter()
    first = client.post("/api/rounds/sync", body, content_type="application/json")
    elapsed = time.perf_counter() - started
    statuses = {r["status"] for r in first.json()["results"]}
    assert first.status_code == 200 and statuses == {"created"}, (first.status_code, statuses)

    started = time.perf_counter()
    again = client.post("/api/rounds/sync", body, content_type="application/json")
    replay = time.perf_counter() - started
    assert {r["status"] for r in again.json()["results"]} == {"already_had"}

    print(f"{COUNT} bare inserts (baseline): {baseline:.2f} s")
    print(
        f"sync of {COUNT} new requests: {elapsed:.2f} s = {elapsed / baseline:.1f} x baseline "
        f"({'within' if elapsed < PROMISE_SECONDS else 'OVER'} the {PROMISE_SECONDS:.0f} s promise)"
    )
    ratio = replay / baseline
    print(f"the same batch again (all already_had): {replay:.2f} s = {ratio:.1f} x baseline")


if __name__ == "__main__":
    main()
