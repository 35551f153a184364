"""agir.core.keys: a column among many keys, one array parameter on PostgreSQL."""

import pytest
from django.db import connection

from agir.core.keys import among
from agir.estate.models import Tenant
from tests.builders import build_household


def test_rows_among_keys_are_those_of_the_keys(estate):
    households = [build_household(d) for d in estate.dwellings[:3]]
    wanted = [households[0].holder.pk, households[2].holder.pk]
    found = Tenant.objects.filter(among("pk", wanted)).values_list("pk", flat=True)
    assert sorted(found) == sorted(wanted)


def test_no_keys_find_no_rows(household):
    assert not Tenant.objects.filter(among("pk", [])).exists()


def test_many_keys_are_one_parameter_on_postgresql(db):
    if connection.vendor != "postgresql":
        pytest.skip("an array parameter is PostgreSQL's")
    keys = list(range(1, 5001))
    sql, params = Tenant.objects.filter(among("pk", keys)).query.sql_with_params()
    assert "= ANY(" in sql and len(params) == 1


def test_keys_stay_a_list_of_parameters_elsewhere(db):
    if connection.vendor == "postgresql":
        pytest.skip("PostgreSQL takes one array")
    sql, params = Tenant.objects.filter(among("pk", [3, 5, 8])).query.sql_with_params()
    assert " IN (" in sql and len(params) == 3
