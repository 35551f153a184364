"""Who pays for a repair: one answer for every page, the API and the back office.

Telling a tenant «c'est à votre charge» is a legal statement, so it is made here and nowhere
else. The answer comes from:

1. the catalogue entry: who pays where no maintenance contract covers the problem (tenant:
   réparations locatives, decree 87-712 and law 89-462 art. 7; landlord: art. 6; or to be
   assessed), and which kind of contract covers it (`CatalogueEntry.contract_kind`);
2. the maintenance contracts of the place: a contract of that kind, in force on the day, for
   the building or for the whole site. What it covers is paid through the service charges
   (decree 87-713), so the tenant is never billed for it again;
3. the officer's decision, once the request has been taken in hand: it wins, with its reason.

Until then the answer is «en principe» and the tenant reads «à confirmer»: the landlord
confirms who pays (and the price, where the tenant pays) before any work. A tenant repair made
necessary by wear and tear, a defect, a construction fault or force majeure stays the
landlord's (law 89-462 art. 7 d): `exceptions` says so in plain words.
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agir.catalogue.models import CatalogueEntry, Responsibility
from agir.estate.models import (
    Building,
    CommonArea,
    ContractKind,
    Dwelling,
    MaintenanceContract,
    Site,
)

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise

    from agir.repairs.models import RepairRequest, RequestEvent

    Place = Dwelling | CommonArea | Building | Site

# Law 89-462 art. 7 d, in the tenant's words: a tenant repair caused by one of these stays
# the landlord's.
EXCEPTIONS: tuple[_StrPromise, ...] = (
    _("l'usure normale liée à l'âge (vétusté)"),
    _("un défaut de l'équipement ou un travail mal fait (malfaçon)"),
    _("un défaut de construction"),
    _("un cas fortuit ou de force majeure (tempête, inondation…)"),
)

# Why what a contract covers is not billed to the tenant: decree 87-713's annex, section by
# contract kind (the collective aerial is not in the annex: the landlord pays its contract).
CONTRACT_BASIS: dict[str, _StrPromise] = {
    ContractKind.PLUMBING: _(
        "Décret n° 87-713 du 26 août 1987, annexe III : le dépannage et les menues réparations "
        "des robinets, des chasses d'eau et des chauffe-eau sont faits dans le cadre du contrat "
        "d'entretien, payé par les charges."
    ),
    ContractKind.GAS_BOILER: _(
        "Décret n° 87-713 du 26 août 1987, annexe III : l'entretien, le dépannage et les menues "
        "réparations de la chaudière sont faits dans le cadre du contrat d'entretien, payé par "
        "les charges."
    ),
    ContractKind.COLLECTIVE_HEATING: _(
        "Décret n° 87-713 du 26 août 1987, annexe II : l'exploitation, l'entretien courant et "
        "les menues réparations du chauffage et de l'eau chaude collectifs (purge des "
        "radiateurs comprise) sont faits dans le cadre du contrat, payé par les charges."
    ),
    ContractKind.LIFT: _(
        "Loi n° 89-462, art. 23, et décret n° 87-713, annexe I : le dépannage de l'ascenseur "
        "et la libération des personnes bloquées sont faits dans le cadre du contrat "
        "d'entretien, payé par les charges."
    ),
    ContractKind.VENTILATION: _(
        "Décret n° 87-713 du 26 août 1987, annexe VII : l'entretien de la ventilation mécanique "
        "est fait dans le cadre du contrat, payé par les charges."
    ),
    ContractKind.ACCESS_CONTROL: _(
        "Décret n° 87-713 du 26 août 1987, annexe VII : l'entretien des interphones et des "
        "portes à code est fait dans le cadre du contrat, payé par les charges."
    ),
    ContractKind.DOORS_GATES: _(
        "Décret n° 87-713 du 26 août 1987, annexe VII : l'entretien des portes et portails "
        "automatiques est fait dans le cadre du contrat, payé par les charges."
    ),
    ContractKind.WATER_METERS: _(
        "Décret n° 87-713 du 26 août 1987, annexe II : la location, l'entretien et le relevé "
        "des compteurs d'eau sont faits dans le cadre du contrat, payé par les charges."
    ),
    ContractKind.PEST_CONTROL: _(
        "Décret n° 87-713 du 26 août 1987, annexe VI : la désinsectisation et la dératisation "
        "des parties communes sont faites dans le cadre du contrat, payé par les charges."
    ),
    ContractKind.TV_AERIAL: _(
        "Loi n° 89-462, art. 6 : l'antenne collective est un équipement de l'immeuble, "
        "entretenu par l'entreprise sous contrat avec votre bailleur."
    ),
}

# What an officer's decision rests on when it departs from the catalogue's answer.
DECIDED_BASIS: dict[str, _StrPromise] = {
    Responsibility.TENANT: _(
        "Loi n° 89-462, art. 7 c) et d) : les réparations locatives (décret n° 87-712) et les "
        "dégradations sont à la charge du locataire."
    ),
    Responsibility.LANDLORD: _(
        "Loi n° 89-462, art. 6 : le bailleur fait toutes les réparations autres que locatives."
    ),
    Responsibility.ASSESS: _("Qui paie sera décidé après le diagnostic."),
}


@dataclass(frozen=True)
class Decision:
    """An officer's decision on who pays, taken with the request in hand."""

    payer: str  # a Responsibility value
    reason: str = ""


@dataclass(frozen=True)
class ContractAnswer:
    """The maintenance contract that applies, and how the tenant reaches its contractor."""

    reference: str
    kind: str
    kind_label: str
    contractor: str
    phone: str
    hours: str
    covers: str  # "building" or "site": what the contract names


@dataclass(frozen=True)
class WhoPays:
    """The answer. `payer` is a `Responsibility` value:

    - "tenant": a tenant repair (réparation locative); the tenant may be billed;
    - "landlord": the landlord's repair;
    - "contract": a maintenance contract covers it; the contractor comes and nothing is billed
      on top of the service charges (`contract` says which, and how to reach it);
    - "assess": someone must look at the cause before saying.
    """

    payer: str
    decided: bool  # an officer decided, with the request in hand; otherwise «en principe»
    reason: str  # the officer's reason, when decided and given
    legal_basis: str
    contract: ContractAnswer | None
    exceptions: tuple[str, ...]  # law 89-462 art. 7 d, where the tenant may end up paying
    without_contract: str  # who pays where no contract covers it (the catalogue's rule)
    contract_kind: str  # the kind of contract that would cover it ("" when none does)
    entry_code: str = ""

    @property
    def in_principle(self) -> bool:
        return not self.decided

    @property
    def tenant_pays(self) -> bool:
        """The tenant may be billed: ask them to acknowledge it before sending."""
        return self.payer == Responsibility.TENANT

    @property
    def payer_label(self) -> str:
        return str(Responsibility(self.payer).label)

    @property
    def contract_kind_label(self) -> str:
        return str(ContractKind(self.contract_kind).label) if self.contract_kind else ""


def who_pays(
    entry: CatalogueEntry | None,
    place: Place | None = None,
    *,
    on: date | None = None,
    decision: Decision | None = None,
) -> WhoPays:
    """Who pays for `entry`'s problem at `place`, on the day `on` (default: today).

    `entry`: the catalogue entry, or None for a problem described in the tenant's own words
    (then it is to be assessed). `place`: the dwelling, the common area, the building or the
    site; None when it is not known (the public API without a building): then no contract is
    looked up and the answer says who pays where no contract covers it. `decision`: the
    officer's, once the request has been taken in hand; it wins over the rest.

    Contracts: those of the entry's `contract_kind`, in force on `on`, naming the place's
    building or its whole site; one naming the building wins over a site-wide one. A
    site-wide common area (the grounds) is covered by site-wide contracts only.
    One or two queries when a contract may apply, none otherwise.
    """
    without_contract = entry.responsibility if entry is not None else Responsibility.ASSESS
    kind = entry.contract_kind if entry is not None else ""
    contract = _contract_for(kind, place, on) if kind and place is not None else None

    if decision is not None:
        payer = decision.payer
        if payer == Responsibility.CONTRACT and contract is None and place is not None:
            # The officer sent it to a contract the entry does not name: the equipment's.
            usual = entry.equipment.contract_kind if entry is not None else ""
            contract = _contract_for(usual, place, on) if usual else None
        if payer != Responsibility.CONTRACT:
            contract = None
    else:
        payer = Responsibility.CONTRACT if contract is not None else without_contract

    if payer == Responsibility.CONTRACT:
        legal_basis = str(CONTRACT_BASIS.get(contract.kind if contract else kind, ""))
    elif entry is not None and payer == without_contract:
        legal_basis = entry.legal_basis
    else:
        legal_basis = str(DECIDED_BASIS.get(payer, ""))
    may_fall_on_tenant = payer in {Responsibility.TENANT, Responsibility.ASSESS}
    return WhoPays(
        payer=str(payer),
        decided=decision is not None,
        reason=decision.reason if decision is not None else "",
        legal_basis=legal_basis,
        contract=contract,
        exceptions=tuple(str(text) for text in EXCEPTIONS) if may_fall_on_tenant else (),
        without_contract=str(without_contract),
        contract_kind=kind,
        entry_code=entry.code if entry is not None else "",
    )


def who_pays_for_request(request: RepairRequest, *, on: date | None = None) -> WhoPays:
    """`who_pays` for an existing request: its entry, its place, and, once it has been taken
    in hand (acknowledged), the officer's decision and reason."""
    place = request.common_area or request.dwelling or request.building
    decision = None
    if request.acknowledged_at is not None:
        decision = Decision(request.responsibility, request.responsibility_reason)
    return who_pays(request.catalogue_entry, place, on=on, decision=decision)


def who_pays_as_decided(request: RepairRequest, event: RequestEvent) -> WhoPays | None:
    """Who pays as the officer decided it with `event` (the request taken in hand), for the
    tenant's timeline and messages; None when the event decided nothing about it."""
    payer = (event.data or {}).get("responsibility")
    if not payer:
        return None
    return who_pays(
        request.catalogue_entry,
        request.common_area or request.dwelling or request.building,
        on=timezone.localdate(event.at),
        decision=Decision(payer, event.data.get("responsibility_reason", "")),
    )


_remembered: contextvars.ContextVar[dict | None] = contextvars.ContextVar(
    "payer_contracts", default=None
)


@contextmanager
def contracts_remembered() -> Iterator[None]:
    """Look each (contract kind, building, site, day) up once for the block's duration: a
    bulk import asks the same question for thousands of requests of the same buildings."""
    token = _remembered.set({})
    try:
        yield
    finally:
        _remembered.reset(token)


def _contract_for(kind: str, place: Place, on: date | None) -> ContractAnswer | None:
    building, site_id = _building_and_site(place)
    memo = _remembered.get()
    if memo is None:
        return _look_up_contract(kind, building, site_id, on)
    key = (kind, building.pk if building is not None else None, site_id, on)
    if key not in memo:
        memo[key] = _look_up_contract(kind, building, site_id, on)
    return memo[key]


def _look_up_contract(
    kind: str, building: Building | None, site_id: int, on: date | None
) -> ContractAnswer | None:
    contract = (
        MaintenanceContract.objects.covering(building, kind, on, site_id=site_id)
        .select_related("contractor")
        .first()
    )
    if contract is None:
        return None
    return ContractAnswer(
        reference=contract.reference,
        kind=contract.kind,
        kind_label=str(contract.get_kind_display()),
        contractor=contract.contractor.name,
        phone=contract.phone or contract.contractor.phone,
        hours=contract.hours,
        covers="building" if contract.on_building else "site",
    )


def _building_and_site(place: Place) -> tuple[Building | None, int]:
    if isinstance(place, Site):
        return None, place.pk
    if isinstance(place, Building):
        return place, place.site_id
    if isinstance(place, Dwelling):
        building = place.entrance.building
        return building, building.site_id
    if isinstance(place, CommonArea):
        if place.entrance_id:
            building = place.entrance.building
            return building, building.site_id
        if place.building_id:
            return place.building, place.building.site_id
        return None, place.site_id
    raise TypeError(f"who_pays: unknown place {place!r}")


@dataclass(frozen=True)
class PayerInList:
    payer: str
    decided: bool

    @property
    def payer_label(self) -> str:
        return str(Responsibility(self.payer).label)


def who_pays_in_list(request: RepairRequest) -> PayerInList:
    """Who pays, for one row of a list of requests, without a query: the officer's decision
    once the request is in hand, else the answer given when it was recorded (`who_pays` with
    the place's contracts of that day), «en principe». The request's page gives the full
    answer (`who_pays_for_request`)."""
    return PayerInList(request.responsibility, request.acknowledged_at is not None)
