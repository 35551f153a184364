"""The managers' quality dashboard over many requests: the whole estate and the last twelve
months, the indicators alone (`compute`) and the whole page (with its SVG and tables), against
a plain `COUNT(*)` of the same year's facts as the baseline.

The promise (issue 13): at 2,000,000 requests on PostgreSQL the page answers in under 2 s.
It is measured as managers meet it: with the monthly summaries the scheduler keeps (every
minute), and with this month and the last marked since (requests changed in the last minute,
to be counted again by the page); the counts from the facts alone, and a view before the
scheduler's first run (every month counted), are printed beside them.
Here it runs at a small size on SQLite; for the real figure, on a PostgreSQL of its own:

    uv run python bench/bench_dashboard.py --requests 2000000 --years 5 \\
        --database-url postgresql://USER@HOST/EMPTY_DATABASE

The requests are written directly (no history: the dashboard reads only `RequestFact`, the
surveys and a few names), in submission order, spread evenly over `--years` years, over 200
buildings, 8 contractors and every urgency, with a survey answer for one closed request in
three.
"""

from __future__ import annotations

import argparse
import os
import random
import time
import uuid
from datetime import timedelta

from _setup import django_with_fresh_database

PROMISE_SECONDS = 2.0
BATCH = 5000


def _database(url: str | None) -> None:
    if url:
        os.environ["DATABASE_URL"] = url
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "agir.settings")
        import django
        from django.core.management import call_command

        django.setup()
        call_command("migrate", verbosity=0)
    else:
        django_with_fresh_database()


def _estate(buildings: int):
    from agir.estate.models import Building, Contractor, Sector, Site

    sectors = Sector.objects.bulk_create([Sector(code=f"S{i}", name=f"S{i}") for i in range(4)])
    sites = Site.objects.bulk_create(
        [
            Site(code=f"R{i}", name=f"Résidence {i}", postcode="59000", city="Lille")
            for i in range(20)
        ]
    )
    made = Building.objects.bulk_create(
        [
            Building(
                site=sites[i % 20],
                sector=sectors[i % 4],
                code=f"B{i}",
                name=f"Bâtiment {i}",
                street_address=f"{i} rue du Banc",
                postcode="59000",
                city="Lille",
            )
            for i in range(buildings)
        ]
    )
    contractors = Contractor.objects.bulk_create(
        [Contractor(name=f"Entreprise {i}") for i in range(8)]
    )
    return made, contractors


def fill(count: int, years: int) -> None:
    from django.utils import timezone

    from agir.catalogue.models import Equipment
    from agir.quality.models import RequestFact, SatisfactionSurvey
    from agir.repairs.commitments import current_terms, due_dates
    from agir.repairs.models import Origin, RepairRequest, Status

    rng = random.Random(13)
    terms = current_terms()
    buildings, contractors = _estate(200)
    equipment = list(Equipment.objects.values_list("pk", flat=True)) or [None]
    urgencies = ["emergency", "urgent", "normal", "normal", "normal", "planned"]
    origins = [o.value for o in Origin]
    now = timezone.now()
    span = timedelta(days=365 * years)
    for start in range(0, count, BATCH):
        requests, facts, answers = [], [], []
        for i in range(start, min(start + BATCH, count)):
            building = buildings[i % len(buildings)]
            # In submission order, as facts are written when requests come in: the rows of
            # a period lie together on disk (a random order would scatter each year over the
            # whole table, which no real history does).
            submitted = now - span + span * ((i + rng.random()) / count)
            urgency = rng.choice(urgencies)
            due = due_dates(submitted, urgency, terms)
            ack = submitted + timedelta(hours=rng.expovariate(1 / 20))
            work = ack + timedelta(hours=rng.expovariate(1 / 90))
            closed = work + timedelta(hours=rng.expovariate(1 / 60))
            done = closed < now
            request = RepairRequest(
                reference=f"B{i:09d}",
                status=Status.CLOSED if done else Status.ACKNOWLEDGED,
                building=building,
                title="Fuite",
                suggested_responsibility="landlord",
                responsibility="landlord",
                suggested_urgency=urgency,
                urgency=urgency,
                origin=rng.choice(origins),
                idempotency_key=uuid.uuid4(),
                submitted_at=submitted,
            )
            requests.append(request)
            facts.append(
                dict(
                    submitted_at=submitted,
                    month=timezone.localtime(submitted).date().replace(day=1),
                    building_id=building.pk,
                    site_id=building.site_id,
                    sector_id=building.sector_id,
                    contractor_id=rng.choice(contractors).pk,
                    equipment_id=rng.choice(equipment),
                    origin=request.origin,
                    urgency=urgency,
                    responsibility="landlord",
                    status=request.status,
                    acknowledged_at=ack if ack < now else None,
                    intervened_at=work if work < now else None,
                    done_at=work if work < now else None,
                    closed_at=closed if done else None,
                    ack_hours=int((ack - submitted).total_seconds() // 3600),
                    ack_wdays=int((ack - submitted).days * 5 / 7),
                    intervene_hours=int((work - submitted).total_seconds() // 3600),
                    intervene_wdays=int((work - submitted).days * 5 / 7),
                    close_hours=int((closed - submitted).total_seconds() // 3600),
                    close_wdays=int((closed - submitted).days * 5 / 7),
                    ack_due=due.take_in_hand,
                    intervene_due=due.intervention,
                    postponements=int(rng.random() < 0.1),
                    reopens=int(rng.random() < 0.03),
                    reopened_at=closed if rng.random() < 0.03 else None,
                    first_visit_fix=rng.random() < 0.8,
                )
            )
        RepairRequest.objects.bulk_create(requests)
        made = []
        for request, values in zip(requests, facts, strict=True):
            made.append(RequestFact(request=request, **values))
            if request.status == Status.CLOSED and rng.random() < 0.33:
                answers.append(
                    SatisfactionSurvey(
                        request=request,
                        score=rng.randint(1, 5),
                        comment=rng.choice(["", "", "Merci."]),
                        answered_at=values["closed_at"] + timedelta(days=1),
                    )
                )
        RequestFact.objects.bulk_create(made)
        SatisfactionSurvey.objects.bulk_create(answers)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=20_000)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--database-url", default=None)
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="with --database-url: measure the requests a previous run filled, if any",
    )
    options = parser.parse_args()
    _database(options.database_url)

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from agir.accounts.models import Role, User
    from agir.quality import summaries
    from agir.quality.indicators import Scope, compute
    from agir.quality.models import MonthSummary, RequestFact

    there = RequestFact.objects.count()
    if options.reuse and there:
        print(f"{there} requests already there (--reuse): not filled again")
    else:
        started = time.perf_counter()
        fill(options.requests, options.years)
        print(
            f"filled {options.requests} requests over {options.years} years "
            f"in {time.perf_counter() - started:.1f} s on {connection.vendor}"
        )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    scope = Scope.last_twelve_months()
    started = time.perf_counter()
    in_year = scope.facts().count()
    baseline = time.perf_counter() - started

    def best_of(runs: int, measured) -> float:
        timings = []
        for _ in range(runs):
            started = time.perf_counter()
            measured()
            timings.append(time.perf_counter() - started)
        return min(timings)

    from_facts = best_of(3, lambda: compute(scope, summaries=False))
    MonthSummary.objects.all().delete()
    first = best_of(1, lambda: compute(scope))  # counts each month and keeps it
    this_month = timezone.localdate().replace(day=1)
    last_month = (this_month - timedelta(days=1)).replace(day=1)
    one_month = best_of(3, lambda: summaries.count_month(last_month, timezone.now()))
    summaries.refresh()  # as the scheduler does every minute

    manager, _ = User.objects.get_or_create(
        username="bench-manager", defaults={"role": Role.MANAGER}
    )
    client = Client(SERVER_NAME="localhost")
    client.force_login(manager)
    # Managers sign in with a second factor: the session says it was given, as the sign-in
    # leaves it (agir/accounts/twofactor.py).
    session = client.session
    device = TOTPDevice.objects.filter(user=manager).first() or TOTPDevice.objects.create(
        user=manager, name="bench", confirmed=True
    )
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()

    def page(*, marked: bool) -> tuple[float, int]:
        timings = []
        for _ in range(3):
            if marked:  # requests of this month and the last changed since the last run
                summaries.mark([last_month, this_month])
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = client.get("/bureau/qualite/")
                timings.append(time.perf_counter() - started)
            assert response.status_code == 200, response.status_code
        return min(timings), len(queries)

    kept, kept_queries = page(marked=False)
    marked, marked_queries = page(marked=True)

    def line(label: str, seconds: float) -> str:
        return f"{label}: {seconds:.3f} s = {seconds / max(baseline, 1e-6):.1f} x baseline"

    print(f"requests in the last twelve months: {in_year}")
    print(f"baseline (COUNT of the year's facts): {baseline:.3f} s")
    print(line("indicators counted from the facts (no summaries)", from_facts))
    print(line("indicators before the scheduler's first run (each month counted)", first))
    print(line("one whole month recounted (last month)", one_month))
    for label, seconds, queries in (
        ("dashboard page, summaries up to date", kept, kept_queries),
        ("dashboard page, this month and the last marked", marked, marked_queries),
    ):
        verdict = "within" if seconds < PROMISE_SECONDS else "OVER"
        print(
            f"{line(label, seconds)}, {queries} SQL queries ({verdict} the "
            f"{PROMISE_SECONDS:.0f}-second promise at this size)"
        )


if __name__ == "__main__":
    main()
