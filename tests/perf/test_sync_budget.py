"""The caretaker's sync: a new request costs a fixed number of queries, its look-ups shared."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from agir.estate.models import Dwelling
from agir.rounds.sync import CREATED, apply_batch
from tests.rounds.conftest import new_request_item, scope  # noqa: F401 (fixture)

# Per new request: its receipt, the idempotency look-up, the reference, the request, its
# event, the mark that its quality figures are to be recomputed, the transaction's savepoints,
# and where a channel reaches the tenant its acknowledgement (the outbox row). Who pays, where
# each tenant lives and the message rules are asked once a batch, not once an item.
PER_ITEM = 12


def _sync(scope, dwellings) -> int:  # noqa: F811
    batch = [new_request_item(dwelling) for dwelling in dwellings]
    with CaptureQueriesContext(connection) as queries:
        answers = apply_batch(scope, batch)
    assert {a["status"] for a in answers} == {CREATED}
    return len(queries)


def test_new_requests_of_a_sync_cost_a_fixed_budget_each(personas, scope):  # noqa: F811
    building = personas.alice.lease.dwelling.entrance.building
    dwellings = list(Dwelling.objects.filter(entrance__building=building)[:10])
    _sync(scope, dwellings[:2])  # warm the caches (catalogue, rules)
    # 146 before the batch shared its look-ups, 124 after; 134 with the commitments, then
    # 121 once who pays, the homes and the rules were asked once a batch.
    assert _sync(scope, dwellings) <= PER_ITEM * len(dwellings) + 6
