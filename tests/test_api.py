"""The JSON API's frame: one schema, local documentation under a strict policy, per-client
tokens with scopes, English JSON errors."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command

from agir.api import tokens
from agir.api.models import ApiClient
from tests.builders import build_staff
from tests.staff_sign_in import sign_in

pytestmark = pytest.mark.django_db


def bearer(token: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def test_the_schema_is_openapi_3_and_lists_every_registered_router(client):
    response = client.get("/api/openapi.json")

    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert {"/api/catalogue/suggest", "/api/clients/me"} <= set(schema["paths"])
    assert schema["components"]["securitySchemes"]


def test_every_documented_error_has_the_error_body_schema(client):
    schema = client.get("/api/openapi.json").json()
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            for status, answer in operation["responses"].items():
                if int(status) >= 400:
                    ref = answer["content"]["application/json"]["schema"]["$ref"]
                    assert ref.endswith("/ErrorOut"), (method, path, status)


def test_the_docs_page_loads_only_local_files_under_a_strict_policy(client):
    response = client.get("/api/docs")

    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert "default-src 'none'" in policy
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    html = response.content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sources
    assert all(source.startswith("/static/") for source in sources), sources
    assert "cdn" not in html.lower()


def test_api_root_leads_to_the_docs(client):
    response = client.get("/api/")
    assert response.status_code == 302
    assert response["Location"] == "docs"


def test_without_a_token_a_protected_operation_answers_401_in_english(client):
    response = client.get("/api/clients/me")

    assert response.status_code == 401
    assert response.json() == {
        "error": "Authentication required: send 'Authorization: Bearer <token>'."
    }
    assert response["WWW-Authenticate"] == "Bearer"


def test_a_wrong_token_answers_401(client):
    issued = tokens.issue("ERP", ["requests:read"])
    forged = issued.token[:-4] + "AAAA"

    assert client.get("/api/clients/me", **bearer(forged)).status_code == 401
    assert client.get("/api/clients/me", **bearer("agir_nope_x")).status_code == 401


def test_a_good_token_names_its_client_and_scopes(client):
    issued = tokens.issue("ERP", ["requests:read", "estate:read"])

    response = client.get("/api/clients/me", **bearer(issued.token))

    assert response.status_code == 200
    assert response.json() == {"name": "ERP", "scopes": ["estate:read", "requests:read"]}
    issued.client.refresh_from_db()
    assert issued.client.last_used_at is not None


def test_only_a_hash_of_the_token_is_kept(client):
    issued = tokens.issue("ERP", [])

    row = ApiClient.objects.get(pk=issued.client.pk)
    assert issued.token not in str(row.__dict__.values())
    assert row.token_prefix in issued.token


def test_a_revoked_token_answers_401(client):
    issued = tokens.issue("ERP", ["requests:read"])
    tokens.revoke(issued.client)

    assert client.get("/api/clients/me", **bearer(issued.token)).status_code == 401


def test_a_rotated_token_replaces_the_old_one(client):
    old = tokens.issue("ERP", ["requests:read"])
    new = tokens.rotate(old.client)

    assert client.get("/api/clients/me", **bearer(old.token)).status_code == 401
    assert client.get("/api/clients/me", **bearer(new.token)).status_code == 200


def test_a_token_without_the_scope_is_refused_with_403():
    from django.test import RequestFactory
    from ninja.errors import AuthorizationError

    from agir.api.auth import scoped

    issued = tokens.issue("ERP", ["requests:read"])
    request = RequestFactory().get("/api/estate/buildings", **bearer(issued.token))

    with pytest.raises(AuthorizationError) as refused:
        scoped("estate:read")(request)
    assert refused.value.status_code == 403
    assert str(refused.value) == "This token does not have the scope 'estate:read'."


def test_an_unknown_api_url_answers_404_in_json(client):
    response = client.get("/api/no-such-thing")

    assert response.status_code == 404
    assert response.json() == {"error": "Not found."}


def test_a_wrong_method_answers_405_in_json_with_allow(client):
    response = client.post("/api/catalogue/suggest")

    assert response.status_code == 405
    assert response.json() == {"error": "Method not allowed."}
    assert "GET" in response["Allow"]


def test_a_manager_makes_a_client_in_the_admin_and_sees_its_token_once(client):
    manager = build_staff("manager")
    manager.is_staff = manager.is_superuser = True
    manager.save()
    sign_in(client, manager)

    response = client.post(
        "/admin/api/apiclient/add/",
        {"name": "Portail de la ville", "contact": "dsi@ville.example", "scopes": ["open311"]},
    )

    assert response.status_code == 200
    token = re.search(r'<code id="api-token">([^<]+)</code>', response.content.decode()).group(1)
    made = ApiClient.objects.get(name="Portail de la ville")
    assert made.scopes == ["open311"]
    assert made.created_by == manager
    assert tokens.authenticate(token) == made
    assert "no-store" in response["Cache-Control"]
    listing = client.get("/admin/api/apiclient/").content.decode()
    assert token not in listing


def test_the_command_prints_a_token_that_works(client, capsys):
    call_command("api_client", "create", "ERP", "--scope", "requests:read")
    token = capsys.readouterr().out.strip()

    assert client.get("/api/clients/me", **bearer(token)).json()["name"] == "ERP"


def test_the_schema_has_no_duplicated_key(client):
    """Swagger UI refuses a schema where a key appears twice (e.g. a status as 200 and "200")."""
    import json

    def no_duplicates(pairs):
        keys = [key for key, _value in pairs]
        assert len(keys) == len(set(keys)), keys
        return dict(pairs)

    json.loads(client.get("/api/openapi.json").content, object_pairs_hook=no_duplicates)
