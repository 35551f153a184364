"""POST /api/rounds/sync over HTTP: described in the OpenAPI schema, replay-safe, sector-bound."""

from __future__ import annotations

import uuid

from django.urls import reverse

from agir.repairs.models import RepairRequest
from agir.rounds import places

SYNC = "/api/rounds/sync"


def _batch(personas) -> dict:
    return {
        "items": [
            {
                "id": str(uuid.uuid4()),
                "kind": "new_request",
                "made_at": "2026-03-02T09:15:00+01:00",
                "data": {"place": places.dwelling_key(dwelling), "entry": "KIT-SINK-LEAK"},
            }
            for dwelling in personas.estate.dwellings[:3]
        ]
    }


def test_sync_is_described_in_the_openapi_schema(client, db):
    schema = client.get("/api/openapi.json").json()
    operation = schema["paths"][SYNC]["post"]
    assert "SyncIn" in str(operation["requestBody"]) and "SyncOut" in str(operation["responses"])


def test_same_batch_sent_three_times_over_http_makes_three_requests(personas):
    client = personas.client_for(personas.caretaker.user)
    batch = _batch(personas)
    before = RepairRequest.objects.count()
    answers = [client.post(SYNC, batch, content_type="application/json") for _ in range(3)]
    assert [a.status_code for a in answers] == [200, 200, 200]
    assert RepairRequest.objects.count() == before + 3
    first, _, third = (a.json()["results"] for a in answers)
    assert [r["status"] for r in first] == ["created"] * 3
    assert [r["status"] for r in third] == ["already_had"] * 3
    assert [r["reference"] for r in third] == [r["reference"] for r in first]


def test_sync_needs_a_signed_in_caretaker(client, personas):
    assert client.post(SYNC, _batch(personas), content_type="application/json").status_code == 401
    tenant = personas.client_for(personas.alice_user)
    answer = tenant.post(SYNC, _batch(personas), content_type="application/json")
    assert answer.status_code == 404


def test_malformed_batch_is_a_400_not_a_500(personas):
    client = personas.client_for(personas.caretaker.user)
    answer = client.post(SYNC, {"items": [{"id": "x"}]}, content_type="application/json")
    assert answer.status_code in (400, 422)


def test_sync_answers_through_the_csrf_check_with_the_pages_token(personas):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(personas.caretaker.user)
    page = client.get(reverse("rounds:home")).content.decode()
    token = page.split('name="csrf-token" content="', 1)[1].split('"', 1)[0]
    refused = client.post(SYNC, _batch(personas), content_type="application/json")
    assert refused.status_code == 403
    answer = client.post(
        SYNC, _batch(personas), content_type="application/json", headers={"X-CSRFToken": token}
    )
    assert answer.status_code == 200
