"""The demo estate: the south district of a made-up mid-sized town, and a year of requests.

Deterministic (a fixed random seed), built with bulk inserts for the estate and through
`repairs.lifecycle` for the requests, so that their histories are what the product would write.
"""

from __future__ import annotations

import random
import time
import unicodedata
import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from agir.accounts.models import Role, User
from agir.catalogue.models import CatalogueEntry, PlaceScope
from agir.catalogue.payer import who_pays
from agir.core.models import DemoMarker
from agir.demo import contracts, second_factors
from agir.demo import quality as demo_quality
from agir.demo.backoffice import seed_backoffice
from agir.demo.exchange import seed_exchange
from agir.demo.inbox import seed_inbox_views
from agir.demo.rounds import seed_rounds
from agir.demo.works import seed_works
from agir.estate.models import (
    Building,
    Caretaker,
    Channel,
    CommonArea,
    CommonAreaKind,
    Contractor,
    Dwelling,
    Entrance,
    Lease,
    Occupancy,
    Sector,
    Site,
    Tenant,
)
from agir.repairs import lifecycle
from agir.repairs.lifecycle import Actor, NewRequest
from agir.repairs.models import Origin, RepairRequest, Status

DEMO_PASSWORD = "agir-demo"
TOWN, POSTCODE = "Valmont-sur-Lys", "59870"


@dataclass(frozen=True)
class DemoLogin:
    role: str
    username: str
    password: str
    who: str
    totp_secret: str = ""  # staff: the second factor's secret, for an authenticator app


@dataclass(frozen=True)
class SignupTrial:
    """A co-occupant of the demo tenant's lease, with no account yet, and a fresh code."""

    name: str
    lease_reference: str
    code: str


# The co-occupant a visitor can sign up as (see signup_trial()).
SIGNUP_TENANT_REF = "DEMO-SIGNUP"


SITES = [
    # code, name, street, buildings, entrances a building, floors, dwellings a floor,
    # lift from this many floors
    ("TIL", "Les Tilleuls", "rue des Tilleuls", 4, 3, 5, 4, 5),
    ("MOU", "Résidence du Moulin", "avenue du Moulin", 3, 2, 8, 4, 5),
    ("PEU", "Cité des Peupliers", "allée des Peupliers", 8, 2, 4, 4, 9),
    ("CLO", "Le Clos Fleuri", "rue Jean-Jaurès", 6, 2, 3, 4, 9),
    ("GAR", "Les Jardins de la Gare", "rue de la Gare", 4, 3, 6, 4, 5),
    ("HLY", "Les Hauts de Lys", "boulevard de la Lys", 3, 3, 10, 4, 5),
]
SECTORS = [("SUD-E", "Sud-Est"), ("SUD-O", "Sud-Ouest"), ("SUD-C", "Sud-Centre")]
SITE_SECTOR = {"TIL": 0, "MOU": 0, "PEU": 1, "CLO": 1, "GAR": 2, "HLY": 2}

# First names with the title that goes with them: it is printed on letters («Mme Amina …»).
FIRST_NAMES = [
    ("Nadia", "Mme"),
    ("Karim", "M."),
    ("Sophie", "Mme"),
    ("Jean", "M."),
    ("Fatima", "Mme"),
    ("Mohamed", "M."),
    ("Marie", "Mme"),
    ("Pierre", "M."),
    ("Aïcha", "Mme"),
    ("Thomas", "M."),
    ("Léa", "Mme"),
    ("Mamadou", "M."),
    ("Chantal", "Mme"),
    ("Youssef", "M."),
    ("Isabelle", "Mme"),
    ("Dylan", "M."),
    ("Monique", "Mme"),
    ("Rachid", "M."),
    ("Camille", "Mme"),
    ("Bernard", "M."),
    ("Inès", "Mme"),
    ("Kevin", "M."),
    ("Josiane", "Mme"),
    ("Sébastien", "M."),
    ("Amina", "Mme"),
    ("Lucas", "M."),
    ("Odette", "Mme"),
    ("Hugo", "M."),
    ("Samira", "Mme"),
    ("Gérard", "M."),
    ("Emma", "Mme"),
    ("Ibrahima", "M."),
    ("Nathalie", "Mme"),
    ("Julien", "M."),
    ("Yasmine", "Mme"),
    ("André", "M."),
]
LAST_NAMES = [
    "Martin",
    "Bernard",
    "Dubois",
    "Benali",
    "Petit",
    "Durand",
    "Leroy",
    "Moreau",
    "Diallo",
    "Lefebvre",
    "Mercier",
    "Haddad",
    "Lambert",
    "Fontaine",
    "Rousseau",
    "Traoré",
    "Vincent",
    "Morel",
    "Girard",
    "Bouzid",
    "Andre",
    "Lefèvre",
    "Roux",
    "Nguyen",
    "Fournier",
    "Masson",
    "Deschamps",
    "Chevalier",
    "Kaci",
    "Garnier",
    "Faure",
    "Blanc",
    "Guérin",
    "Muller",
    "Henry",
]
TYPE_WEIGHTS = [("T1", 8), ("T2", 22), ("T3", 35), ("T4", 25), ("T5", 8), ("T6", 2)]
SURFACE = {"T1": 30, "T2": 46, "T3": 65, "T4": 80, "T5": 95, "T6": 110}


def is_empty() -> bool:
    return not Site.objects.exists()


def seed(*, requests: int = 1200, today: date | None = None, log=print) -> list[DemoLogin]:
    """Fill an empty database with the demo; returns the demo logins."""
    rng = random.Random(2026)
    now = timezone.now()
    today = today or timezone.localdate()
    started = time.monotonic()
    with transaction.atomic():
        sectors = _sectors()
        dwellings, areas = _estate(rng, sectors)
        log(f"  estate: {len(dwellings)} dwellings, {len(areas)} common areas")
        leases = _households(rng, dwellings, today)
        log(f"  households: {len(leases)} current leases")
        contractors = contracts.create_contracts(today)
        logins = _people(rng, sectors, leases, contractors)
        DemoMarker.objects.create(created_at=now)
    with transaction.atomic(), demo_quality.facts_suspended():
        made = _past_requests(rng, requests, leases, areas, now)
        log(f"  requests: {made} over the past year")
        demo_quality.seed_quality(now, log)
    seed_rounds(now, log)
    seed_works(now, log)
    seed_inbox_views(log)
    seed_backoffice(now, log)
    seed_exchange(log)
    log(f"  done in {time.monotonic() - started:.1f} s")
    return logins


def _sectors() -> list[Sector]:
    return Sector.objects.bulk_create(
        [Sector(code=code, name=f"Secteur {name}") for code, name in SECTORS]
    )


def _estate(rng: random.Random, sectors: list[Sector]) -> tuple[list[Dwelling], list[CommonArea]]:
    types = [t for t, _ in TYPE_WEIGHTS]
    weights = [w for _, w in TYPE_WEIGHTS]
    sites = Site.objects.bulk_create(
        [Site(code=code, name=name, postcode=POSTCODE, city=TOWN) for code, name, *_ in SITES]
    )
    buildings: list[Building] = []
    for site, (code, name, street, n_buildings, *_rest) in zip(sites, SITES, strict=True):
        for b in range(n_buildings):
            letter = "ABCDEFGH"[b]
            buildings.append(
                Building(
                    site=site,
                    sector=sectors[SITE_SECTOR[code]],
                    code=f"{code}-{letter}",
                    name=f"{name} – bât. {letter}",
                    street_address=f"{2 + 4 * b} {street}",
                    postcode=POSTCODE,
                    city=TOWN,
                    latitude=50.69 - 0.002 * len(buildings),
                    longitude=3.18 + 0.003 * b,
                )
            )
    buildings = Building.objects.bulk_create(buildings)
    spec = {code: rest for code, _name, _street, *rest in SITES}
    entrances: list[Entrance] = []
    for building in buildings:
        _n, n_entrances, floors, _per_floor, lift_from = spec[building.code.split("-")[0]]
        for e in range(n_entrances):
            number = int(building.street_address.split()[0]) + e
            entrances.append(
                Entrance(
                    building=building,
                    code="ABCD"[e],
                    street_address=f"{number} {building.street_address.split(' ', 1)[1]}",
                    has_lift=floors >= lift_from,
                )
            )
    entrances = Entrance.objects.bulk_create(entrances)
    dwellings: list[Dwelling] = []
    building_by_id = {b.pk: b for b in buildings}
    for entrance in entrances:
        building = building_by_id[entrance.building_id]
        _n, _e, floors, per_floor, _lift = spec[building.code.split("-")[0]]
        for floor in range(floors + 1):
            for door in range(1, per_floor + 1):
                dwelling_type = rng.choices(types, weights)[0]
                dwellings.append(
                    Dwelling(
                        entrance=entrance,
                        code=f"{building.code}-{entrance.code}{floor}{door:02d}",
                        number=f"{floor}{door:02d}",
                        floor=floor,
                        dwelling_type=dwelling_type,
                        surface=Decimal(SURFACE[dwelling_type] + rng.randint(-5, 6)),
                    )
                )
    dwellings = Dwelling.objects.bulk_create(dwellings, batch_size=500)
    areas: list[CommonArea] = []
    for entrance in entrances:
        building = building_by_id[entrance.building_id]
        where = f"{building.name}, entrée {entrance.code}"
        areas.append(
            CommonArea(kind=CommonAreaKind.HALL, label=f"Hall – {where}", entrance=entrance)
        )
        areas.append(
            CommonArea(
                kind=CommonAreaKind.STAIRWELL, label=f"Escalier – {where}", entrance=entrance
            )
        )
        if entrance.has_lift:
            areas.append(
                CommonArea(
                    kind=CommonAreaKind.LIFT, label=f"Ascenseur – {where}", entrance=entrance
                )
            )
    for building in buildings:
        areas.append(
            CommonArea(
                kind=CommonAreaKind.CELLAR, label=f"Caves – {building.name}", building=building
            )
        )
        areas.append(
            CommonArea(
                kind=CommonAreaKind.BIN_ROOM,
                label=f"Local poubelles – {building.name}",
                building=building,
            )
        )
    for site in sites:
        areas.append(
            CommonArea(kind=CommonAreaKind.CAR_PARK, label=f"Parking – {site.name}", site=site)
        )
        areas.append(
            CommonArea(kind=CommonAreaKind.OUTDOOR, label=f"Extérieurs – {site.name}", site=site)
        )
        areas.append(
            CommonArea(
                kind=CommonAreaKind.BOILER_ROOM, label=f"Chaufferie – {site.name}", site=site
            )
        )
    areas = CommonArea.objects.bulk_create(areas)
    return dwellings, areas


def _households(rng: random.Random, dwellings: list[Dwelling], today: date) -> list[Lease]:
    leases: list[Lease] = []
    tenants: list[Tenant] = []
    members: list[tuple[int, int, bool]] = []  # (lease index, tenant index, holder)
    for dwelling in dwellings:
        moved_in = today - timedelta(days=rng.randint(60, 9000))
        if rng.random() < 0.06:
            # A household that left during the past year; the next one moved in after.
            left = today - timedelta(days=rng.randint(30, 300))
            leases.append(
                Lease(
                    reference=f"B{len(leases) + 100000}",
                    dwelling=dwelling,
                    start_date=left - timedelta(days=rng.randint(800, 4000)),
                    end_date=left,
                )
            )
            tenants.append(_tenant(rng, len(tenants)))
            members.append((len(leases) - 1, len(tenants) - 1, True))
            moved_in = left + timedelta(days=15)
        if rng.random() < 0.04:
            continue  # vacant
        leases.append(
            Lease(reference=f"B{len(leases) + 100000}", dwelling=dwelling, start_date=moved_in)
        )
        size = rng.choices([1, 2, 3], [45, 45, 10])[0]
        for position in range(size):
            tenants.append(_tenant(rng, len(tenants)))
            members.append((len(leases) - 1, len(tenants) - 1, position < 2))
    leases = Lease.objects.bulk_create(leases, batch_size=500)
    tenants = Tenant.objects.bulk_create(tenants, batch_size=500)
    Occupancy.objects.bulk_create(
        [Occupancy(lease=leases[li], tenant=tenants[ti], is_holder=h) for li, ti, h in members],
        batch_size=1000,
    )
    return [lease for lease in leases if lease.end_date is None]


def _tenant(rng: random.Random, index: int) -> Tenant:
    (first, title), last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    has_email = rng.random() < 0.7
    has_mobile = rng.random() < 0.85
    preferred = [Channel.LETTER]
    if rng.random() < 0.3:
        preferred.insert(0, Channel.VOICE)
    if has_mobile:
        preferred.insert(0, Channel.SMS)
    if has_email:
        preferred.insert(rng.randint(0, 1), Channel.EMAIL)
    return Tenant(
        external_ref=f"L{index + 500000}",
        title=title,
        first_name=first,
        last_name=last,
        email=f"{_ascii(first)}.{_ascii(last)}{index}@exemple.fr" if has_email else "",
        mobile_phone=_phone(rng, "06") if has_mobile else "",
        landline_phone=_phone(rng, "03")[:14] if rng.random() < 0.3 else "",
        preferred_channels=preferred[:2],
    )


def _phone(rng: random.Random, prefix: str) -> str:
    return " ".join([prefix, *(f"{rng.randint(10, 99)}" for _ in range(4))])


def _ascii(text: str) -> str:
    return (
        unicodedata.normalize("NFKD", text)
        .encode("ascii", "ignore")
        .decode()
        .lower()
        .replace(" ", "")
    )


def _people(
    rng: random.Random, sectors: list[Sector], leases: list[Lease], contractors: list[Contractor]
) -> list[DemoLogin]:
    lease = (
        Lease.objects.filter(pk__in=[lease.pk for lease in leases])
        .select_related("dwelling__entrance__building")
        .filter(dwelling__entrance__building__code="TIL-A")
        .order_by("reference")
        .first()
    )
    holder = lease.tenants.order_by("pk").first()
    holder.first_name, holder.last_name, holder.title = "Nadia", "Benali", "Mme"
    holder.email = "nadia.benali@exemple.fr"
    holder.mobile_phone = "06 12 34 56 78"
    holder.preferred_channels = [Channel.EMAIL, Channel.SMS]

    def user(username: str, first: str, last: str, role: str, **extra) -> User:
        return User.objects.create_user(
            username=username,
            password=DEMO_PASSWORD,
            first_name=first,
            last_name=last,
            email=f"{username}@val-de-lys.example",
            role=role,
            **extra,
        )

    holder.user = user("locataire", "Nadia", "Benali", Role.TENANT)
    holder.user.email = holder.email
    holder.user.save(update_fields=["email"])
    holder.save()
    # Her partner, on the same lease, has no account: a visitor signs up as him with the
    # activation code that `agir demo` prints.
    partner = Tenant.objects.create(
        external_ref=SIGNUP_TENANT_REF,
        title="M.",
        first_name="Karim",
        last_name="Benali",
        email="karim.benali@exemple.fr",
        mobile_phone="06 98 76 54 32",
        preferred_channels=[Channel.SMS, Channel.LETTER],
    )
    Occupancy.objects.create(lease=lease, tenant=partner, is_holder=True)
    caretaker_user = user("gardien", "Marc", "Delattre", Role.CARETAKER)
    caretaker = Caretaker.objects.create(user=caretaker_user, phone="06 70 00 00 01")
    caretaker.sectors.set([sectors[0]])
    for i, sector in enumerate(sectors[1:], start=2):
        other = Caretaker.objects.create(
            user=user(
                f"gardien{i}", rng.choice(FIRST_NAMES)[0], rng.choice(LAST_NAMES), Role.CARETAKER
            ),
            phone=f"06 70 00 00 0{i}",
        )
        other.sectors.set([sector])
    user("agent", "Sandrine", "Wattel", Role.OFFICER)
    contractor_user = user("prestataire", "Olivier", "Caron", Role.CONTRACTOR)
    contractors[0].users.add(contractor_user)
    user("responsable", "Hélène", "Vasseur", Role.MANAGER, is_staff=True, is_superuser=True)
    user(
        "administrateur", "Julien", "Lemaire", Role.ADMINISTRATOR, is_staff=True, is_superuser=True
    )
    second_factors.set_up_second_factors()
    return demo_logins()


# Where a request ends up, by how long ago it was submitted.
RECENT_OUTCOMES = [
    (Status.SUBMITTED, 12),
    (Status.ACKNOWLEDGED, 14),
    (Status.SCHEDULED, 16),
    (Status.POSTPONED, 6),
    (Status.IN_PROGRESS, 8),
    (Status.DONE, 14),
    (Status.CLOSED, 14),
    (Status.REJECTED, 3),
    (Status.CANCELLED, 5),
    (Status.REOPENED, 4),
]
OLD_OUTCOMES = [
    (Status.CLOSED, 80),
    (Status.DONE, 5),
    (Status.REJECTED, 5),
    (Status.CANCELLED, 6),
    (Status.REOPENED, 1),
    (Status.POSTPONED, 1),
    (Status.SCHEDULED, 1),
    (Status.ACKNOWLEDGED, 1),
]
PATHS = lifecycle.USUAL_PATHS
POSTPONE_REASONS = [
    "L'entreprise attend une pièce.",
    "Le technicien est malade ; nous vous proposons un autre jour.",
    "Personne n'était présent au rendez-vous.",
]
REJECT_REASONS = [
    "Il s'agit d'une réparation locative : elle est à votre charge.",
    "Demande en double : une intervention est déjà prévue.",
]


def _past_requests(
    rng: random.Random,
    count: int,
    leases: list[Lease],
    areas: list[CommonArea],
    now: datetime,
) -> int:
    entries = list(CatalogueEntry.objects.active())
    dwelling_entries = [e for e in entries if e.place.scope == PlaceScope.DWELLING]
    common_entries = [e for e in entries if e.place.scope == PlaceScope.COMMON]
    common_by_kind: dict[str, list[CatalogueEntry]] = {}
    for entry in common_entries:
        common_by_kind.setdefault(entry.place.code, []).append(entry)
    lease_rows = list(
        Lease.objects.filter(pk__in=[lease.pk for lease in leases])
        .select_related("dwelling__entrance__building")
        .prefetch_related("tenants")
    )
    by_entrance: dict[int, list[Lease]] = {}
    by_building: dict[int, list[Lease]] = {}
    by_site: dict[int, list[Lease]] = {}
    for row in lease_rows:
        entrance = row.dwelling.entrance
        by_entrance.setdefault(entrance.pk, []).append(row)
        by_building.setdefault(entrance.building_id, []).append(row)
        by_site.setdefault(entrance.building.site_id, []).append(row)

    def leases_near(area: CommonArea) -> list[Lease]:
        if area.entrance_id:
            return by_entrance.get(area.entrance_id, [])
        if area.building_id:
            return by_building.get(area.building_id, [])
        return by_site.get(area.site_id, [])

    officer = User.objects.get(username="agent")
    caretaker = User.objects.get(username="gardien")
    staff = Actor.of(officer)
    contractor = Actor.system("Entreprise")
    made = 0
    for _ in range(count):
        age_days = rng.uniform(0.2, 365)
        submitted_at = now - timedelta(days=age_days)
        outcomes = RECENT_OUTCOMES if age_days < 30 else OLD_OUTCOMES
        outcome = rng.choices([o for o, _ in outcomes], [w for _, w in outcomes])[0]
        common = rng.random() < 0.25
        area = None
        lease = None
        if common:
            area = rng.choice(areas)
            choices = common_by_kind.get(area.kind) or common_entries
            entry = rng.choice(choices)
            requested_by = None
            neighbours = leases_near(area)
            if neighbours and rng.random() < 0.6:
                # A tenant of that building reports it; it shows among their lease's requests.
                lease = rng.choice(neighbours)
                requested_by = rng.choice(list(lease.tenants.all()))
            origin = Origin.CARETAKER if requested_by is None else Origin.TENANT_WEB
            entered_by = caretaker if origin == Origin.CARETAKER else requested_by.user
        else:
            lease = rng.choice(lease_rows)
            entry = rng.choice(dwelling_entries)
            requested_by = rng.choice(list(lease.tenants.all()))
            origin = rng.choices(
                [Origin.TENANT_WEB, Origin.PHONE, Origin.CARETAKER, Origin.COUNTER], [55, 30, 10, 5]
            )[0]
            entered_by = requested_by.user if origin == Origin.TENANT_WEB else officer
        new = NewRequest(
            idempotency_key=uuid.UUID(int=rng.getrandbits(128), version=4),
            origin=origin,
            dwelling=lease.dwelling if lease and area is None else None,
            common_area=area,
            lease=lease,
            catalogue_entry=entry,
            description=rng.choice(
                [
                    "",
                    "Depuis hier soir.",
                    "Ça empire depuis une semaine.",
                    "Merci d'appeler avant de passer.",
                ]
            ),
            requested_by=requested_by,
            tenant_accepted_charge=who_pays(entry, area or lease.dwelling).tenant_pays,
            availability=["lundi matin", "mercredi après-midi"],
        )
        actor = Actor.of(entered_by) if entered_by else Actor.system("Demande par téléphone")
        request = lifecycle.submit_new(new, actor=actor, at=submitted_at, notify=False).request
        _walk(rng, request, PATHS[outcome], submitted_at, now, staff, contractor)
        made += 1
    # A few drafts, never confirmed.
    for lease in rng.sample(lease_rows, 5):
        lifecycle.save_draft(
            NewRequest(
                idempotency_key=uuid.UUID(int=rng.getrandbits(128), version=4),
                origin=Origin.TENANT_WEB,
                dwelling=lease.dwelling,
                lease=lease,
                catalogue_entry=rng.choice(dwelling_entries),
                requested_by=lease.tenants.first(),
            ),
            actor=Actor.system("Locataire"),
            at=now - timedelta(days=rng.uniform(0, 10)),
        )
    return made + 5


def _walk(
    rng: random.Random,
    request: RepairRequest,
    path: list[str],
    submitted_at: datetime,
    now: datetime,
    staff: Actor,
    contractor: Actor,
) -> None:
    """Take `request` along `path`, each step a little later, never in the future."""
    at = submitted_at
    span = (now - submitted_at) / (len(path) + 1) if path else timedelta(0)
    span = demo_quality.pace(request, span, now)  # days, not months; slow contractors

    def later() -> datetime:
        nonlocal at
        at = min(at + span * rng.uniform(0.3, 1.0), now - timedelta(minutes=5))
        return at

    for intent in path:
        when = later()
        match intent:
            case "acknowledge":
                decided = contracts.officer_decision(rng, request.suggested_responsibility)
                lifecycle.acknowledge(request, actor=staff, at=when, notify=False, **decided)
            case "schedule":
                visit = timezone.localtime(when + timedelta(days=rng.randint(1, 6))).replace(
                    hour=rng.choice([8, 14]), minute=0, second=0, microsecond=0
                )
                lifecycle.schedule(
                    request,
                    actor=staff,
                    start=visit,
                    end=visit + timedelta(hours=4),
                    at=when,
                    notify=False,
                )
            case "postpone":
                lifecycle.postpone(
                    request,
                    actor=contractor,
                    reason=rng.choice(POSTPONE_REASONS),
                    at=when,
                    notify=False,
                )
            case "start":
                lifecycle.start(request, actor=contractor, at=when, notify=False)
            case "finish":
                lifecycle.finish(
                    request,
                    actor=contractor,
                    message="Intervention réalisée.",
                    at=when,
                    notify=False,
                )
            case "close":
                lifecycle.close(request, actor=staff, at=when, notify=False)
            case "reject":
                lifecycle.reject(
                    request, actor=staff, reason=rng.choice(REJECT_REASONS), at=when, notify=False
                )
            case "cancel":
                lifecycle.cancel(
                    request,
                    actor=staff,
                    reason="Annulée à la demande du locataire.",
                    at=when,
                    notify=False,
                )
            case "reopen":
                lifecycle.reopen(
                    request,
                    actor=Actor.system("Locataire"),
                    reason="Ça fuit de nouveau.",
                    at=when,
                    notify=False,
                )


def is_demo_database() -> bool:
    return DemoMarker.objects.exists()


def signup_trial() -> SignupTrial | None:
    """The demo co-occupant's activation code, while he has no account: the same at every
    start until it is used (or expires), so that a code printed earlier still works."""
    from agir.accounts.activation import check_code, format_code, issue_code
    from agir.demo.models import TrialCode

    tenant = Tenant.objects.filter(external_ref=SIGNUP_TENANT_REF, user__isnull=True).first()
    lease = tenant.current_lease() if tenant else None
    if lease is None:
        return None
    kept = TrialCode.objects.filter(tenant=tenant).first()
    if kept is not None and check_code(lease.reference, kept.code).ok:
        code = kept.code
    else:
        code = issue_code(tenant)
        TrialCode.objects.update_or_create(tenant=tenant, defaults={"code": code})
    return SignupTrial(tenant.full_name, lease.reference, format_code(code))


def demo_logins() -> list[DemoLogin]:
    """The demo's logins, described the same way at the first start and at every later one."""
    roles = {
        "locataire": "tenant",
        "gardien": "caretaker",
        "agent": "officer",
        "prestataire": "contractor",
        "responsable": "manager",
        "administrateur": "administrator",
    }
    users = User.objects.filter(username__in=roles).order_by("pk")
    return [
        DemoLogin(
            roles[u.username], u.username, DEMO_PASSWORD, _who(u), second_factors.totp_secret(u)
        )
        for u in users
    ]


def _who(user: User) -> str:
    name = user.get_full_name()
    match user.role:
        case Role.TENANT:
            lease = user.tenant.current_lease()
            if lease is not None:
                return f"{name}, logement {lease.dwelling.number}, {lease.dwelling.entrance}"
        case Role.CARETAKER:
            sectors = ", ".join(s.name for s in Sector.objects.filter(caretakers__user=user))
            return f"{name}, {sectors}" if sectors else name
        case Role.OFFICER:
            return f"{name}, chargée de clientèle"
        case Role.CONTRACTOR:
            company = user.contractors.first()
            return f"{name}, {company.name}" if company else name
        case Role.MANAGER:
            return f"{name}, responsable qualité (admin)"
        case Role.ADMINISTRATOR:
            return f"{name}, administrateur (admin)"
    return name
