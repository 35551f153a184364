"""A tenant's own data as a ZIP; staff looking at a tenant's request leave a trace."""

from __future__ import annotations

import dataclasses
import io
import json
import zipfile

import pytest
from django.urls import reverse

from agir.accounts.models import Role
from agir.quality.models import PersonalDataAccess
from agir.repairs import lifecycle, photos
from agir.repairs.lifecycle import Actor
from tests.builders import build_staff, new_request, submitted_request
from tests.personas import add_occupant_account, mark_sent
from tests.staff_sign_in import sign_in
from tests.tracking import images

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def world(household, neighbour):
    mine = [
        submitted_request(household, description="Fuite sous l'évier, cuisine."),
        submitted_request(household, description="Le volet est bloqué."),
    ]
    photo = photos.attach(mine[0], images.jpeg())
    lifecycle.comment(mine[0], actor=Actor.system("Agent"), message="Nous passons jeudi.")
    # The co-occupant's own request, and the neighbour's: neither is the holder's data.
    partner_user = add_occupant_account(household)
    partner_new = dataclasses.replace(
        new_request(household, description="Demande du conjoint."),
        requested_by=household.tenants[1],
    )
    partner = lifecycle.submit_new(partner_new, actor=Actor.of(partner_user)).request
    other = submitted_request(neighbour, description="Chez le voisin.")
    photos.attach(other, images.jpeg())
    mark_sent()
    return {"mine": mine, "photo": photo, "partner": partner, "other": other}


def archive_of(client) -> zipfile.ZipFile:
    response = client.get(reverse("quality_portal:archive"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    return zipfile.ZipFile(io.BytesIO(response.content))


def test_the_archive_holds_every_request_message_and_photo_of_the_tenant(client, household, world):
    sign_in(client, household.holder.user)
    archive = archive_of(client)
    names = archive.namelist()
    for repair in world["mine"]:
        data = json.loads(archive.read(f"demandes/{repair.reference}/demande.json"))
        assert data["description"] == repair.description
    first = world["mine"][0].reference
    assert f"demandes/{first}/photos/{world['photo'].code}.jpg" in names
    assert archive.read(f"demandes/{first}/photos/{world['photo'].code}.jpg")[:2] == b"\xff\xd8"
    history = json.loads(archive.read(f"demandes/{first}/demande.json"))["historique"]
    assert "Nous passons jeudi." in [event["message"] for event in history]
    me = json.loads(archive.read("moi.json"))
    assert (me["nom"], me["email"]) == (household.holder.last_name, household.holder.email)
    sent = json.loads(archive.read("messages.json"))
    assert any("Nous passons jeudi." in message["texte"] for message in sent)


def test_the_archive_holds_nothing_of_anyone_else(client, household, neighbour, world):
    sign_in(client, household.holder.user)
    archive = archive_of(client)
    everything = b" ".join(archive.read(name) for name in archive.namelist())
    for repair in (world["partner"], world["other"]):
        assert repair.reference.encode() not in everything
    assert b"Chez le voisin." not in everything
    assert b"Demande du conjoint." not in everything
    assert neighbour.holder.email.encode() not in everything
    assert household.tenants[1].email.encode() not in everything
    photos_inside = [n for n in archive.namelist() if n.endswith(".jpg")]
    assert photos_inside == [
        f"demandes/{world['mine'][0].reference}/photos/{world['photo'].code}.jpg"
    ]


def test_staff_opening_a_request_is_logged_for_managers(client, household, world):
    officer = build_staff(Role.OFFICER)
    sign_in(client, officer)
    repair = world["mine"][0]
    client.get(reverse("backoffice:request", args=[repair.code]))
    access = PersonalDataAccess.objects.get()
    assert (access.user, access.tenant, access.request) == (officer, household.holder, repair)

    sign_in(client, build_staff(Role.MANAGER))
    page = client.get(reverse("quality_staff:access_log"), {"q": household.holder.last_name})
    assert officer.last_name in page.content.decode()
