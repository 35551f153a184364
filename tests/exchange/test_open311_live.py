"""Open311 GeoReport v2 over raw HTTP against the live server, in XML and JSON, following the
specification's examples: discovery, services, a definition, posting a request, getting it
back by id and by token, filtering by status and dates; errors in the standard format; no key,
no request; no personal data in public answers."""

from __future__ import annotations

import http.client
import json
import urllib.parse
from datetime import timedelta
from xml.etree import ElementTree as ET

import pytest
from django.utils import timezone

from tests.exchange.open311_world import build_open311_world

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


class Raw:
    """HTTP/1.1 by hand: what goes on the wire is what the test wrote."""

    def __init__(self, base_url: str) -> None:
        parsed = urllib.parse.urlparse(base_url)
        self.host, self.port = parsed.hostname, parsed.port

    def ask(self, method: str, path: str, body: str | None = None, headers: dict | None = None):
        connection = http.client.HTTPConnection(self.host, self.port, timeout=30)
        sent = {"Host": f"{self.host}:{self.port}", **(headers or {})}
        connection.request(method, path, body=body.encode() if body else None, headers=sent)
        answer = connection.getresponse()
        content = answer.read()
        connection.close()
        return answer.status, dict(answer.getheaders()), content


def form(fields: list[tuple[str, str]]) -> tuple[str, dict]:
    return urllib.parse.urlencode(fields), {
        "Content-Type": "application/x-www-form-urlencoded; charset=utf-8"
    }


def xml(content: bytes) -> ET.Element:
    assert content.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
    root = ET.fromstring(content)  # noqa: S314 (our own answer)
    assert "}" not in root.tag  # no namespace
    return root


def test_a_client_follows_the_specification_in_xml_and_json(live_server):
    world = build_open311_world()
    raw = Raw(live_server.url)
    jurisdiction = "jurisdiction_id=val-de-lys.example"

    # Service discovery, both formats.
    status, headers, body = raw.ask("GET", "/open311/discovery.xml")
    assert (status, headers["Content-Type"]) == (200, "text/xml; charset=utf-8")
    assert xml(body).find("endpoints/endpoint/specification").text == (
        "http://wiki.open311.org/GeoReport_v2"
    )
    status, headers, body = raw.ask("GET", "/open311/discovery.json")
    assert headers["Content-Type"] == "application/json; charset=utf-8"
    assert json.loads(body)["endpoints"][0]["formats"] == ["text/xml", "application/json"]

    # GET Service List: <services><service>…; JSON an array of the same.
    status, headers, body = raw.ask("GET", f"/open311/v2/services.xml?{jurisdiction}")
    services = xml(body)
    assert services.tag == "services"
    lift = next(s for s in services if s.find("service_code").text == "LIFT-CAR-NOT_WORKING")
    assert lift.find("metadata").text == "true"
    assert lift.find("type").text == "realtime"
    status, _headers, body = raw.ask("GET", "/open311/v2/services.json")
    assert len(json.loads(body)) == len(services)

    # GET Service Definition.
    status, _headers, body = raw.ask("GET", "/open311/v2/services/LIFT-CAR-NOT_WORKING.xml")
    definition = xml(body)
    assert definition.tag == "service_definition"
    orders = [int(a.find("order").text) for a in definition.findall("attributes/attribute")]
    assert orders == list(range(1, len(orders) + 1))

    # POST Service Request, as the spec's example body.
    body, headers = form(
        [
            ("api_key", world.key),
            ("jurisdiction_id", "val-de-lys.example"),
            ("service_code", "LIFT-CAR-NOT_WORKING"),
            ("lat", "50.69001"),
            ("long", "3.18002"),
            ("address_string", world.estate.building.street_address),
            ("email", "jean.dupont@ville.example"),
            ("device_id", "tt222111"),
            ("account_id", "123456"),
            ("first_name", "Jean"),
            ("last_name", "Dupont"),
            ("phone", "0320000000"),
            ("description", "L'ascenseur s'arrête entre deux étages.\nPersonne n'est bloqué."),
            ("media_url", "https://ville.example/photos/ascenseur.jpg"),
            ("attribute[ACCESS]", "Code porte 1234"),
        ]
    )
    status, _headers, answer = raw.ask("POST", "/open311/v2/requests.xml", body, headers)
    assert status == 200, answer
    posted = xml(answer)
    assert posted.tag == "service_requests"
    [request] = posted.findall("request")
    new_id = request.find("service_request_id").text
    assert request.find("token") is None  # an id or a token, never both

    # GET Service Request: one request in a list, in both formats.
    status, _headers, answer = raw.ask("GET", f"/open311/v2/requests/{new_id}.json")
    [got] = json.loads(answer)
    assert (got["service_request_id"], got["status"], got["service_code"]) == (
        new_id,
        "open",
        "LIFT-CAR-NOT_WORKING",
    )
    assert got["requested_datetime"].endswith(("+01:00", "+02:00", "Z"))
    status, _headers, answer = raw.ask("GET", f"/open311/v2/requests/{new_id}.xml")
    assert xml(answer).find("request/service_request_id").text == new_id

    # GET service_request_id from a token.
    from agir.repairs.models import RepairRequest

    token = str(RepairRequest.objects.get(reference=new_id).code)
    status, _headers, answer = raw.ask("GET", f"/open311/v2/tokens/{token}.xml")
    assert xml(answer).find("request/service_request_id").text == new_id

    # GET Service Requests, by status and dates.
    start = (timezone.now() - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    end = (timezone.now() + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    status, _headers, answer = raw.ask(
        "GET", f"/open311/v2/requests.xml?status=open&start_date={start}&end_date={end}"
    )
    open_ids = {r.find("service_request_id").text for r in xml(answer).findall("request")}
    assert open_ids == {new_id, world.lift_request.reference}
    status, _headers, answer = raw.ask("GET", "/open311/v2/requests.json?status=closed")
    assert [r["service_request_id"] for r in json.loads(answer)] == [world.hall_request.reference]

    # No personal data in any public answer.
    status, _headers, everything = raw.ask("GET", "/open311/v2/requests.xml")
    text = everything.decode()
    for private in ("Jean", "Dupont", "jean.dupont", "0320000000", "Code porte", "123456",
                    world.household.holder.last_name, world.household.lease.dwelling.code,
                    world.home_request.reference, "Personne n'est bloqué"):  # fmt: skip
        assert private not in text, private


def test_errors_come_in_the_standard_format_and_no_key_no_request(live_server):
    world = build_open311_world()
    raw = Raw(live_server.url)

    body, headers = form(
        [
            ("service_code", "LIFT-CAR-NOT_WORKING"),
            ("address_id", f"pc-{world.estate.common_areas['lift'].pk}"),
        ]
    )
    status, _headers, answer = raw.ask("POST", "/open311/v2/requests.xml", body, headers)
    assert status == 403
    error = xml(answer).find("error")
    assert error.find("code").text == "403"
    assert "api_key" in error.find("description").text

    status, _headers, answer = raw.ask("POST", "/open311/v2/requests.json", body, headers)
    assert status == 403
    assert json.loads(answer)[0]["code"] == 403

    status, _headers, answer = raw.ask(
        "POST", f"/open311/v2/requests.json?api_key={world.key}", body, headers
    )
    assert status == 403

    status, _headers, answer = raw.ask("GET", "/open311/v2/requests/2099-999999.json")
    assert (status, json.loads(answer)[0]["code"]) == (404, 404)

    status, _headers, answer = raw.ask("GET", "/open311/v2/requests.xml?status=pending")
    assert (status, xml(answer).find("error/code").text) == (400, "400")

    from agir.repairs.models import Origin, RepairRequest

    assert not RepairRequest.objects.filter(origin=Origin.API).exists()
