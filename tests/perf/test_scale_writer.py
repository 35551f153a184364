"""The seed's writer on PostgreSQL: batches sent from a thread of their own, in the same
transaction, never out of sight of the main thread's queries, and never failing silently."""

import pytest
from django.db import DatabaseError, connection, transaction

from agir.demo.scale.writer import BATCH, Table, writing_behind
from agir.estate.models import Sector

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("the writer sends its batches from a thread on PostgreSQL only")


def sectors(first: int, count: int) -> list[tuple]:
    return [(pk, f"S{pk:05d}", f"Secteur {pk}") for pk in range(first, first + count)]


def test_a_query_sees_every_batch_made_before_it():
    with transaction.atomic(), writing_behind():
        table = Table(Sector, ["id", "code", "name"])
        table.extend(sectors(1, 3 * BATCH + 7))  # three batches sent while the rows are made
        assert Sector.objects.count() == 3 * BATCH
        table.flush()
        assert Sector.objects.count() == 3 * BATCH + 7


def test_batches_belong_to_the_transaction_around_them():
    with pytest.raises(RuntimeError), transaction.atomic(), writing_behind():
        Table(Sector, ["id", "code", "name"]).extend(sectors(1, BATCH))
        raise RuntimeError("the seed stops")
    assert Sector.objects.count() == 0


def test_a_batch_that_fails_raises_in_the_main_thread():
    with pytest.raises(DatabaseError), transaction.atomic(), writing_behind():
        table = Table(Sector, ["id", "code", "name"])
        table.extend(sectors(1, 10))
        table.extend(sectors(1, 10))  # the same keys again
        table.flush()
    assert Sector.objects.count() == 0
