"""The shipped catalogue against decree 87-712's annex, decree 87-713, the estate's common
areas and contracts, and the corrections of issue 8."""

from __future__ import annotations

import re

import pytest
from django.contrib.staticfiles import finders

from agir.catalogue.loader import check_entry, read_catalogue
from agir.catalogue.models import CatalogueEntry, Equipment, Place, Symptom
from agir.estate.models import CommonAreaKind, ContractKind

pytestmark = pytest.mark.django_db

# Every item of decree 87-712's annex (réparations locatives).
ANNEX_ITEMS = [
    "I a", "I b", "I c",
    "II a", "II b", "II c", "II d", "II e",
    "III a", "III b", "III c",
    "IV a", "IV b", "IV c", "IV d", "IV e",
    "V",
    "VI a", "VI b", "VI c", "VI d",
]  # fmt: skip


def citations_of_87_712() -> str:
    """What follows each mention of decree 87-712 in the legal bases, joined."""
    parts = []
    for basis in CatalogueEntry.objects.values_list("legal_basis", flat=True):
        for found in re.finditer(r"87-712", basis):
            parts.append(basis[found.end() : found.end() + 45])
    return " | ".join(parts)


@pytest.mark.parametrize("item", ANNEX_ITEMS)
def test_every_item_of_the_annex_is_cited_by_an_entry(item):
    numeral, _, letter = item.partition(" ")
    pattern = rf"\b{numeral} {letter}\)" if letter else rf"annexes? {numeral}\b(?! [a-e]\))"
    assert re.search(pattern, citations_of_87_712()), item


@pytest.mark.parametrize("kind", CommonAreaKind.values)
def test_every_common_area_of_the_estate_has_its_entries(kind):
    place = Place.objects.get(code=kind)
    assert place.scope == "common"
    assert CatalogueEntry.objects.active().filter(place=place).count() >= 4


def test_every_equipment_offered_somewhere_has_an_entry_there():
    empty = [
        f"{equipment.code}@{place.code}"
        for equipment in Equipment.objects.prefetch_related("places")
        for place in equipment.places.all()
        if not CatalogueEntry.objects.filter(place=place, equipment=equipment).exists()
    ]
    assert empty == []


@pytest.mark.parametrize("kind", ContractKind.values)
def test_every_kind_of_contract_covers_some_entry(kind):
    assert CatalogueEntry.objects.filter(contract_kind=kind).exists()


def test_no_common_area_problem_is_the_tenants_but_a_lost_key_or_badge():
    tenants = CatalogueEntry.objects.filter(place__scope="common", responsibility="tenant")
    assert set(tenants.values_list("symptom__code", flat=True)) <= {"lost_key"}


def test_every_emergency_says_what_to_do_and_whom_to_call():
    for entry in CatalogueEntry.objects.filter(urgency="emergency"):
        assert entry.emergency_call and entry.emergency_danger, entry.code
        assert len(entry.emergency_steps) == 3, entry.code


def test_every_entry_of_the_shipped_file_says_who_pays():
    for row in read_catalogue()["entries"]:
        check_entry(row)


def test_an_entry_saying_contract_as_its_payer_is_refused():
    row = {**read_catalogue()["entries"][0], "responsibility": "contract"}
    with pytest.raises(ValueError, match="contract"):
        check_entry(row)


def test_every_place_equipment_and_symptom_has_its_picture():
    missing = [
        item.picture
        for model in (Place, Equipment, Symptom)
        for item in model.objects.all()
        if finders.find(f"catalogue/pictures/{item.picture}.svg") is None
    ]
    assert missing == []


# (entry, who pays where no contract covers it, contract kind, urgency): issue 8's list.
CORRECTIONS = [
    # a trap joint is the tenant's: a leak under the sink is not the landlord's by default
    ("KIT-SINK-LEAK", "assess", "plumbing", "urgent"),
    ("KIT-DRAIN-LEAK", "tenant", "plumbing", "normal"),
    ("BATH-WASHBASIN-LEAK", "assess", "plumbing", "urgent"),
    ("BATH-DRAIN-LEAK", "tenant", "plumbing", "normal"),
    # no electricity at all: the cause decides
    ("DWL-PANEL-NO_POWER", "assess", "", "emergency"),
    # pests in cellars, bin rooms and grounds: never the tenant's
    ("CEL-WALLS-PESTS", "landlord", "pest_control", "urgent"),
    ("BIN-BINS-PESTS", "landlord", "pest_control", "urgent"),
    ("OUT-GREEN-PESTS", "landlord", "pest_control", "urgent"),
    # emergencies: a home that cannot be locked, sewage backing up, the building's water main
    ("ENT-LOCK-BROKEN", "landlord", "", "emergency"),
    ("KIT-DRAIN-FLOODING", "landlord", "", "emergency"),
    ("BATH-DRAIN-FLOODING", "landlord", "", "emergency"),
    ("WC-BOWL-FLOODING", "landlord", "", "emergency"),
    ("STAIR-WATER-LEAK", "landlord", "", "emergency"),
    # checked against the decree and the contracts
    ("DWL-RADIATOR-NOISE", "tenant", "collective_heating", "normal"),
    ("DWL-SMOKE-DANGEROUS", "assess", "", "emergency"),
    ("LIV-WINDOW-BROKEN", "tenant", "", "urgent"),
    ("LIV-WINDOW-DAMP_MOULD", "landlord", "", "planned"),
    ("HALL-LOCK-NOT_WORKING", "landlord", "access_control", "normal"),
    ("LIFT-CAR-BROKEN", "landlord", "", "normal"),
    # the missing topics
    ("KIT-HOB-FIRE", "assess", "", "emergency"),
    ("DWL-SMOKE-FIRE", "assess", "", "emergency"),
    ("BED-DOOR-PERSON_TRAPPED", "tenant", "", "emergency"),
    ("DWL-ROOF-LEAK", "landlord", "", "urgent"),
    ("LIV-WALLS-BROKEN", "tenant", "", "planned"),
    ("LIV-DOOR-STUCK", "assess", "", "normal"),
    ("BALC-GARDEN-DIRTY", "tenant", "", "planned"),
    ("ENT-FRONT_DOOR-BROKEN", "assess", "", "emergency"),
    ("ENT-LOCK-LOST_KEY", "tenant", "", "urgent"),
    ("ENT-DOORBELL-NOT_WORKING", "tenant", "", "planned"),
    ("LIV-SHUTTER-BROKEN", "tenant", "", "normal"),
    ("KIT-CUPBOARD-BROKEN", "tenant", "", "planned"),
    ("DWL-FLOOR-BROKEN", "tenant", "", "normal"),
    ("DWL-FLOOR-WORN", "landlord", "", "planned"),
]


@pytest.mark.parametrize(("code", "payer", "contract", "urgency"), CORRECTIONS)
def test_the_entries_reviewed_against_the_decree(code, payer, contract, urgency):
    entry = CatalogueEntry.objects.get(code=code)
    assert (entry.responsibility, entry.contract_kind, entry.urgency) == (payer, contract, urgency)
