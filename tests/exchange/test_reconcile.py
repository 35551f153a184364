"""The nightly reconciliation: the ERP's lists against AGIR's; differences reported."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from agir.exchange import service
from agir.exchange.models import ErpRecord, ExchangeRun, RunKind, RunOutcome
from agir.repairs.models import RepairRequest
from tests.exchange.helpers import csv_text, drop, inbox_names

pytestmark = pytest.mark.django_db

LIST = ["type", "id", "request", "status"]


def age(request, days: int) -> None:
    RepairRequest.objects.filter(pk=request.pk).update(
        submitted_at=timezone.now() - timedelta(days=days)
    )


def test_matching_lists_report_no_difference(personas):
    for request, erp_id in ((personas.alice_request, "E1"), (personas.bob_request, "E2"),
                            (personas.former_request, "E3")):  # fmt: skip
        RepairRequest.objects.filter(pk=request.pk).update(external_ref=erp_id)
    drop(
        "reconcile-v1-20260312.csv",
        csv_text(LIST, [["request", "E1", "", "submitted"], ["request", "E2", "", "submitted"],
                        ["request", "E3", "", "submitted"]]),
    )  # fmt: skip

    run = service.run_reconcile()

    assert run.outcome == RunOutcome.OK
    assert run.counts == {"compared": 3, "differences": 0}
    assert inbox_names() == []


def test_each_kind_of_difference_is_reported(personas):
    RepairRequest.objects.filter(pk=personas.alice_request.pk).update(external_ref="E1")
    age(personas.bob_request, 3)  # exported days ago, never acknowledged by the ERP
    ErpRecord.objects.create(kind="site", erp_id="S-OLD", object_id=personas.estate.site.pk)
    drop(
        "reconcile-v1-20260312.csv",
        csv_text(LIST, [["request", "E1", "", "closed"], ["request", "E9", "", "submitted"],
                        ["site", personas.estate.site.code, "", ""], ["site", "S-NEW", "", ""]]),
    )  # fmt: skip

    run = service.run_reconcile()

    assert run.outcome == RunOutcome.DIFFERENCES
    assert run.report["differences"] == {
        "request: status_differs": 1,
        "request: missing_in_agir": 1,
        "request: missing_in_erp": 1,
        "site: missing_in_agir": 1,
        "site: missing_in_erp": 1,
    }
    [differs] = run.report["examples"]["request: status_differs"]
    assert (differs["reference"], differs["agir"], differs["erp"]) == (
        personas.alice_request.reference,
        "submitted",
        "closed",
    )


def test_a_request_younger_than_a_day_is_not_yet_a_difference(personas):
    drop("reconcile-v1-20260312.csv", csv_text(LIST, []))

    run = service.run_reconcile()

    assert run.counts["differences"] == 0


def test_the_report_is_kept_as_a_file(personas, settings):
    age(personas.bob_request, 3)
    drop("reconcile-v1-20260312.csv", csv_text(LIST, []))

    service.run_reconcile()

    [report] = [p for p in (settings.EXCHANGE_DIR / "reports").iterdir() if p.is_file()]
    assert personas.bob_request.reference in report.read_text()


def test_without_a_list_from_the_erp_nothing_is_compared(personas):
    run = service.run_reconcile()
    assert run.counts == {"compared": 0, "differences": 0}


def test_the_reconciliation_runs_once_a_night_after_its_hour(settings, db):
    settings.EXCHANGE_RECONCILE_HOUR = 2
    night = timezone.make_aware(datetime(2026, 3, 12, 1, 30))
    later = timezone.make_aware(datetime(2026, 3, 12, 2, 10))

    assert not service.reconcile_due(night)
    assert service.reconcile_due(later)
    ExchangeRun.objects.create(kind=RunKind.RECONCILE, started_at=later)
    assert not service.reconcile_due(later + timedelta(hours=3))
    assert service.reconcile_due(later + timedelta(days=1))
