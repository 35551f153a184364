"""Realistic test data: a building with entrances and dwellings, households with leases."""

from __future__ import annotations

import itertools
import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from agir.accounts.models import Role, User
from agir.catalogue.models import CatalogueEntry, Urgency
from agir.estate.models import (
    Building,
    Caretaker,
    CommonArea,
    CommonAreaKind,
    Contractor,
    Dwelling,
    Entrance,
    Lease,
    MaintenanceContract,
    Occupancy,
    Sector,
    Site,
    Tenant,
)
from agir.repairs import lifecycle
from agir.repairs.lifecycle import Actor, NewRequest
from agir.repairs.models import Origin, RepairRequest, Status

_numbers = itertools.count(1)
PASSWORD = "correct-horse-battery"


@dataclass
class Estate:
    sector: Sector
    site: Site
    building: Building
    entrances: list[Entrance]
    dwellings: list[Dwelling]
    common_areas: dict[str, CommonArea] = field(default_factory=dict)


def build_estate(
    *, entrances: int = 2, floors: int = 3, per_floor: int = 2, name: str = ""
) -> Estate:
    """A site with one building, its entrances, dwellings on each floor and common areas."""
    n = next(_numbers)
    sector = Sector.objects.create(code=f"S{n}", name=f"Secteur {n}")
    site = Site.objects.create(
        code=f"SITE{n}", name=name or f"Résidence des Acacias {n}", postcode="59000", city="Lille"
    )
    building = Building.objects.create(
        site=site,
        sector=sector,
        code=f"B{n}",
        name=f"Bâtiment {n}",
        street_address=f"{n} rue des Acacias",
        postcode="59000",
        city="Lille",
    )
    made_entrances = [
        Entrance.objects.create(
            building=building,
            code="ABCD"[i],
            street_address=f"{n + i} rue des Acacias",
            has_lift=floors >= 4,
        )
        for i in range(entrances)
    ]
    dwellings = [
        Dwelling.objects.create(
            entrance=entrance,
            code=f"B{n}-{entrance.code}{floor}{door:02d}",
            number=f"{floor}{door:02d}",
            floor=floor,
            dwelling_type="T3",
            surface=Decimal("64.50"),
        )
        for entrance in made_entrances
        for floor in range(floors)
        for door in range(1, per_floor + 1)
    ]
    areas = {
        "hall": CommonArea.objects.create(
            kind=CommonAreaKind.HALL, label=f"Hall A, bâtiment {n}", entrance=made_entrances[0]
        ),
        "lift": CommonArea.objects.create(
            kind=CommonAreaKind.LIFT, label=f"Ascenseur A, bâtiment {n}", entrance=made_entrances[0]
        ),
        "bin_room": CommonArea.objects.create(
            kind=CommonAreaKind.BIN_ROOM, label=f"Local poubelles, bâtiment {n}", building=building
        ),
        "car_park": CommonArea.objects.create(
            kind=CommonAreaKind.CAR_PARK, label=f"Parking, résidence {n}", site=site
        ),
    }
    return Estate(sector, site, building, made_entrances, dwellings, areas)


@dataclass
class Household:
    lease: Lease
    tenants: list[Tenant]

    @property
    def holder(self) -> Tenant:
        return self.tenants[0]


def build_household(
    dwelling: Dwelling,
    *,
    occupants: int = 2,
    email: bool = True,
    start: date | None = None,
    end: date | None = None,
    with_account: bool = True,
) -> Household:
    n = next(_numbers)
    lease = Lease.objects.create(
        reference=f"BAIL{n:06d}",
        dwelling=dwelling,
        start_date=start or timezone.localdate() - timedelta(days=800),
        end_date=end,
    )
    tenants = []
    for i in range(occupants):
        tenant = Tenant.objects.create(
            external_ref=f"LOC{n:06d}{i}",
            title=["Mme", "M.", "Mme"][i % 3],
            first_name=["Nadia", "Karim", "Léa"][i % 3],
            last_name=f"Benali{n}",
            email=f"occupant{i}.{n}@exemple.fr" if email else "",
            mobile_phone="06 12 34 56 78",
            preferred_channels=["email", "sms"],
        )
        if with_account and i == 0:
            tenant.user = User.objects.create_user(
                username=f"locataire{n}",
                password=PASSWORD,
                role=Role.TENANT,
                first_name=tenant.first_name,
                last_name=tenant.last_name,
                email=tenant.email,
            )
            tenant.save(update_fields=["user"])
        Occupancy.objects.create(lease=lease, tenant=tenant, is_holder=i == 0)
        tenants.append(tenant)
    return Household(lease, tenants)


def build_staff(role: str = Role.OFFICER, username: str = "") -> User:
    n = next(_numbers)
    return User.objects.create_user(
        username=username or f"{role}{n}",
        password=PASSWORD,
        role=role,
        first_name="Sandrine",
        last_name=f"Wattel{n}",
    )


def build_caretaker(*sectors: Sector) -> Caretaker:
    caretaker = Caretaker.objects.create(user=build_staff(Role.CARETAKER))
    caretaker.sectors.set(sectors)
    return caretaker


def new_request(
    household: Household,
    *,
    entry_code: str = "KIT-SINK-LEAK",
    key: uuid.UUID | None = None,
    description: str = "L'eau coule sous l'évier depuis ce matin.",
) -> NewRequest:
    return NewRequest(
        idempotency_key=key or uuid.uuid4(),
        origin=Origin.TENANT_WEB,
        dwelling=household.lease.dwelling,
        lease=household.lease,
        catalogue_entry=CatalogueEntry.objects.get(code=entry_code),
        description=description,
        requested_by=household.holder,
        availability=["lundi matin"],
    )


def submitted_request(household: Household, **kwargs) -> RepairRequest:
    actor = Actor.of(household.holder.user) if household.holder.user else Actor.system("test")
    return lifecycle.submit_new(new_request(household, **kwargs), actor=actor).request


def request_copies(
    template: RepairRequest,
    count: int,
    *,
    status: str = Status.SUBMITTED,
    urgency: str = Urgency.NORMAL,
    hours_ago: int = 1,
) -> list[RepairRequest]:
    """`count` more requests like `template`, submitted an hour apart from `hours_ago` back,
    the newest first (bulk: for lists long as years of a building, not for the lifecycle)."""
    now = timezone.now()
    # The template's columns read once: a read a copy made 1,000 copies cost seconds.
    saved = RepairRequest.objects.get(pk=template.pk)
    fields = [f for f in RepairRequest._meta.concrete_fields if not f.primary_key]
    values = {f.attname: getattr(saved, f.attname) for f in fields}
    rows = []
    for n in range(count):
        row = RepairRequest(**values)
        row.code = uuid.uuid4()
        row.idempotency_key = uuid.uuid4()
        row.reference = f"1998-{next(_numbers):06d}"
        row.status = status
        row.urgency = urgency
        row.submitted_at = now - timedelta(hours=hours_ago + n)
        rows.append(row)
    return RepairRequest.objects.bulk_create(rows)


def common_area_request(
    household: Household,
    area: CommonArea,
    *,
    entry_code: str = "LIFT-CAR-NOT_WORKING",
    key: uuid.UUID | None = None,
) -> RepairRequest:
    """A submitted request about a common area, made by `household`'s first occupant."""
    new = NewRequest(
        idempotency_key=key or uuid.uuid4(),
        origin=Origin.TENANT_WEB,
        common_area=area,
        lease=household.lease,
        catalogue_entry=CatalogueEntry.objects.get(code=entry_code),
        requested_by=household.holder,
    )
    actor = Actor.of(household.holder.user) if household.holder.user else Actor.system("test")
    return lifecycle.submit_new(new, actor=actor).request


def build_contract(
    kind: str,
    *,
    buildings: tuple[Building, ...] = (),
    sites: tuple[Site, ...] = (),
    contractor: str = "Plomberie Lys Services",
    phone: str = "03 20 11 22 33",
    hours: str = "lun.–ven. 8 h–18 h",
    start: date | None = None,
    end: date | None = None,
) -> MaintenanceContract:
    """A maintenance contract of `kind` for `buildings` and/or whole `sites`, in force since
    two years unless told otherwise."""
    n = next(_numbers)
    contract = MaintenanceContract.objects.create(
        reference=f"CT-{n:04d}",
        contractor=Contractor.objects.create(name=contractor, phone=phone),
        kind=kind,
        phone=phone,
        hours=hours,
        start_date=start or timezone.localdate() - timedelta(days=730),
        end_date=end,
    )
    contract.buildings.set(buildings)
    contract.sites.set(sites)
    return contract
