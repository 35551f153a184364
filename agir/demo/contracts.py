"""The demo's contractors and maintenance contracts: they differ from site to site.

So the same symptom gets a different answer in two buildings of the demo (who pays follows the
place's contracts, `agir.catalogue.payer.who_pays`): a dripping tap at Les Tilleuls, where the
landlord holds a plumbing contract, is the contractor's, paid through the charges; at the Cité
des Peupliers, whose plumbing contract ended last winter, it is a tenant repair.

| site | plumbing | boiler | heating | VMC | pests | lift | doors, gates | aerial |
| --- | --- | --- | --- | --- | --- | --- | --- | --- |
| TIL Les Tilleuls | yes | gas boilers | | yes | bldg A, B | buildings with a lift | | yes |
| MOU Résidence du Moulin | yes | | collective | yes | | idem | yes | yes |
| PEU Cité des Peupliers | ended | gas boilers | | | yes | | | |
| CLO Le Clos Fleuri | | gas boilers | | | yes | | | |
| GAR Jardins de la Gare | yes | | collective | yes | yes | idem | yes | |
| HLY Hauts de Lys | yes | | collective | yes | yes | idem | yes | yes |

Entry phones and code-locked doors are under contract everywhere.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta

from agir.estate.models import Building, ContractKind, Contractor, MaintenanceContract, Site

TOWN, POSTCODE = "Valmont-sur-Lys", "59870"

# name, phone, hours. The first is the demo contractor's login («prestataire»).
CONTRACTORS = [
    ("Plomberie Lys Services", "03 20 11 22 33", "lun.–ven. 8 h–18 h"),
    ("Chauffage Nord Confort", "03 20 44 55 66", "7 j/7, 24 h/24"),
    ("Ascenseurs Flandres", "0 800 12 34 56", "7 j/7, 24 h/24"),
    ("Accès Sécurité Nord", "03 20 77 88 99", "lun.–sam. 8 h–19 h"),
    ("Aéraulique Services", "03 20 10 20 30", "lun.–ven. 8 h–17 h"),
    ("Hygiène 3D Nord", "03 20 40 50 60", "lun.–ven. 9 h–17 h"),
    ("Antennes Val-de-Lys", "03 20 70 80 90", "lun.–ven. 9 h–18 h"),
    ("Sanitaires Express", "03 20 21 31 41", "lun.–ven. 8 h–17 h"),
]


@dataclass(frozen=True)
class DemoContract:
    contractor: str
    kind: str
    sites: tuple[str, ...] = ()
    buildings: tuple[str, ...] = ()
    lifts: bool = False  # every building with a lift, each named (a building-level contract)
    started_days_ago: int = 900
    ended_days_ago: int | None = None


CONTRACTS = [
    DemoContract(
        "Plomberie Lys Services", ContractKind.PLUMBING, sites=("TIL", "MOU", "GAR", "HLY")
    ),
    # The Peupliers' plumbing contract ended: older requests there were the contractor's.
    DemoContract(
        "Sanitaires Express",
        ContractKind.PLUMBING,
        sites=("PEU",),
        started_days_ago=1500,
        ended_days_ago=120,
    ),
    DemoContract("Chauffage Nord Confort", ContractKind.GAS_BOILER, sites=("TIL", "PEU", "CLO")),
    DemoContract(
        "Chauffage Nord Confort", ContractKind.COLLECTIVE_HEATING, sites=("MOU", "GAR", "HLY")
    ),
    DemoContract("Ascenseurs Flandres", ContractKind.LIFT, lifts=True),
    DemoContract(
        "Accès Sécurité Nord",
        ContractKind.ACCESS_CONTROL,
        sites=("TIL", "MOU", "PEU", "CLO", "GAR", "HLY"),
    ),
    DemoContract("Accès Sécurité Nord", ContractKind.DOORS_GATES, sites=("MOU", "GAR", "HLY")),
    DemoContract(
        "Aéraulique Services", ContractKind.VENTILATION, sites=("TIL", "MOU", "GAR", "HLY")
    ),
    DemoContract("Hygiène 3D Nord", ContractKind.PEST_CONTROL, sites=("PEU", "CLO", "GAR", "HLY")),
    # At Les Tilleuls only the two buildings by the canal, where rats were seen, are covered.
    DemoContract(
        "Hygiène 3D Nord",
        ContractKind.PEST_CONTROL,
        buildings=("TIL-A", "TIL-B"),
        started_days_ago=400,
    ),
    DemoContract("Antennes Val-de-Lys", ContractKind.TV_AERIAL, sites=("TIL", "MOU", "HLY")),
]


def create_contracts(today: date) -> list[Contractor]:
    """The demo's contractors (the plumber first) and their contracts; returns the contractors."""
    contractors = Contractor.objects.bulk_create(
        [
            Contractor(
                name=name,
                siret=f"{80000000000000 + i}",
                email=f"interventions@{_ascii(name).replace('-', '')[:18]}.example",
                phone=phone,
                fax=f"03 20 90 90 {10 + i}",
                street_address=f"{10 + i} zone artisanale du Pont",
                postcode=POSTCODE,
                city=TOWN,
            )
            for i, (name, phone, _hours) in enumerate(CONTRACTORS)
        ]
    )
    by_name = {contractor.name: contractor for contractor in contractors}
    hours = {name: hours for name, _phone, hours in CONTRACTORS}
    sites = {site.code: site for site in Site.objects.all()}
    buildings = {building.code: building for building in Building.objects.all()}
    with_lift = set(
        Building.objects.filter(entrances__has_lift=True).values_list("code", flat=True)
    )
    for number, spec in enumerate(CONTRACTS, start=1):
        contractor = by_name[spec.contractor]
        start = today - timedelta(days=spec.started_days_ago)
        contract = MaintenanceContract.objects.create(
            reference=f"CT-{start.year}-{number:03d}",
            contractor=contractor,
            kind=spec.kind,
            phone=contractor.phone,
            hours=hours[spec.contractor],
            start_date=start,
            end_date=today - timedelta(days=spec.ended_days_ago)
            if spec.ended_days_ago is not None
            else None,
        )
        contract.sites.set([sites[code] for code in spec.sites])
        named = set(spec.buildings) | (with_lift if spec.lifts else set())
        contract.buildings.set([buildings[code] for code in sorted(named)])
    return contractors


def _ascii(text: str) -> str:
    return (
        unicodedata.normalize("NFKD", text)
        .encode("ascii", "ignore")
        .decode()
        .lower()
        .replace(" ", "")
    )


# What an officer decided on taking a request in hand, when the catalogue said «to be
# assessed» (and, now and then, when wear and tear made a tenant repair the landlord's).
ASSESSED = [
    ("landlord", "Canalisation de l'immeuble en cause : à la charge du bailleur."),
    ("landlord", "Pièce usée par l'âge (vétusté) : à la charge du bailleur."),
    ("tenant", "Joint du siphon à changer : réparation locative."),
    ("tenant", "Dégât causé par un choc : à la charge du locataire."),
]
WORN = ("landlord", "Usure normale (vétusté) : cette réparation reste au bailleur.")


def officer_decision(rng: random.Random, suggested: str) -> dict[str, str]:
    """The `responsibility` and `responsibility_reason` an officer gives when taking a demo
    request in hand (lifecycle.acknowledge's keywords)."""
    if suggested == "assess":
        payer, reason = rng.choice(ASSESSED)
    elif suggested == "tenant" and rng.random() < 0.15:
        payer, reason = WORN
    else:
        return {"responsibility": suggested}
    return {"responsibility": payer, "responsibility_reason": reason}
