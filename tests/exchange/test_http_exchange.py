"""The exchange over HTTP: the ERP posts its files to the inbox and fetches the batches."""

from __future__ import annotations

import pytest

from agir.api import tokens
from agir.exchange import export as exporter
from agir.exchange import service
from agir.repairs.models import Status
from tests.exchange.helpers import csv_text, inbox_names

pytestmark = pytest.mark.django_db

STATUS = ["id", "request", "status", "at"]


@pytest.fixture
def erp_token(db) -> str:
    return tokens.issue("ERP", ["exchange:write"]).token


def auth(token: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def post_file(client, name: str, body: str, token: str):
    return client.post(f"/api/exchange/inbox/{name}", body, content_type="text/csv", **auth(token))


def test_a_posted_file_waits_in_the_inbox_and_the_next_run_applies_it(client, personas, erp_token):
    body = csv_text(STATUS, [["C1", personas.alice_request.reference, "acknowledged", ""]])

    response = post_file(client, "status-v1-1.csv", body, erp_token)

    assert response.status_code == 202
    assert response.json()["state"] == "queued"
    assert inbox_names() == ["status-v1-1.csv"]
    service.run_import()
    personas.alice_request.refresh_from_db()
    assert personas.alice_request.status == Status.ACKNOWLEDGED


def test_a_file_already_applied_is_said_so(client, personas, erp_token):
    body = csv_text(STATUS, [["C1", personas.alice_request.reference, "acknowledged", ""]])
    post_file(client, "status-v1-1.csv", body, erp_token)
    service.run_import()

    response = post_file(client, "status-v1-2.csv", body, erp_token)

    assert (response.status_code, response.json()["state"]) == (200, "already applied")
    assert inbox_names() == []


def test_a_badly_named_file_is_refused_in_english(client, erp_token):
    response = post_file(client, "statuses.csv", "id\n", erp_token)

    assert response.status_code == 400
    assert "does not follow the pattern" in response.json()["error"]


def test_another_file_under_a_waiting_name_is_a_conflict(client, erp_token):
    post_file(client, "status-v1-1.csv", "id,request,status\n", erp_token)

    response = post_file(client, "status-v1-1.csv", "id,request,status,at\n", erp_token)

    assert response.status_code == 409


def test_without_the_exchange_scope_nothing_is_dropped(client):
    token = tokens.issue("Partner", ["requests:read"]).token

    response = post_file(client, "status-v1-1.csv", "id\n", token)

    assert response.status_code == 403
    assert inbox_names() == []


def test_the_erp_fetches_the_batches_over_http(client, personas, erp_token):
    exporter.export()

    listing = client.get("/api/exchange/outbox", **auth(erp_token)).json()
    names = [entry["name"] for entry in listing]
    assert "agir-000001.manifest.json" in names
    response = client.get("/api/exchange/outbox/agir-000001.jsonl", **auth(erp_token))
    assert response["Content-Type"].startswith("application/x-ndjson")
    assert personas.alice_request.reference.encode() in b"".join(response.streaming_content)


def test_only_export_files_can_be_fetched(client, erp_token):
    response = client.get("/api/exchange/outbox/..%2F.lock", **auth(erp_token))
    assert response.status_code == 404


def test_the_erp_sees_the_last_runs(client, personas, erp_token):
    service.run_export()

    [run] = client.get("/api/exchange/runs", **auth(erp_token)).json()
    assert (run["kind"], run["outcome"], run["counts"]["events"]) == ("export", "ok", 3)
