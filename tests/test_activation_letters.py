"""Activation letters as a real PDF (WeasyPrint), read back with pypdf."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from pypdf import PdfReader

from agir.accounts import activation
from agir.accounts.models import ActivationCode, Role, User
from agir.estate.models import Tenant
from tests.builders import PASSWORD, build_household
from tests.staff_sign_in import sign_in

CODE = re.compile(r"\b([A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4})\b")


def pdf_pages(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


@pytest.fixture
def building_households(estate):
    """Two leases without accounts and one whose holder has an account."""
    return [
        build_household(estate.dwellings[2], occupants=2, with_account=False),
        build_household(estate.dwellings[3], occupants=1, with_account=False),
        build_household(estate.dwellings[4], occupants=2, with_account=True),
    ]


def test_the_command_prints_one_letter_per_tenant_without_account(
    tmp_path: Path, estate, building_households
):
    out = tmp_path / "letters.pdf"
    stdout = io.StringIO()

    call_command("activation_letters", building=estate.building.code, out=out, stdout=stdout)

    pages = pdf_pages(out.read_bytes())
    # 2 + 1 occupants without account, + the second occupant of the third lease
    assert len(pages) == 4
    assert "Wrote 4 letter(s)" in stdout.getvalue()
    assert ActivationCode.objects.count() == 4


def test_each_letter_holds_the_lease_reference_and_a_working_code(
    tmp_path: Path, estate, building_households
):
    out = tmp_path / "letters.pdf"
    call_command("activation_letters", building=estate.building.code, out=out, stdout=io.StringIO())

    first_lease = building_households[0].lease
    page = pdf_pages(out.read_bytes())[0]
    assert first_lease.reference in page
    [code] = CODE.findall(page)
    check = activation.check_code(first_lease.reference, code)
    assert check.ok
    assert check.tenant == building_households[0].tenants[0]


def test_the_letter_says_in_plain_french_how_to_sign_up(
    tmp_path: Path, settings, estate, building_households
):
    out = tmp_path / "letters.pdf"
    call_command("activation_letters", building=estate.building.code, out=out, stdout=io.StringIO())
    page = " ".join(pdf_pages(out.read_bytes())[0].split())

    assert "Votre espace locataire sur internet" in page
    assert settings.PUBLIC_BASE_URL.rstrip("/") + reverse("accounts:signup") in page
    assert "Référence de votre bail" in page
    assert "Votre code personnel" in page
    assert "ne sert qu'une fois" in page
    assert settings.LANDLORD["phone"] in page
    assert building_households[0].tenants[0].last_name in page


def test_all_prints_every_building(tmp_path: Path, estate, building_households):
    from tests.builders import build_estate

    elsewhere = build_estate(entrances=1, floors=1, per_floor=1)
    build_household(elsewhere.dwellings[0], occupants=1, with_account=False)
    out = tmp_path / "all.pdf"

    call_command("activation_letters", all=True, out=out, stdout=io.StringIO())

    assert len(pdf_pages(out.read_bytes())) == 5


def test_an_unknown_building_is_an_error(tmp_path: Path, db):
    with pytest.raises(CommandError, match="No building"):
        call_command("activation_letters", building="NOPE", out=tmp_path / "x.pdf")


def test_a_building_with_everyone_signed_up_writes_no_file(tmp_path: Path, estate):
    build_household(estate.dwellings[2], occupants=1, with_account=True)
    out = tmp_path / "none.pdf"
    stdout = io.StringIO()
    call_command("activation_letters", building=estate.building.code, out=out, stdout=stdout)
    assert not out.exists()
    assert "no letter written" in stdout.getvalue()


def test_a_new_letter_voids_the_code_of_the_previous_one(tmp_path: Path, estate):
    household = build_household(estate.dwellings[2], occupants=1, with_account=False)
    first, second = tmp_path / "1.pdf", tmp_path / "2.pdf"
    for out in (first, second):
        call_command(
            "activation_letters", building=estate.building.code, out=out, stdout=io.StringIO()
        )
    [old] = CODE.findall(pdf_pages(first.read_bytes())[0])
    [new] = CODE.findall(pdf_pages(second.read_bytes())[0])
    reference = household.lease.reference
    assert not activation.check_code(reference, old).ok
    assert activation.check_code(reference, new).ok


def test_the_admin_action_downloads_the_letters_of_the_chosen_tenants(
    client, estate, building_households
):
    admin = User.objects.create_superuser("admin", "admin@exemple.fr", PASSWORD, role=Role.MANAGER)
    sign_in(client, admin)
    chosen = building_households[0].tenants
    response = client.post(
        reverse("admin:estate_tenant_changelist"),
        {"action": "print_letters_for_tenants", "_selected_action": [t.pk for t in chosen]},
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    pages = pdf_pages(response.content)
    assert len(pages) == 2
    assert all(building_households[0].lease.reference in p for p in pages)
    assert Tenant.objects.filter(activation_codes__isnull=False).distinct().count() == 2


def test_the_building_admin_action_prints_its_tenants(client, estate, building_households):
    admin = User.objects.create_superuser("admin", "admin@exemple.fr", PASSWORD, role=Role.MANAGER)
    sign_in(client, admin)
    response = client.post(
        reverse("admin:estate_building_changelist"),
        {"action": "print_letters_for_buildings", "_selected_action": [estate.building.pk]},
    )
    assert response["Content-Type"] == "application/pdf"
    assert len(pdf_pages(response.content)) == 4
