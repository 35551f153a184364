"""`agir seed`: the estate, then the history, each table's rows and the rate printed."""

from __future__ import annotations

import random
import time
from collections.abc import Callable

from django.db import connection, transaction
from django.utils import timezone

from agir.accounts.models import User
from agir.estate.models import (
    Building,
    Caretaker,
    CommonArea,
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
from agir.notify.models import Notification
from agir.quality import summaries
from agir.quality.models import RequestFact, SatisfactionSurvey
from agir.repairs.models import RepairRequest, RequestEvent

from . import estate as estate_module
from . import history

MODELS = [
    Sector,
    Site,
    Building,
    Entrance,
    Dwelling,
    CommonArea,
    Tenant,
    Lease,
    Occupancy,
    User,
    Caretaker,
    Caretaker.sectors.through,
    Contractor,
    MaintenanceContract,
    MaintenanceContract.sites.through,
    RepairRequest,
    RequestEvent,
    Notification,
    RequestFact,
    SatisfactionSurvey,
]


def seed(
    dwellings: int, years: int, *, seed: int = 2026, log: Callable[[str], None] = print
) -> dict[str, float]:
    """Fill an empty estate; returns each table's row count, the seconds and rows a second."""
    from .writer import bulk_load, reset_sequences, writing_behind

    rng = random.Random(seed)
    now = timezone.now()
    today = timezone.localdate()
    started = time.perf_counter()
    # The current zone made explicit (the same zone): the facts ask for it a few times a
    # request, and Django's lookup when no zone is activated costs several times more (it
    # raises and catches an AttributeError each time).
    with (
        timezone.override(timezone.get_current_timezone()),
        transaction.atomic(),
        writing_behind(),
    ):
        estate = estate_module.build(rng, dwellings, years, today, now)
        log(f"  estate: {len(estate.homes)} dwellings in {time.perf_counter() - started:.1f} s")
        counts: dict[str, float] = dict(estate.counts)
        # The facts and surveys go in with the history: their indexes too are built once after.
        with bulk_load(
            [RepairRequest, RequestEvent, Notification, RequestFact, SatisfactionSurvey]
        ):
            answers = random.Random(f"{seed}:surveys")
            counts.update(history.build(rng, estate, years, now, log, answers))
        reset_sequences(MODELS)
        summaries.mark_all()  # none should be there; if any, they no longer count right
    elapsed = time.perf_counter() - started
    rows = sum(v for v in counts.values())
    counts["seconds"] = round(elapsed, 1)
    counts["rows a second"] = round(rows / elapsed)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            if connection.in_atomic_block:
                cursor.execute("ANALYZE")
            else:
                # What autovacuum would do after the load, and some servers run without it:
                # the visibility map lets the inbox read its covering index alone (with an
                # empty map each entry costs a read of the table: a search's rank 65 → 275 ms
                # at 2,000,000 requests). VACUUM cannot run inside a transaction.
                vacuumed = time.perf_counter()
                cursor.execute("VACUUM (ANALYZE)")
                counts["vacuum seconds"] = round(time.perf_counter() - vacuumed, 1)
    return counts
