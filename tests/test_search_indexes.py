"""On PostgreSQL the officers' search is served by indexes: a tenant's name by trigrams, an
email and a dwelling's number or code by UPPER(…). Each test reads the plan of the very SQL the
search makes, with sequential scans priced out, so that an index the search cannot use (its
expression differing from Django's) fails here."""

import pytest
from django.db import connection, transaction

from agir.backoffice.inbox.filters import _tenant_q
from agir.estate.models import Dwelling, Tenant

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("the search's indexes are PostgreSQL's (pg_trgm, UPPER(…)); none on SQLite")


def plan_of(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


def test_a_tenants_name_is_searched_on_its_trigram_indexes():
    plan = plan_of(Tenant.objects.filter(_tenant_q("Benali")).values("pk"))
    assert "estate_tenant_last_name_trgm" in plan
    assert "estate_tenant_first_name_trgm" in plan
    assert "estate_tenant_email_upper" in plan


def test_a_dwellings_number_or_code_is_searched_on_its_upper_indexes():
    plan = plan_of(Dwelling.objects.filter(number__iexact="12").values("pk"))
    assert "estate_dwelling_number_upper" in plan
    plan = plan_of(Dwelling.objects.filter(code__iexact="r00001-a-001").values("pk"))
    assert "estate_dwelling_code_upper" in plan
