"""On PostgreSQL the officers' search is served by indexes: a tenant's name by trigrams, an
email and a dwelling's number or code by UPPER(…). Each test reads the plan of the very SQL the
search makes, with sequential scans priced out, so that an index the search cannot use (its
expression differing from Django's) fails here."""

import pytest
from django.db import connection, transaction

from agir.backoffice.inbox.filters import WAITING, _tenant_q
from agir.catalogue.models import Urgency
from agir.core.keys import among
from agir.estate.models import Dwelling, Tenant
from agir.repairs.models import RepairRequest

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("the search's indexes are PostgreSQL's (pg_trgm, UPPER(…)); none on SQLite")


def plan_of(queryset, *, in_order: bool = False) -> str:
    """`in_order`: as a page is read, in the index's order without a sort (an empty table
    would let the planner sort any index's rows)."""
    sql, params = queryset.query.sql_with_params()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        if in_order:
            cursor.execute("SET LOCAL enable_bitmapscan = off")
            cursor.execute("SET LOCAL enable_sort = off")
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


def test_a_waiting_rank_of_a_search_by_a_common_name_reads_the_index_alone():
    # A common surname on a large estate lists thousands of tenants and leases; the waiting
    # requests are tested against them from the index, never a row of the table each.
    tenants, leases = list(range(1, 3001)), list(range(5001, 8001))
    rank = (
        RepairRequest.objects.filter(status__in=WAITING, next_due__isnull=False)
        .exclude(urgency=Urgency.EMERGENCY)
        .filter(among("requested_by_id", tenants) | among("lease_id", leases))
        .order_by("next_due", "pk")
        .values_list("pk", flat=True)[:51]
    )
    plan = plan_of(rank, in_order=True)
    assert "Index Only Scan using repair_request_inbox_due" in plan


def test_the_emergencies_rank_of_a_search_reads_the_emergencies_alone():
    # Emergencies are a few of the waiting requests: their rank, tested against a common
    # name's keys, reads their own index, not every waiting request's entry.
    tenants, leases = list(range(1, 3001)), list(range(5001, 8001))
    rank = (
        RepairRequest.objects.filter(
            status__in=WAITING, next_due__isnull=False, urgency=Urgency.EMERGENCY
        )
        .filter(among("requested_by_id", tenants) | among("lease_id", leases))
        .order_by("next_due", "pk")
        .values_list("pk", flat=True)[:51]
    )
    plan = plan_of(rank, in_order=True)
    assert "Index Only Scan using repair_request_inbox_emergency" in plan
