"""A fixed set of requests in November 2025 whose indicators were worked out by hand.

November 2025: Saturday 1 (All Saints) and Tuesday 11 (Armistice) are public holidays. Every
request is «normal» (the default commitments: take in hand within 2 working days, intervene
within 5, both from the submission) except R3, made an emergency when taken in hand (4 hours
from then to intervene). The period is the month; figures are read at its end.

- R1, Mon 10 Nov 09:00: taken in hand Wed 12 Nov 10:00 (1 wd; due Thu 13), work Fri 14 Nov
  (3 wd; due Tue 18), closed Mon 17 Nov (4 wd); work ordered from the plumber; survey 4.
- R2, Fri 7 Nov 17:00: taken in hand Thu 13 Nov 09:00 (3 wd; due Wed 12: late), postponed
  once, work Fri 28 Nov (14 wd; due Mon 17: late), closed Tue 2 Dec (after the period);
  survey 5 on 3 Dec (after).
- R3, Mon 3 Nov 22:00: taken in hand 23:00 (1 h) as an emergency, so due by Tue 4 Nov 03:00;
  work Tue 4 Nov 20:00 (22 h: late), closed Wed 5 Nov 10:00 (36 h, 2 wd); survey 2 «Ça fuit
  encore.»; reopened Thu 6 Nov.
- R4, Mon 24 Nov 10:00: never taken in hand (due Wed 26 Nov: late); intervention due Mon 1 Dec
  at 23:59 (after the period: not counted yet).
- R5, Fri 28 Nov 15:00: taken in hand Mon 1 Dec (after; due Tue 2 Dec: not counted yet); its
  intervention was due Fri 5 Dec: overdue on 10 December.
- R6, Fri 31 Oct 10:00: outside the period (but overdue now).
- R7, Mon 17 Nov 10:00: cancelled Tue 18 Nov: left out of the commitments.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from agir.catalogue.models import Urgency
from agir.quality import surveys
from agir.quality.facts import catch_up
from agir.quality.indicators import Scope
from agir.repairs import lifecycle
from agir.repairs.lifecycle import Actor
from agir.repairs.models import RepairRequest
from agir.works.orders import order_work
from tests.builders import build_contract, build_household, build_staff, new_request

PARIS = ZoneInfo("Europe/Paris")
NOW = datetime(2025, 12, 10, 12, 0, tzinfo=PARIS)
NORMAL_ENTRY = "KIT-SINK-BLOCKED"


def at(day: int, hour: int, month: int = 11, minute: int = 0) -> datetime:
    return datetime(2025, month, day, hour, minute, tzinfo=PARIS)


@dataclass
class DataSet:
    requests: dict[str, RepairRequest]
    scope: Scope
    households: list


def build_dataset(estate) -> DataSet:
    staff = Actor.of(build_staff())
    contract = build_contract(
        "plumbing", buildings=(estate.building,), start=date(2024, 1, 1), contractor="Plomberie Lys"
    )
    households = [build_household(d) for d in estate.dwellings[:7]]

    def submit(n: int, when: datetime, entry: str = NORMAL_ENTRY) -> RepairRequest:
        new = new_request(households[n], entry_code=entry, description=f"Demande R{n + 1}.")
        tenant = Actor.of(households[n].holder.user)
        return lifecycle.submit_new(new, actor=tenant, at=when, notify=False).request

    def ack(request, when, urgency=Urgency.NORMAL, responsibility="landlord"):
        lifecycle.acknowledge(
            request,
            actor=staff,
            at=when,
            urgency=urgency,
            responsibility=responsibility,
            notify=False,
        )

    def work(request, started, finished):
        lifecycle.start(request, actor=staff, at=started, notify=False)
        lifecycle.finish(request, actor=staff, at=finished, notify=False)

    r1 = submit(0, at(10, 9))
    ack(r1, at(12, 10))
    order_work(
        r1,
        actor=staff,
        assignee="contractor",
        contractor=contract.contractor,
        job="Déboucher l'évier.",
        at=at(12, 11),
        send=False,
    )
    work(r1, at(14, 9), at(14, 12))
    lifecycle.close(r1, actor=staff, at=at(17, 10), notify=False)
    surveys.answer(r1, households[0].holder, score=4, comment="Rapide et propre.", at=at(18, 9))

    r2 = submit(1, at(7, 17))
    ack(r2, at(13, 9))
    lifecycle.schedule(r2, actor=staff, start=at(17, 8), end=at(17, 12), at=at(14, 9), notify=False)
    lifecycle.postpone(
        r2, actor=staff, reason="L'entreprise attend une pièce.", at=at(17, 7), notify=False
    )
    work(r2, at(28, 9), at(28, 11))
    lifecycle.close(r2, actor=staff, at=at(2, 10, month=12), notify=False)
    surveys.answer(r2, households[1].holder, score=5, at=at(3, 9, month=12))

    r3 = submit(2, at(3, 22))
    ack(r3, at(3, 23), urgency=Urgency.EMERGENCY)
    work(r3, at(4, 20), at(4, 21))
    lifecycle.close(r3, actor=staff, at=at(5, 10), notify=False)
    surveys.answer(r3, households[2].holder, score=2, comment="Ça fuit encore.", at=at(5, 12))
    lifecycle.reopen(r3, actor=staff, reason="Ça fuit encore.", at=at(6, 9), notify=False)

    r4 = submit(3, at(24, 10))
    r5 = submit(4, at(28, 15))
    ack(r5, at(1, 9, month=12))
    r6 = submit(5, datetime(2025, 10, 31, 10, tzinfo=PARIS))
    r7 = submit(6, at(17, 10))
    lifecycle.cancel(r7, actor=staff, reason="Réparé.", at=at(18, 10), notify=False)

    requests = {"R1": r1, "R2": r2, "R3": r3, "R4": r4, "R5": r5, "R6": r6, "R7": r7}
    catch_up()  # as the scheduler would: every fact current
    for request in requests.values():
        request.refresh_from_db()
    assert contract.contractor_id
    return DataSet(requests, Scope.month(2025, 11, now=NOW), households)
