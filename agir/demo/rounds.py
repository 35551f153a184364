"""The caretaker's demo: «gardien» opens on a sector with a round in progress this morning.

Everything goes through the caretaker's own sync (`agir.rounds.sync`), as the phone would send
it: the first building's round half done with one bad point turned into a request, a problem
«constaté» and a visit report on open requests of the sector.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from django.utils import timezone

from agir.accounts.models import User
from agir.repairs.models import OPEN_STATUSES
from agir.rounds import checklist, places, sync
from agir.rounds.access import Scope

# Seeded UUIDs: the demo is the same every time it is made.
NAMESPACE = uuid.UUID("5b0f6e7c-0d1e-4c2a-9f57-7a1c2b3d4e5f")


def seed_rounds(now: datetime, log=print) -> None:
    scope = Scope.of(User.objects.get(username="gardien"))
    building = scope.buildings().order_by("code").first()
    if building is None:
        return
    # The round began two hours ago, or at midnight when that was sooner: the round page shows
    # today's round, and a demo started just after midnight must show one too.
    midnight = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    span = min(timedelta(hours=2), now - midnight)
    morning = now - span

    def minutes(n: int) -> datetime:
        """`n` minutes into a two-hour round, shortened to fit in `span`."""
        return morning + span * n / 120

    items: list[sync.Item] = []
    line = checklist.items_for(building)
    bad = next((i for i in line if i.point.code == "entry_phone"), line[0])
    for number, item in enumerate(line[: max(4, len(line) // 2)]):
        ok = item is not bad
        items.append(
            _item(
                "round_check",
                f"check-{item.key}",
                minutes(3 * number),
                building=building.code,
                place=places.area_key(item.area),
                point=item.point.code,
                ok=ok,
            )
        )
    items.append(
        _item(
            "new_request",
            f"request-{bad.key}",
            minutes(40),
            place=places.area_key(bad.area),
            entry=bad.point.entry,
            description="Le digicode ne répond plus, la porte reste ouverte.",
        )
    )
    open_requests = scope.requests().filter(status__in=OPEN_STATUSES, submitted_at__lt=morning)
    for request, kind, message in zip(
        open_requests.order_by("-submitted_at")[:2],
        ["observe", "visit"],
        ["Fuite bien visible au plafond de la salle de bains.", "Passé ce matin : eau coupée."],
        strict=False,
    ):
        items.append(
            _item(
                kind,
                f"{kind}-{request.code}",
                minutes(50),
                request=str(request.code),
                message=message,
            )
        )
    answers = sync.apply_batch(scope, items)
    made = sum(1 for answer in answers if answer["status"] == sync.CREATED)
    log(f"  caretaker: round in progress at {building.name}, {made} items from the phone")


def _item(kind: str, name: str, at: datetime, **data) -> sync.Item:
    return sync.Item(id=uuid.uuid5(NAMESPACE, name), kind=kind, data=data, made_at=at)
