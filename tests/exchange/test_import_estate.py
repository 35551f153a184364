"""Reference data from the ERP: created, updated and ended by the ERP's ids, never deleted."""

from __future__ import annotations

from datetime import date

import pytest

from agir.estate.models import (
    Building,
    CommonArea,
    Contractor,
    Dwelling,
    Entrance,
    Lease,
    MaintenanceContract,
    Occupancy,
    Site,
    Tenant,
)
from agir.exchange import service
from agir.exchange.models import ErpRecord
from tests.exchange.helpers import csv_text, drop, jsonl_text, rejects_of

pytestmark = pytest.mark.django_db


def estate_files() -> None:
    drop(
        "site-v1-1.csv",
        csv_text(
            ["id", "name", "postcode", "city"], [["S-VER", "Les Vergers", "59100", "Roubaix"]]
        ),
    )
    drop(
        "building-v1-1.jsonl",
        jsonl_text(
            [
                {
                    "id": "B-VER-1",
                    "site": "S-VER",
                    "sector": "NORD",
                    "name": "Les Vergers – bât. 1",
                    "street_address": "3 rue des Pommiers",
                    "postcode": "59100",
                    "city": "Roubaix",
                    "latitude": 50.69,
                    "longitude": 3.17,
                }
            ]
        ),
    )
    drop(
        "entrance-v1-1.csv",
        csv_text(
            ["id", "building", "code", "street_address", "has_lift"],
            [["E-VER-1A", "B-VER-1", "A", "3 rue des Pommiers", "true"]],
        ),
    )
    drop(
        "dwelling-v1-1.csv",
        csv_text(
            ["id", "entrance", "number", "floor", "type", "surface"],
            [
                ["L-VER-101", "E-VER-1A", "101", "1", "T3", "64,5"],
                ["L-VER-102", "E-VER-1A", "102", "1", "T2", "47"],
            ],
        ),
    )
    drop(
        "common_area-v1-1.csv",
        csv_text(
            ["id", "kind", "label", "site", "building", "entrance"],
            [
                ["PC-1", "hall", "Hall A – Les Vergers", "", "", "E-VER-1A"],
                ["PC-2", "car_park", "Parking – Les Vergers", "S-VER", "", ""],
            ],
        ),
    )
    drop(
        "tenant-v1-1.csv",
        csv_text(
            ["id", "title", "first_name", "last_name", "email", "mobile_phone"],
            [
                ["T-1", "Mme", "Zoé", "Lefort", "zoe.lefort@exemple.fr", "06 11 22 33 44"],
                ["T-2", "M.", "Paul", "Lefort", "", ""],
            ],
        ),
    )
    drop(
        "lease-v1-1.csv",
        csv_text(
            ["id", "dwelling", "start_date", "end_date", "holders", "occupants"],
            [["BAIL-77", "L-VER-101", "2024-04-01", "", "T-1", "T-2"]],
        ),
    )
    drop(
        "contractor-v1-1.csv",
        csv_text(
            ["id", "name", "siret", "phone"],
            [["F-9", "Ascenseurs du Nord", "12345678900011", "03 20 00 11 22"]],
        ),
    )
    drop(
        "contract-v1-1.csv",
        csv_text(
            ["id", "contractor", "kind", "buildings", "sites", "phone", "hours", "start_date"],
            [
                [
                    "CT-LIFT-9",
                    "F-9",
                    "lift",
                    "B-VER-1",
                    "",
                    "0 800 00 11 22",
                    "24 h/24",
                    "2025-01-01",
                ]
            ],
        ),
    )


def test_every_kind_of_reference_data_is_created_with_its_links():
    estate_files()

    run = service.run_import()

    assert run.rejects == 0, rejects_of("lease-v1-1.csv")
    building = Building.objects.get(code="B-VER-1")
    assert (building.site.code, building.sector.code) == ("S-VER", "NORD")
    entrance = Entrance.objects.get(building=building, code="A")
    assert entrance.has_lift
    dwelling = Dwelling.objects.get(code="L-VER-101")
    assert (dwelling.entrance, str(dwelling.surface)) == (entrance, "64.50")
    assert CommonArea.objects.get(label="Hall A – Les Vergers").entrance == entrance
    assert CommonArea.objects.get(label="Parking – Les Vergers").site == building.site
    lease = Lease.objects.get(reference="BAIL-77")
    holders = {(o.tenant.external_ref, o.is_holder) for o in Occupancy.objects.filter(lease=lease)}
    assert holders == {("T-1", True), ("T-2", False)}
    contract = MaintenanceContract.objects.get(reference="CT-LIFT-9")
    assert contract.contractor.name == "Ascenseurs du Nord"
    assert list(contract.buildings.all()) == [building]
    assert run.counts["created"] == 12


def test_a_changed_row_updates_the_same_object():
    estate_files()
    service.run_import()
    area = CommonArea.objects.get(label="Hall A – Les Vergers")
    drop(
        "common_area-v1-2.csv",
        csv_text(
            ["id", "kind", "label", "entrance"], [["PC-1", "hall", "Hall d'entrée A", "E-VER-1A"]]
        ),
    )
    drop(
        "tenant-v1-2.jsonl",
        jsonl_text([{"id": "T-2", "first_name": "Paul", "last_name": "Lefort-Diallo"}]),
    )

    run = service.run_import()

    area.refresh_from_db()
    assert area.label == "Hall d'entrée A"
    assert Tenant.objects.get(external_ref="T-2").last_name == "Lefort-Diallo"
    assert run.counts["updated"] == 2
    assert CommonArea.objects.count() == 2


def test_an_ended_lease_keeps_its_history():
    estate_files()
    service.run_import()
    drop(
        "lease-v1-2.csv",
        csv_text(
            ["id", "dwelling", "start_date", "end_date", "holders"],
            [["BAIL-77", "L-VER-101", "2024-04-01", "2026-02-28", "T-1"]],
        ),
    )

    service.run_import()

    lease = Lease.objects.get(reference="BAIL-77")
    assert lease.end_date == date(2026, 2, 28)
    assert lease.occupancies.count() == 2  # nobody removed: the lease's end says who left
    assert Tenant.objects.filter(external_ref__in=["T-1", "T-2"]).count() == 2


def test_an_ended_site_is_marked_not_deleted():
    estate_files()
    service.run_import()
    drop(
        "site-v1-2.csv",
        csv_text(
            ["id", "name", "postcode", "city", "ended_on"],
            [["S-VER", "Les Vergers", "59100", "Roubaix", "2026-06-30"]],
        ),
    )

    run = service.run_import()

    assert Site.objects.filter(code="S-VER").exists()
    assert ErpRecord.objects.get(kind="site", erp_id="S-VER").ended_on == date(2026, 6, 30)
    assert run.counts["ended"] == 1


def test_the_same_rows_again_write_nothing():
    estate_files()
    service.run_import()
    before = {r.pk: r.updated_at for r in ErpRecord.objects.all()}
    drop(
        "dwelling-v1-2.csv",
        csv_text(
            ["id", "entrance", "number", "floor", "type", "surface"],
            [["L-VER-101", "E-VER-1A", "101", "1", "T3", "64,5"]],
        ),
    )

    run = service.run_import()

    assert run.counts["unchanged"] == 1
    assert {r.pk: r.updated_at for r in ErpRecord.objects.all()} == before


def test_rows_naming_unknown_objects_are_rejected_and_the_others_applied():
    estate_files()
    service.run_import()
    drop(
        "dwelling-v1-2.csv",
        csv_text(
            ["id", "entrance", "number", "floor", "type", "surface"],
            [
                ["L-VER-103", "E-NOWHERE", "103", "1", "T3", "60"],
                ["L-VER-104", "E-VER-1A", "104", "un", "T3", "60"],
                ["L-VER-105", "E-VER-1A", "105", "1", "T9", "60"],
                ["L-VER-106", "E-VER-1A", "106", "1", "T4", "81"],
            ],
        ),
    )

    service.run_import()

    assert [(r["line"], r["code"]) for r in rejects_of("dwelling-v1-2.csv")] == [
        ("2", "unknown_ref"),
        ("3", "not_integer"),
        ("4", "not_choice"),
    ]
    assert Dwelling.objects.filter(code="L-VER-106").exists()


def test_a_common_area_names_exactly_one_parent():
    estate_files()
    service.run_import()
    drop(
        "common_area-v1-2.csv",
        csv_text(
            ["id", "kind", "label", "site", "building"],
            [["PC-3", "outdoor", "Extérieurs", "S-VER", "B-VER-1"]],
        ),
    )

    service.run_import()

    assert [r["code"] for r in rejects_of("common_area-v1-2.csv")] == ["one_parent"]


def test_rows_already_in_agir_are_linked_by_their_code(estate):
    drop(
        "building-v1-1.csv",
        csv_text(
            ["id", "site", "sector", "name", "street_address", "postcode", "city"],
            [
                [
                    estate.building.code,
                    estate.site.code,
                    estate.sector.code,
                    "Nouveau nom",
                    "1 rue Neuve",
                    "59000",
                    "Lille",
                ]
            ],
        ),
    )

    service.run_import()

    estate.building.refresh_from_db()
    assert estate.building.name == "Nouveau nom"
    assert ErpRecord.objects.get(kind="building").object_id == estate.building.pk


def test_a_contractor_is_known_by_the_erp_id_alone():
    estate_files()
    service.run_import()
    drop("contractor-v1-2.csv", csv_text(["id", "name"], [["F-9", "Ascenseurs du Nord SAS"]]))

    service.run_import()

    assert list(Contractor.objects.values_list("name", flat=True)) == ["Ascenseurs du Nord SAS"]
