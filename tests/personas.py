"""The people every access test uses (after healthchecks' hc/test.py).

One building, two households living side by side (Alice's and Bob's), a former tenant who left
a flat of that building for another one, an officer, the building's caretaker, a contractor's
employee and a manager (also the Django admin, as in the demo). Each tenant has an account and
one submitted request of their own; the former tenant's request is on the lease they left.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.test import Client
from django.utils import timezone

from agir.accounts.models import Role, User
from agir.estate.models import Caretaker, Contractor, Lease, Occupancy
from agir.repairs import lifecycle
from agir.repairs.lifecycle import Actor
from agir.repairs.models import RepairRequest
from tests.builders import (
    Estate,
    Household,
    build_caretaker,
    build_estate,
    build_household,
    build_staff,
    submitted_request,
)
from tests.staff_sign_in import sign_in


@dataclass
class Personas:
    estate: Estate
    alice: Household  # tenant A
    bob: Household  # tenant B, next door
    former: Household  # the lease the former tenant left (ended 40 days ago)
    former_now: Household  # the same person's current lease, another flat of the building
    officer: User
    caretaker: Caretaker
    alice_request: RepairRequest
    bob_request: RepairRequest
    former_request: RepairRequest  # entered by the former tenant on the lease they left
    contractor: User  # an employee of a contractor under contract
    manager: User  # quality manager, and the Django admin

    @property
    def alice_user(self) -> User:
        return self.alice.holder.user

    @property
    def bob_user(self) -> User:
        return self.bob.holder.user

    @property
    def former_user(self) -> User:
        return self.former.holder.user

    def client_for(self, user: User) -> Client:
        return sign_in(Client(), user)


def build_personas() -> Personas:
    estate = build_estate()
    today = timezone.localdate()
    alice = build_household(estate.dwellings[0])
    bob = build_household(estate.dwellings[1])
    former = build_household(
        estate.dwellings[2],
        occupants=1,
        start=today - timedelta(days=900),
        end=today - timedelta(days=40),
    )
    former_request = submitted_request(former)
    # The person moved to another flat of the building: a new lease, the same account.
    new_lease = Lease.objects.create(
        reference=f"{former.lease.reference}-N",
        dwelling=estate.dwellings[3],
        start_date=today - timedelta(days=39),
    )
    Occupancy.objects.create(lease=new_lease, tenant=former.holder, is_holder=True)
    former_now = Household(lease=new_lease, tenants=former.tenants)
    return Personas(
        estate=estate,
        alice=alice,
        bob=bob,
        former=former,
        former_now=former_now,
        officer=build_staff(),
        caretaker=build_caretaker(estate.sector),
        alice_request=submitted_request(alice),
        bob_request=submitted_request(bob),
        former_request=former_request,
        contractor=build_contractor_user(),
        manager=build_manager(),
    )


def build_contractor_user() -> User:
    """An employee of a plumbing contractor, signed in to see that company's work orders."""
    user = build_staff(Role.CONTRACTOR)
    company = Contractor.objects.create(
        name="Plomberie Lys Services", email="interventions@plomberie-lys.example"
    )
    company.users.add(user)
    return user


def build_manager() -> User:
    """The quality manager; as in the demo, also the one who may use the Django admin."""
    manager = build_staff(Role.MANAGER)
    manager.is_staff = manager.is_superuser = True
    manager.save(update_fields=["is_staff", "is_superuser"])
    return manager


def add_occupant_account(household: Household) -> User:
    """Give the household's second occupant an account of their own."""
    tenant = household.tenants[1]
    tenant.user = User.objects.create_user(
        username=f"occupant-{tenant.external_ref}",
        password="correct-horse-battery",
        role=Role.TENANT,
        first_name=tenant.first_name,
        last_name=tenant.last_name,
    )
    tenant.save(update_fields=["user"])
    return tenant.user


def mark_sent(notifications=None) -> None:
    """As the outbox worker would after sending: «Mes messages» lists only what left."""
    from agir.notify.models import Notification, NotificationState

    queryset = Notification.objects.all() if notifications is None else notifications
    queryset.update(state=NotificationState.SENT, sent_at=timezone.now())


def visit_slot(days: int = 3, *, hour: int = 8, hours: int = 4) -> tuple[datetime, datetime]:
    start = timezone.localtime(timezone.now() + timedelta(days=days)).replace(
        hour=hour, minute=0, second=0, microsecond=0
    )
    return start, start + timedelta(hours=hours)


PATHS = lifecycle.USUAL_PATHS


def advance(request: RepairRequest, status: str, staff: User, at: datetime | None = None) -> None:
    """Bring a submitted request to `status`, each step by `staff`."""
    actor = Actor.of(staff)
    start, end = visit_slot()
    arguments = {
        "schedule": {"start": start, "end": end},
        "postpone": {"reason": "L'entreprise attend une pièce."},
        "reject": {"reason": "Demande en double."},
        "cancel": {"reason": "Demande en double."},
        "reopen": {"reason": "Ça fuit encore."},
    }
    for intent in PATHS[status]:
        getattr(lifecycle, intent)(request, actor=actor, at=at, **arguments.get(intent, {}))
    request.refresh_from_db()
    assert request.status == status


def request_in(status: str, household: Household, staff: User, **kwargs) -> RepairRequest:
    request = submitted_request(household, **kwargs)
    advance(request, status, staff)
    return request
