"""The JSON API for integrations: requests, their public history, the event feed and the
estate, through HTTP, each with the token and scope it needs and nothing personal."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from agir.api import tokens
from agir.repairs import lifecycle
from agir.repairs.lifecycle import Actor
from agir.repairs.models import RepairRequest, RequestEvent
from tests.builders import build_estate, build_household, request_copies, submitted_request

pytestmark = pytest.mark.django_db

REQUEST_URLS = [
    "/api/requests/",
    "/api/requests/{ref}",
    "/api/requests/{ref}/events",
    "/api/events/",
]
ESTATE_URLS = [
    "/api/estate/sites",
    "/api/estate/sites/{site}",
    "/api/estate/buildings",
    "/api/estate/buildings/{building}",
    "/api/estate/dwellings",
    "/api/estate/dwellings/{dwelling}",
]


def token_with(*scopes: str) -> dict[str, str]:
    client = tokens.issue(f"ERP {uuid.uuid4().hex[:8]}", list(scopes))
    return {"HTTP_AUTHORIZATION": f"Bearer {client.token}"}


def url(template: str, personas) -> str:
    estate = personas.estate
    return template.format(
        ref=personas.alice_request.reference,
        site=estate.site.code,
        building=estate.building.code,
        dwelling=personas.alice.lease.dwelling.code,
    )


def settle() -> None:
    """The feed holds back the last few seconds: make every event older."""
    RequestEvent.objects.update(at=timezone.now() - timedelta(minutes=1))


@pytest.mark.parametrize("template", REQUEST_URLS)
def test_requests_need_the_requests_read_scope(client, personas, template):
    address = url(template, personas)

    assert client.get(address).status_code == 401
    refused = client.get(address, **token_with("estate:read"))
    assert refused.status_code == 403
    assert refused.json() == {"error": "This token does not have the scope 'requests:read'."}
    assert client.get(address, **token_with("requests:read")).status_code == 200


@pytest.mark.parametrize("template", ESTATE_URLS)
def test_the_estate_needs_the_estate_read_scope(client, personas, template):
    address = url(template, personas)

    assert client.get(address).status_code == 401
    assert client.get(address, **token_with("requests:read")).status_code == 403
    assert client.get(address, **token_with("estate:read")).status_code == 200


def test_a_request_is_found_by_reference_with_its_place_and_no_personal_data(client, personas):
    request = personas.alice_request
    request.access_notes = "Digicode 4521B"
    request.save(update_fields=["access_notes"])

    answer = client.get(f"/api/requests/{request.reference}", **token_with("requests:read"))

    body = answer.json()
    assert body["reference"] == request.reference
    assert body["dwelling"] == personas.alice.lease.dwelling.code
    assert body["building"] == personas.estate.building.code
    assert body["status"] == request.status
    text = answer.content.decode()
    for tenant in personas.alice.tenants:
        assert tenant.last_name not in text
        assert tenant.email not in text or not tenant.email
    assert "4521B" not in text
    assert "code" not in body  # the tenant's private link stays private


def test_an_unknown_reference_is_a_404_in_english(client, personas):
    answer = client.get("/api/requests/2099-999999", **token_with("requests:read"))

    assert answer.status_code == 404
    assert answer.json() == {"error": "No request has this reference."}


def test_the_list_is_filtered_and_paged_by_keyset(client, personas):
    token = token_with("requests:read")
    references = set(
        RepairRequest.objects.filter(reference__isnull=False).values_list("reference", flat=True)
    )
    seen, after = [], ""
    while True:
        page = client.get(f"/api/requests/?limit=2&after={after}", **token).json()
        seen += [item["reference"] for item in page["items"]]
        if page["next"] is None:
            break
        after = page["next"]
    assert sorted(seen) == sorted(references) and len(seen) == len(references)

    submitted = client.get("/api/requests/?status=submitted", **token).json()["items"]
    assert submitted and {item["status"] for item in submitted} == {"submitted"}
    elsewhere = client.get("/api/requests/?building=NOWHERE", **token).json()
    assert elsewhere == {"items": [], "next": None}


def test_a_new_request_shows_up_after_the_last_page_without_shifting_it(client, personas):
    token = token_with("requests:read")
    first = client.get("/api/requests/?limit=1", **token).json()

    submitted_request(build_household(personas.estate.dwellings[-1]))

    rest = []
    after = first["next"]
    while after:
        page = client.get(f"/api/requests/?limit=50&after={after}", **token).json()
        rest += [item["reference"] for item in page["items"]]
        after = page["next"]
    assert first["items"][0]["reference"] not in rest
    assert RepairRequest.objects.order_by("-pk").first().reference == rest[-1]


@pytest.mark.parametrize(
    "query",
    [
        "after=abc",
        "after=-1",
        "limit=0",
        "limit=201",
        "updated_since=hier",
        "updated_since=0.5",
        "stauts=done",
    ],
)
def test_bad_parameters_are_refused_in_english(client, personas, query):
    answer = client.get(f"/api/requests/?{query}", **token_with("requests:read"))

    assert answer.status_code == 400
    assert answer.json()["error"].startswith("Parameter '")


def test_a_requests_history_holds_only_its_public_events(client, personas):
    request = personas.alice_request
    lifecycle.comment(
        request, actor=Actor.of(personas.officer), message="Note interne.", public=False
    )
    lifecycle.comment(request, actor=Actor.of(personas.officer), message="Nous passons jeudi.")

    events = client.get(
        f"/api/requests/{request.reference}/events", **token_with("requests:read")
    ).json()

    messages = [event["message"] for event in events]
    assert "Nous passons jeudi." in messages
    assert "Note interne." not in messages
    assert all(event["request"] == request.reference for event in events)
    assert all(event["kind"] != "created" for event in events)


def test_the_event_feed_gives_what_happened_since_the_cursor(client, personas):
    token = token_with("requests:read")
    settle()
    start = client.get("/api/events/?limit=200", **token).json()
    lifecycle.comment(
        personas.alice_request, actor=Actor.of(personas.officer), message="Nous passons jeudi."
    )
    settle()

    since = client.get(f"/api/events/?after={start['next']}", **token).json()

    assert [event["message"] for event in since["items"]] == ["Nous passons jeudi."]
    assert int(since["next"]) > int(start["next"])
    again = client.get(f"/api/events/?after={since['next']}", **token).json()
    assert again == {"items": [], "next": since["next"]}


def test_the_feed_waits_for_the_last_seconds_to_settle(client, personas):
    token = token_with("requests:read")
    settle()
    start = client.get("/api/events/?limit=200", **token).json()
    lifecycle.comment(
        personas.alice_request, actor=Actor.of(personas.officer), message="À l'instant."
    )

    now = client.get(f"/api/events/?after={start['next']}", **token).json()

    assert now == {"items": [], "next": start["next"]}


def test_the_estate_is_looked_up_by_code_without_who_lives_there(client, personas):
    token = token_with("estate:read")
    dwelling = personas.alice.lease.dwelling

    answer = client.get(f"/api/estate/dwellings/{dwelling.code}", **token)

    assert answer.json() == {
        "code": dwelling.code,
        "site": personas.estate.site.code,
        "building": personas.estate.building.code,
        "entrance": dwelling.entrance.code,
        "number": dwelling.number,
        "floor": dwelling.floor,
        "type": dwelling.dwelling_type,
        "surface": float(dwelling.surface),
    }
    building = client.get(f"/api/estate/buildings/{personas.estate.building.code}", **token).json()
    assert {area["kind"] for area in building["common_areas"]} >= {"lift", "hall"}
    assert [e["code"] for e in building["entrances"]] == [
        e.code for e in sorted(personas.estate.entrances, key=lambda e: e.code)
    ]
    assert client.get("/api/estate/dwellings/NOPE", **token).json() == {
        "error": "No dwelling has this code."
    }


def test_dwellings_are_filtered_by_building_and_paged(client, personas):
    token = token_with("estate:read")
    building = personas.estate.building.code
    codes, after = [], ""
    while True:
        page = client.get(
            f"/api/estate/dwellings?building={building}&limit=3&after={after}", **token
        )
        codes += [item["code"] for item in page.json()["items"]]
        after = page.json()["next"]
        if after is None:
            break
    assert sorted(codes) == sorted(d.code for d in personas.estate.dwellings)


def _queries(client, address: str, token: dict) -> int:
    client.get(address, **token)  # the token's first use of the day is recorded once
    with CaptureQueriesContext(connection) as queries:
        assert client.get(address, **token).status_code == 200
    return len(queries)


def test_a_page_of_requests_costs_the_same_queries_for_10_or_200(client, personas):
    token = token_with("requests:read")
    alice = personas.alice_request
    request_copies(alice, 10, status=alice.status)
    few = _queries(client, "/api/requests/?limit=10", token)
    request_copies(alice, 200, status=alice.status)

    assert _queries(client, "/api/requests/?limit=200", token) == few


def test_a_page_of_dwellings_costs_the_same_queries_for_10_or_200(client, personas):
    token = token_with("estate:read")
    few = _queries(client, "/api/estate/dwellings?limit=10", token)
    for _ in range(17):
        build_estate()

    assert _queries(client, "/api/estate/dwellings?limit=200", token) == few
