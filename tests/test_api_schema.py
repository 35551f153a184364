"""schemathesis drives every operation of /api/openapi.json with generated input, valid and
invalid, with a token of every scope: no server error, and every answer fits the schema."""

from __future__ import annotations

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.core.parameters import ParameterLocation
from schemathesis.specs.openapi.checks import negative_data_rejection

from agir.api import tokens
from agir.api.scopes import SCOPES
from agir.wsgi import application

pytestmark = [pytest.mark.slow, pytest.mark.django_db]

# Loading the schema asks the application itself for /api/openapi.json (no database needed).
schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)


@pytest.fixture
def token(db):
    # As Django's test client does: the test's transaction must survive each request.
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield tokens.issue("schemathesis", list(SCOPES)).token
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_every_operation_answers_within_its_schema(case, token):
    excluded = []
    if case.media_type in RAW_BODIES:
        # A file's bytes are a string whatever they hold: no body is "of the wrong type".
        excluded.append(negative_data_rejection)
    elif case.meta is not None and case.meta.is_negative_at(ParameterLocation.HEADER):
        # The case dropped or spoilt the Authorization header, and the token below puts it
        # back: the request sent is no longer the negative one schemathesis made.
        excluded.append(negative_data_rejection)
    case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, excluded_checks=excluded)


RAW_BODIES = {"text/csv", "application/x-ndjson"}
