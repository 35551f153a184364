"""Managers see each exchange run in the back office: counts, refused rows, differences."""

from __future__ import annotations

import pytest

from agir.exchange import service
from tests.builders import build_staff
from tests.exchange.helpers import csv_text, drop
from tests.staff_sign_in import sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager_client(client):
    sign_in(client, build_staff("manager"))
    return client


def test_the_manager_sees_the_runs_from_the_menu(manager_client, personas):
    service.run_export()

    page = manager_client.get("/bureau/echanges/").content.decode()

    assert "Échanges ERP" in page  # the menu entry
    assert "Export" in page and "Réussi" in page and "3 demandes" in page


def test_a_run_shows_its_refused_rows_with_their_reason_in_french(manager_client, personas):
    drop(
        "status-v1-1.csv",
        csv_text(["id", "request", "status"], [["C1", "2099-000001", "closed"]]),
    )
    run = service.run_import()

    page = manager_client.get(f"/bureau/echanges/{run.pk}/").content.decode()

    assert "status-v1-1.csv" in page
    assert "Aucune demande ne correspond (référence 2099-000001, id ERP -)." in page
    assert "C1,2099-000001,closed" in page


def test_an_officer_does_not_see_the_exchange(client, personas):
    sign_in(client, personas.officer)

    assert client.get("/bureau/echanges/").status_code == 404
    assert "Échanges ERP" not in client.get("/bureau/demandes/").content.decode()
