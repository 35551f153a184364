"""PostgreSQL: AGIR's connections plan their queries without parallel workers (settings)."""

import pytest
from django.db import connection


def test_a_postgresql_connection_plans_without_parallel_workers(db):
    if connection.vendor != "postgresql":
        pytest.skip("a PostgreSQL setting: SQLite has no parallel plans")
    with connection.cursor() as cursor:
        cursor.execute("SHOW max_parallel_workers_per_gather")
        assert cursor.fetchone()[0] == "0"
