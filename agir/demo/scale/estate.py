"""The estate of a large landlord, its households, caretakers, staff and contractors.

Sites of 2 to 6 buildings; buildings of 1 to 3 entrances, 3 to 8 floors, 4 dwellings a floor;
a sector (one caretaker) for every 4 sites; a current lease on 96 % of the dwellings, 1 to 3
occupants, and the previous lease where the household moved in within the years of history.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.contrib.auth.hashers import make_password

from agir.accounts.models import Role, User
from agir.demo.seed import FIRST_NAMES, LAST_NAMES, TYPE_WEIGHTS
from agir.estate.models import (
    Building,
    Caretaker,
    CommonArea,
    CommonAreaKind,
    ContractKind,
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

from .quality import Contract, Contracts
from .writer import Dialect, Table, next_id

PASSWORD = "agir-scale"
TOWNS = [
    ("Valmont-sur-Lys", "59870"),
    ("Roubaix", "59100"),
    ("Tourcoing", "59200"),
    ("Lens", "62300"),
    ("Douai", "59500"),
    ("Arras", "62000"),
    ("Béthune", "62400"),
    ("Valenciennes", "59300"),
]
STREETS = ["rue", "avenue", "allée", "boulevard", "impasse", "place"]
NAMES = ["Tilleuls", "Moulin", "Peupliers", "Gare", "Lys", "Acacias", "Mimosas", "Cerisiers"]
SURFACE = {"T1": 30, "T2": 46, "T3": 65, "T4": 80, "T5": 95, "T6": 110}
SITES_A_SECTOR = 4
# The contracts a group of sites shares, and how many sites a group has.
CONTRACT_KINDS = [
    ContractKind.PLUMBING,
    ContractKind.GAS_BOILER,
    ContractKind.VENTILATION,
    ContractKind.ACCESS_CONTROL,
    ContractKind.LIFT,
]
SITES_A_CONTRACT = 10


@dataclass
class Home:
    """What the history needs of a dwelling, kept in memory (not model instances)."""

    dwelling_id: int
    number: str
    entrance_id: int
    building_id: int
    site_id: int
    lease_id: int | None = None
    lease_start: date | None = None
    tenants: list[int] = field(default_factory=list)
    previous_lease_id: int | None = None
    previous_tenant: int | None = None


@dataclass
class Estate:
    homes: list[Home]
    # (area id, kind, building id it is filed under, entrance id or None, site id)
    areas: list[tuple[int, str, int, int | None, int]]
    entrance_areas: dict[int, list[int]]  # entrance id -> indexes in `areas`
    building_areas: dict[int, list[int]]
    site_areas: dict[int, list[int]]
    # tenant id -> (user id or None, channel, address, full name)
    tenants: dict[int, tuple[int | None, str, str, str]]
    officer_ids: list[int]
    caretaker_user_by_sector: dict[int, int]
    sector_of_building: dict[int, int]
    site_of_building: dict[int, int]
    contracts: Contracts  # who holds which contract kind for which sites
    counts: dict[str, int]


def build(rng: random.Random, dwellings: int, years: int, today: date, now: datetime) -> Estate:
    d = Dialect()
    counts: dict[str, int] = {}
    homes: list[Home] = []

    sectors = Table(Sector, ["id", "code", "name"])
    sites = Table(Site, ["id", "code", "name", "postcode", "city"])
    buildings = Table(
        Building,
        [
            "id",
            "site_id",
            "sector_id",
            "code",
            "name",
            "street_address",
            "postcode",
            "city",
            "latitude",
            "longitude",
        ],
    )
    entrances = Table(Entrance, ["id", "building_id", "code", "street_address", "has_lift"])
    dwelling_rows = Table(
        Dwelling, ["id", "entrance_id", "code", "number", "floor", "dwelling_type", "surface"]
    )
    areas_table = Table(
        CommonArea, ["id", "kind", "label", "site_id", "building_id", "entrance_id"]
    )
    ids = {m: next_id(m) for m in (Sector, Site, Building, Entrance, Dwelling, CommonArea)}
    areas: list[tuple[int, str, int, int | None, int]] = []
    entrance_areas: dict[int, list[int]] = {}
    building_areas: dict[int, list[int]] = {}
    site_areas: dict[int, list[int]] = {}
    sector_of_building: dict[int, int] = {}
    site_of_building: dict[int, int] = {}
    types = [t for t, _ in TYPE_WEIGHTS]
    weights = [w for _, w in TYPE_WEIGHTS]
    sector_ids: list[int] = []
    site_ids: list[int] = []

    def area(kind: str, label: str, building: int, site: int, *, entrance=None, on=None) -> int:
        pk = ids[CommonArea]
        ids[CommonArea] += 1
        where = on or "entrance"
        areas_table.add(
            (
                pk,
                kind,
                label,
                site if where == "site" else None,
                building if where == "building" else None,
                entrance if where == "entrance" else None,
            )
        )
        areas.append((pk, kind, building, entrance, site))
        return len(areas) - 1

    site_number = 0
    while len(homes) < dwellings:
        if site_number % SITES_A_SECTOR == 0:
            sector_id = ids[Sector]
            ids[Sector] += 1
            sectors.add((sector_id, f"S{sector_id:04d}", f"Secteur {sector_id}"))
            sector_ids.append(sector_id)
        site_id = ids[Site]
        ids[Site] += 1
        site_ids.append(site_id)
        town, postcode = TOWNS[site_number % len(TOWNS)]
        site_name = f"Résidence {rng.choice(NAMES)} {site_id}"
        sites.add((site_id, f"R{site_id:05d}", site_name, postcode, town))
        street = f"{rng.choice(STREETS)} des {rng.choice(NAMES)}"
        first_building: int | None = None
        for b in range(rng.randint(2, 6)):
            if len(homes) >= dwellings:
                break
            building_id = ids[Building]
            ids[Building] += 1
            first_building = first_building or building_id
            sector_of_building[building_id] = sector_id
            site_of_building[building_id] = site_id
            code = f"R{site_id:05d}-{'ABCDEF'[b]}"
            address = f"{2 + 4 * b} {street}"
            buildings.add(
                (
                    building_id,
                    site_id,
                    sector_id,
                    code,
                    f"{site_name} – bât. {'ABCDEF'[b]}",
                    address,
                    postcode,
                    town,
                    50.0 + rng.random(),
                    2.5 + rng.random(),
                )
            )
            floors = rng.randint(3, 8)
            for e in range(rng.randint(1, 3)):
                if len(homes) >= dwellings:
                    break
                entrance_id = ids[Entrance]
                ids[Entrance] += 1
                has_lift = floors >= 5
                entrances.add(
                    (
                        entrance_id,
                        building_id,
                        "ABC"[e],
                        f"{2 + 4 * b + e} {street}",
                        d.bool(has_lift),
                    )
                )
                where = f"{code}, entrée {'ABC'[e]}"
                indexes = [
                    area(
                        CommonAreaKind.HALL,
                        f"Hall – {where}",
                        building_id,
                        site_id,
                        entrance=entrance_id,
                    ),
                    area(
                        CommonAreaKind.STAIRWELL,
                        f"Escalier – {where}",
                        building_id,
                        site_id,
                        entrance=entrance_id,
                    ),
                ]
                if has_lift:
                    indexes.append(
                        area(
                            CommonAreaKind.LIFT,
                            f"Ascenseur – {where}",
                            building_id,
                            site_id,
                            entrance=entrance_id,
                        )
                    )
                entrance_areas[entrance_id] = indexes
                for floor in range(floors + 1):
                    for door in range(1, 5):
                        if len(homes) >= dwellings:
                            break
                        dwelling_id = ids[Dwelling]
                        ids[Dwelling] += 1
                        kind = rng.choices(types, weights)[0]
                        number = f"{floor}{door:02d}"
                        dwelling_rows.add(
                            (
                                dwelling_id,
                                entrance_id,
                                f"{code}-{'ABC'[e]}{number}",
                                number,
                                floor,
                                kind,
                                f"{SURFACE[kind] + rng.randint(-5, 6)}.00",
                            )
                        )
                        homes.append(Home(dwelling_id, number, entrance_id, building_id, site_id))
            building_areas[building_id] = [
                area(
                    CommonAreaKind.CELLAR,
                    f"Caves – {code}",
                    building_id,
                    site_id,
                    on="building",
                ),
                area(
                    CommonAreaKind.BIN_ROOM,
                    f"Local poubelles – {code}",
                    building_id,
                    site_id,
                    on="building",
                ),
            ]
        site_areas[site_id] = [
            area(
                CommonAreaKind.OUTDOOR,
                f"Extérieurs – {site_name}",
                first_building,
                site_id,
                on="site",
            ),
            area(
                CommonAreaKind.CAR_PARK,
                f"Parking – {site_name}",
                first_building,
                site_id,
                on="site",
            ),
        ]
        site_number += 1
    for table in (sectors, sites, buildings, entrances, dwelling_rows, areas_table):
        table.flush()
        counts[table.table] = table.written

    tenants, _users = _households(rng, d, homes, years, today, now, counts)
    officer_ids, caretakers = _people(rng, d, sector_ids, now, counts)
    contracts = _contracts(rng, d, site_ids, today, counts)
    return Estate(
        homes=homes,
        areas=areas,
        entrance_areas=entrance_areas,
        building_areas=building_areas,
        site_areas=site_areas,
        tenants=tenants,
        officer_ids=officer_ids,
        caretaker_user_by_sector=caretakers,
        sector_of_building=sector_of_building,
        site_of_building=site_of_building,
        contracts=contracts,
        counts=counts,
    )


USER_COLUMNS = [
    "id",
    "password",
    "last_login",
    "is_superuser",
    "username",
    "first_name",
    "last_name",
    "email",
    "is_staff",
    "is_active",
    "date_joined",
    "role",
]


def _households(rng, d: Dialect, homes: list[Home], years: int, today: date, now, counts):
    tenants_table = Table(
        Tenant,
        [
            "id",
            "code",
            "external_ref",
            "title",
            "first_name",
            "last_name",
            "email",
            "mobile_phone",
            "landline_phone",
            "fax",
            "preferred_channels",
            "user_id",
        ],
    )
    leases = Table(Lease, ["id", "reference", "dwelling_id", "start_date", "end_date"])
    occupancies = Table(Occupancy, ["id", "lease_id", "tenant_id", "is_holder"])
    users = Table(User, USER_COLUMNS)
    ids = {m: next_id(m) for m in (Tenant, Lease, Occupancy, User)}
    password = make_password(PASSWORD)
    joined = d.dt(now - timedelta(days=400))
    tenants: dict[int, tuple[int | None, str, str, str]] = {}
    history_start = today - timedelta(days=365 * years)

    def person(lease_id: int, holder: bool, account: bool) -> int:
        (first, title), last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        pk = ids[Tenant]
        ids[Tenant] += 1
        email = f"t{pk}@exemple.fr" if rng.random() < 0.7 else ""
        mobile = "06 " + " ".join(str(rng.randint(10, 99)) for _ in range(4))
        channels = ["email", "sms"] if email else ["sms", "letter"]
        user_id = None
        if account:
            user_id = ids[User]
            ids[User] += 1
            users.add(
                (
                    user_id,
                    password,
                    None,
                    d.bool(False),
                    f"loc{pk}",
                    first,
                    last,
                    email,
                    d.bool(False),
                    d.bool(True),
                    joined,
                    Role.TENANT,
                )
            )
        tenants_table.add(
            (
                pk,
                d.uuid(rng.getrandbits(128)),
                f"L{pk:08d}",
                title,
                first,
                last,
                email,
                mobile,
                "",
                "",
                d.json(channels),
                user_id,
            )
        )
        occupancies.add((ids[Occupancy], lease_id, pk, d.bool(holder)))
        ids[Occupancy] += 1
        channel, address = (channels[0], email) if email else ("sms", mobile)
        tenants[pk] = (user_id, channel, address, f"{title} {first} {last}")
        return pk

    for home in homes:
        start = today - timedelta(days=rng.randint(30, 9000))
        if start > history_start:
            # The household before: it left a fortnight before this one moved in.
            lease_id = ids[Lease]
            ids[Lease] += 1
            end = start - timedelta(days=15)
            leases.add(
                (
                    lease_id,
                    f"B{lease_id:09d}",
                    home.dwelling_id,
                    d.day(end - timedelta(days=rng.randint(800, 5000))),
                    d.day(end),
                )
            )
            home.previous_lease_id = lease_id
            home.previous_tenant = person(lease_id, True, False)
        if rng.random() < 0.04:
            continue  # vacant
        lease_id = ids[Lease]
        ids[Lease] += 1
        leases.add((lease_id, f"B{lease_id:09d}", home.dwelling_id, d.day(start), None))
        home.lease_id, home.lease_start = lease_id, start
        for position in range(rng.choices([1, 2, 3], [45, 45, 10])[0]):
            # A third of the holders have an account on the portal.
            account = position == 0 and rng.random() < 0.33
            home.tenants.append(person(lease_id, position < 2, account))
    for table in (users, tenants_table, leases, occupancies):
        table.flush()
        counts[table.table] = table.written
    return tenants, users


def _people(rng, d: Dialect, sector_ids: list[int], now, counts):
    """Caretakers (one a sector), officers (one for 5,000 dwellings, at least 3), a manager.
    The first of each gets a plain name the benchmarks sign in with."""
    users = Table(User, USER_COLUMNS)
    caretakers = Table(Caretaker, ["id", "user_id", "phone"])
    covers = Table(Caretaker.sectors.through, ["id", "caretaker_id", "sector_id"])
    user_id, caretaker_id = next_id(User), next_id(Caretaker)
    cover_id = next_id(Caretaker.sectors.through)
    password = make_password(PASSWORD)
    joined = d.dt(now - timedelta(days=400))
    by_sector: dict[int, int] = {}

    def user(username: str, role: str, staff: bool = False) -> int:
        nonlocal user_id
        (first, _title), last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        users.add(
            (
                user_id,
                password,
                None,
                d.bool(staff),
                username,
                first,
                last,
                f"{username}@bailleur.example",
                d.bool(staff),
                d.bool(True),
                joined,
                role,
            )
        )
        user_id += 1
        return user_id - 1

    for n, sector_id in enumerate(sector_ids):
        uid = user("gardien" if n == 0 else f"gardien{n}", Role.CARETAKER)
        caretakers.add((caretaker_id, uid, "06 70 00 00 01"))
        covers.add((cover_id, caretaker_id, sector_id))
        by_sector[sector_id] = uid
        caretaker_id += 1
        cover_id += 1
    officers = [
        user("agent" if n == 0 else f"agent{n}", Role.OFFICER)
        for n in range(max(3, len(sector_ids) * 600 // 5000))
    ]
    user("responsable", Role.MANAGER, staff=True)
    for table in (users, caretakers, covers):
        table.flush()
    counts["accounts_user (staff)"] = users.written
    counts[caretakers.table] = caretakers.written
    return officers, by_sector


def _contracts(rng, d: Dialect, site_ids: list[int], today: date, counts) -> Contracts:
    """A contractor for each kind and group of sites; each contract covers its group."""
    found = Contracts()
    start = today - timedelta(days=3000)
    contractors = Table(
        Contractor,
        ["id", "name", "siret", "email", "phone", "fax", "street_address", "postcode", "city"],
    )
    contracts = Table(
        MaintenanceContract,
        ["id", "reference", "contractor_id", "kind", "phone", "hours", "start_date", "end_date"],
    )
    covered = Table(MaintenanceContract.sites.through, ["id", "maintenancecontract_id", "site_id"])
    contractor_id, contract_id = next_id(Contractor), next_id(MaintenanceContract)
    through_id = next_id(MaintenanceContract.sites.through)
    for group in range(0, len(site_ids), SITES_A_CONTRACT):
        for kind in CONTRACT_KINDS:
            contractors.add(
                (
                    contractor_id,
                    f"Entreprise {kind} {group // SITES_A_CONTRACT + 1}",
                    f"{rng.randint(10**13, 10**14 - 1)}",
                    f"e{contractor_id}@entreprise.example",
                    "03 20 00 00 00",
                    "",
                    "1 rue de l'Industrie",
                    "59000",
                    "Lille",
                )
            )
            contracts.add(
                (
                    contract_id,
                    f"C{contract_id:06d}",
                    contractor_id,
                    kind,
                    "03 20 00 00 00",
                    "lun.–ven. 8 h–18 h",
                    d.day(start),
                    None,
                )
            )
            for site_id in site_ids[group : group + SITES_A_CONTRACT]:
                covered.add((through_id, contract_id, site_id))
                found.add(site_id, kind, Contract(contractor_id, start, None))
                through_id += 1
            contractor_id += 1
            contract_id += 1
    for table in (contractors, contracts, covered):
        table.flush()
        counts[table.table] = table.written
    return found
