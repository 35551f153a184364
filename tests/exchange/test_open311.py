"""Open311 GeoReport v2: the rules one resource at a time (the live-server tests follow the
spec's examples over raw HTTP in tests/exchange/test_open311_live.py)."""

from __future__ import annotations

import json
from datetime import timedelta
from xml.etree import ElementTree as ET

import pytest
from django.utils import timezone

from agir.api import tokens
from agir.repairs.models import EventKind, Origin, RepairRequest
from tests.exchange.open311_world import build_open311_world

pytestmark = pytest.mark.django_db

BASE = "/open311/v2"


@pytest.fixture
def world(db):
    return build_open311_world()


def post(client, data: dict, fmt: str = "json", **headers):
    return client.post(f"{BASE}/requests.{fmt}", data, **headers)


def lift_report(world, **extra) -> dict:
    return {
        "api_key": world.key,
        "service_code": "LIFT-CAR-NOT_WORKING",
        "address_id": f"pc-{world.estate.common_areas['lift'].pk}",
        "description": "L'ascenseur est bloqué au 3e étage.",
        **extra,
    }


def test_services_are_the_common_areas_of_the_catalogue(client, world):
    services = client.get(f"{BASE}/services.json").json()

    codes = {s["service_code"] for s in services}
    assert "LIFT-CAR-NOT_WORKING" in codes
    assert "KIT-SINK-LEAK" not in codes  # a dwelling's: not public by default
    assert not any(code.startswith("GAS") for code in codes)
    lift = next(s for s in services if s["service_code"] == "LIFT-CAR-NOT_WORKING")
    assert set(lift) == {
        "service_code", "service_name", "description", "metadata", "type", "keywords", "group"
    }  # fmt: skip
    assert (lift["metadata"], lift["type"]) == (True, "realtime")


def test_dwelling_services_can_be_opened_by_a_setting(client, world, settings):
    settings.OPEN311_SCOPES = ["common", "dwelling"]

    codes = {s["service_code"] for s in client.get(f"{BASE}/services.json").json()}

    assert "KIT-SINK-LEAK" in codes


def test_a_definition_says_who_pays_then_what_may_be_added(client, world):
    definition = client.get(f"{BASE}/services/LIFT-CAR-NOT_WORKING.json").json()

    assert definition["service_code"] == "LIFT-CAR-NOT_WORKING"
    orders = [a["order"] for a in definition["attributes"]]
    assert orders == sorted(set(orders)) and orders[0] == 1
    who = definition["attributes"][0]
    assert (who["code"], who["variable"]) == ("WHO_PAYS", False)
    assert who["description"]
    assert definition["attributes"][-1]["code"] == "ACCESS"


def test_an_unknown_service_is_a_404_in_the_standard_format(client, world):
    response = client.get(f"{BASE}/services/NOPE.xml")

    assert response.status_code == 404
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    root = ET.fromstring(response.content)  # noqa: S314 (our own answer)
    assert root.tag == "errors"
    assert root.find("error/code").text == "404"
    assert root.find("error/description").text == "service_code not found"


def test_a_request_posted_with_a_key_is_recorded_through_the_lifecycle(client, world):
    response = post(client, lift_report(world, first_name="Jean", email="jean@ville.example"))

    assert response.status_code == 200
    [answer] = response.json()
    assert set(answer) == {"service_request_id", "service_notice", "account_id"}
    made = RepairRequest.objects.get(reference=answer["service_request_id"])
    assert (made.origin, made.common_area, made.status) == (
        Origin.API,
        world.estate.common_areas["lift"],
        "submitted",
    )
    note = made.events.get(kind=EventKind.COMMENTED)
    assert note.public is False and "jean@ville.example" in note.message


def test_the_key_may_come_in_a_header(client, world):
    data = lift_report(world)
    key = data.pop("api_key")

    assert post(client, data, HTTP_X_API_KEY=key).status_code == 200


def test_a_request_without_a_key_is_refused_with_403(client, world):
    data = lift_report(world)
    data.pop("api_key")

    response = post(client, data)

    assert response.status_code == 403
    assert response.json() == [
        {
            "code": 403,
            "description": "Invalid api_key received -- can't proceed with create_request.",
        }
    ]
    assert not RepairRequest.objects.filter(origin=Origin.API).exists()


def test_a_key_without_the_open311_scope_is_refused(client, world):
    key = tokens.issue("ERP", ["exchange:write"]).token

    assert post(client, lift_report(world, api_key=key)).status_code == 403


def test_a_key_in_the_query_string_is_refused_even_a_good_one(client, world):
    response = client.post(f"{BASE}/requests.json?api_key={world.key}", lift_report(world))

    assert response.status_code == 403
    assert "must not be sent in the URL" in response.json()[0]["description"]
    assert not RepairRequest.objects.filter(origin=Origin.API).exists()
    assert client.get(f"{BASE}/services.json?api_key={world.key}").status_code == 403


@pytest.mark.parametrize(
    ("change", "status"),
    [
        ({"service_code": ""}, 400),
        ({"service_code": "NOPE"}, 404),
        ({"address_id": ""}, 400),
        ({"address_id": "pc-0"}, 404),
        ({"description": "x" * 2001}, 400),
        ({"description": "<b>urgent</b>"}, 400),
    ],
)
def test_a_bad_request_is_refused_in_the_standard_format(client, world, change, status):
    response = post(client, lift_report(world, **change))

    assert response.status_code == status
    [error] = response.json()
    assert error["code"] == status and error["description"]


def test_lat_and_long_find_the_building_and_its_common_area(client, world):
    data = lift_report(world, lat="50.69001", long="3.18002")
    data.pop("address_id")

    [answer] = post(client, data).json()

    made = RepairRequest.objects.get(reference=answer["service_request_id"])
    assert made.common_area == world.estate.common_areas["lift"]


def test_a_common_area_of_another_kind_is_refused(client, world):
    hall = world.estate.common_areas["hall"]

    response = post(client, lift_report(world, address_id=f"pc-{hall.pk}"))

    assert response.status_code == 400


def test_public_answers_hold_no_personal_data(client, world):
    listed = client.get(f"{BASE}/requests.json").json()
    text = json.dumps(listed, ensure_ascii=False)

    tenant = world.household.holder
    assert tenant.last_name not in text and tenant.first_name not in text
    assert world.household.lease.dwelling.code not in text
    assert world.home_request.reference not in text  # a home's request is not public
    assert "Logement" not in text and "3e gauche" not in text
    assert {r["service_request_id"] for r in listed} == {
        world.lift_request.reference,
        world.hall_request.reference,
    }


def test_each_answer_says_who_pays_from_who_pays(client, world):
    from agir.catalogue.payer import who_pays_for_request

    [lift] = client.get(f"{BASE}/requests/{world.lift_request.reference}.json").json()

    assert lift["agency_responsible"] == who_pays_for_request(world.lift_request).payer_label


def test_requests_are_filtered_by_status_and_service(client, world):
    assert [
        r["service_request_id"] for r in client.get(f"{BASE}/requests.json?status=closed").json()
    ] == [world.hall_request.reference]
    by_code = client.get(f"{BASE}/requests.json?service_code=LIFT-CAR-NOT_WORKING").json()
    assert [r["service_request_id"] for r in by_code] == [world.lift_request.reference]


def test_service_request_id_overrides_the_other_filters(client, world):
    listed = client.get(
        f"{BASE}/requests.json?service_request_id={world.hall_request.reference}&status=open"
    ).json()

    assert [r["service_request_id"] for r in listed] == [world.hall_request.reference]


def test_dates_filter_and_may_not_span_more_than_90_days(client, world):
    now = timezone.now()
    old = (now - timedelta(days=30)).strftime("%Y-%m-%dT%H:%M:%SZ")
    before = (now - timedelta(days=10)).strftime("%Y-%m-%dT%H:%M:%SZ")
    far = (now - timedelta(days=200)).strftime("%Y-%m-%dT%H:%M:%SZ")

    assert client.get(f"{BASE}/requests.json?start_date={old}&end_date={before}").json() == []
    response = client.get(f"{BASE}/requests.json?start_date={far}&end_date={before}")
    assert response.status_code == 400
    assert client.get(f"{BASE}/requests.json?start_date=hier").status_code == 400


def test_an_empty_parameter_is_the_same_as_none(client, world):
    assert (
        client.get(f"{BASE}/requests.json?status=&service_code=&start_date=").json()
        == client.get(f"{BASE}/requests.json").json()
    )


def test_a_token_gives_back_the_request_id(client, world):
    token = str(world.lift_request.code)

    [answer] = client.get(f"{BASE}/tokens/{token}.json").json()

    assert answer == {"service_request_id": world.lift_request.reference, "token": token}
    assert client.get(f"{BASE}/tokens/{world.home_request.code}.json").status_code == 404


def test_another_jurisdiction_is_not_found(client, world):
    assert client.get(f"{BASE}/services.json?jurisdiction_id=ville.example").status_code == 404
    assert client.get(f"{BASE}/services.json?jurisdiction_id=val-de-lys.example").status_code == 200


def test_an_unknown_resource_answers_in_the_standard_format(client, world):
    response = client.get(f"{BASE}/nothing-here.json")

    assert response.status_code == 404
    assert response.json()[0]["code"] == 404


def test_discovery_names_the_endpoint_and_its_formats(client, world):
    document = client.get("/open311/discovery.json").json()

    [endpoint] = document["endpoints"]
    assert endpoint["specification"] == "http://wiki.open311.org/GeoReport_v2"
    assert endpoint["url"].endswith("/open311/v2")
    assert endpoint["formats"] == ["text/xml", "application/json"]
    assert {"changeset", "contact", "key_service"} <= set(document)
