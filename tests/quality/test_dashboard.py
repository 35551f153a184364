"""The managers' dashboard: every section with its chart and its table, filters, exports."""

from __future__ import annotations

import csv
import io
import uuid
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from agir.accounts.models import Role
from agir.quality import summaries
from agir.quality.facts import rebuild_facts
from agir.quality.models import MonthSummary
from agir.repairs.models import Origin, RepairRequest, Status
from tests.builders import build_staff
from tests.staff_sign_in import sign_in

pytestmark = pytest.mark.django_db

SECTIONS = [
    "chiffres-cles",
    "mois",
    "engagements",
    "delais",
    "repartition-take-in-hand",
    "repartition-intervene",
    "repartition-close",
    "origines",
    "urgences",
    "responsabilites",
    "batiments",
    "familles",
    "suivi",
    "satisfaction",
    "prestataires",
    "commentaires",
]


@pytest.fixture
def manager_client(client):
    sign_in(client, build_staff(Role.MANAGER))
    return client


def bulk_requests(estate, count: int) -> None:
    """`count` closed requests of the last months, written directly (no history needed)."""
    now = timezone.now()
    RepairRequest.objects.bulk_create(
        RepairRequest(
            reference=f"2026-9{i:05d}",
            status=Status.SUBMITTED,
            building=estate.building,
            title="Fuite",
            suggested_responsibility="landlord",
            responsibility="landlord",
            suggested_urgency="normal",
            urgency="normal",
            origin=Origin.PHONE,
            idempotency_key=uuid.uuid4(),
            submitted_at=now - timedelta(days=1 + i % 200),
        )
        for i in range(count)
    )
    rebuild_facts()


def test_the_dashboard_shows_every_section_with_its_numbers(manager_client, estate):
    bulk_requests(estate, 5)
    response = manager_client.get(reverse("quality_staff:dashboard"))
    assert response.status_code == 200
    page = response.content.decode()
    for slug in SECTIONS:
        assert f'id="{slug}"' in page, slug
        assert f'id="table-{slug}"' in page, slug
    assert page.count("<svg") >= 12


def queries_of(client, url: str, *, summaries_kept: bool) -> int:
    """The dashboard's SQL queries with every monthly summary up to date (as the scheduler
    keeps them), or with none kept (each month counted from the facts)."""
    client.get(url)
    if summaries_kept:
        summaries.refresh()
    else:
        MonthSummary.objects.all().delete()
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return len(queries)


@pytest.mark.parametrize("place", [False, True], ids=["estate", "building"])
@pytest.mark.parametrize("summaries_kept", [True, False], ids=["summaries", "facts"])
def test_the_dashboard_queries_do_not_grow_with_the_requests(
    manager_client, estate, summaries_kept, place
):
    url = reverse("quality_staff:dashboard")
    if place:
        url += f"?place={estate.building.code}"
    bulk_requests(estate, 10)
    few = queries_of(manager_client, url, summaries_kept=summaries_kept)
    bulk_requests_more(estate, 1000)
    many = queries_of(manager_client, url, summaries_kept=summaries_kept)
    assert many == few


def bulk_requests_more(estate, count: int) -> None:
    RepairRequest.objects.all().delete()
    bulk_requests(estate, count)


def test_bad_filters_say_so_and_show_the_last_twelve_months(manager_client):
    response = manager_client.get(
        reverse("quality_staff:dashboard"), {"start": "2026-05", "end": "2026-01"}
    )
    assert response.status_code == 200
    assert "Le mois de fin est avant le mois de début." in response.content.decode()


def test_a_table_downloads_as_csv(manager_client, estate):
    bulk_requests(estate, 3)
    response = manager_client.get(reverse("quality_staff:export", args=["urgences", "csv"]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Libellé", "Demandes"]
    assert rows[1] == ["Normal", "3"]


def test_every_table_downloads_as_one_xlsx_workbook(manager_client, estate):
    bulk_requests(estate, 3)
    response = manager_client.get(reverse("quality_staff:export", args=["tout", "xlsx"]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response.content[:2] == b"PK"


def test_an_unknown_table_is_not_found(manager_client):
    response = manager_client.get(reverse("quality_staff:export", args=["rien", "csv"]))
    assert response.status_code == 404


def test_the_manager_opens_on_the_dashboard_after_signing_in(manager_client):
    response = manager_client.get(reverse("core:home"))
    assert response.url == reverse("quality_staff:dashboard")


def test_officers_do_not_see_the_dashboard(client):
    sign_in(client, build_staff(Role.OFFICER))
    assert client.get(reverse("quality_staff:dashboard")).status_code == 404
