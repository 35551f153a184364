"""The round trip on files with the demo's simulated ERP: AGIR exports; the ERP reads the
batch and writes back its ids, status changes, a message and a few bad rows; AGIR imports
them: the good rows change the requests and tell the tenants, the bad rows are in the
rejects file with their reasons; the nightly reconciliation reports the differences."""

from __future__ import annotations

import pytest
from django.conf import settings

from agir.exchange import service, simulated_erp
from agir.exchange.models import RunOutcome
from agir.notify.models import Notification
from agir.repairs.models import EventKind, RepairRequest, Status
from tests.exchange.helpers import rejects_of

pytestmark = pytest.mark.django_db


def round_trip():
    service.run_export()
    played = simulated_erp.play(with_list=True)
    return played, service.run_import()


def test_the_erp_gives_its_ids_to_every_request_it_received(personas):
    round_trip()

    exported = RepairRequest.objects.filter(reference__isnull=False)
    assert exported.count() == 3
    assert all(r.external_ref.startswith("DI-") for r in exported)
    assert len({r.external_ref for r in exported}) == 3


def test_its_status_changes_go_through_the_lifecycle_and_reach_the_tenant(personas):
    before = Notification.objects.filter(tenant=personas.alice.holder).count()

    round_trip()

    request = RepairRequest.objects.get(pk=personas.alice_request.pk)
    assert request.status == Status.ACKNOWLEDGED
    event = request.events.get(kind=EventKind.ACKNOWLEDGED)
    assert event.actor_label == settings.EXCHANGE_ERP_NAME
    assert Notification.objects.filter(tenant=personas.alice.holder).count() > before


def test_its_bad_rows_are_rejected_with_their_reasons_and_the_good_ones_applied(personas):
    played, run = round_trip()

    assert played.bad_rows == 3
    assert run.outcome == RunOutcome.REJECTS and run.rejects == 3
    reasons = [row["reason"] for row in rejects_of("status-v1-erp000001.csv")]
    assert len(reasons) == 2 and "2099-999999" in reasons[0] and "“status”" in reasons[1]
    [empty] = rejects_of("message-v1-erp000001.csv")
    assert empty["line"] == "4"
    assert run.counts["applied"] >= 3 + 2  # the ids, the status changes, the messages


def test_a_batch_is_answered_once(personas):
    round_trip()

    again = simulated_erp.play()

    assert again.batches == [] and again.files == []
    assert (settings.EXCHANGE_DIR / "erp" / "read" / "agir-000001.manifest.json").exists()


def test_the_next_batch_carries_the_erp_changes_and_is_answered_in_turn(personas):
    round_trip()

    service.run_export()
    played = simulated_erp.play()

    assert played.batches == [2]
    assert played.bad_rows == 0  # bad rows on odd batches only
    assert played.links == 0  # the ERP knows them all already
    assert played.statuses == 3  # the visits it now plans for the acknowledged requests


def test_the_reconciliation_reports_what_the_erp_sees_otherwise(personas):
    round_trip()

    run = service.run_reconcile()

    assert run.outcome == RunOutcome.DIFFERENCES
    assert run.report["differences"] == {
        "request: missing_in_agir": 1,
        "request: status_differs": 1,
    }
