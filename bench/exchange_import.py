"""The ERP's import at scale: 100,000 reference rows and 100,000 status changes, each against
the one-minute promise, then the same files again (which must change nothing).

Baseline: inserting the same number of bare rows in the same database, 1,000 a transaction.
Usage: uv run python bench/exchange_import.py [--rows N]
"""

import argparse
import csv
import io
import time
import uuid
from datetime import timedelta

from _setup import django_with_fresh_database


def write_csv(path, header, rows) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.write_text(buffer.getvalue())


def estate_files(inbox, rows: int) -> int:
    """A third dwellings, a third tenants, a third leases, over a few sites and buildings."""
    third = rows // 3
    sites = [[f"S{i}", f"Résidence {i}", "59000", "Lille"] for i in range(10)]
    buildings = [
        [f"B{i}", f"S{i % 10}", f"SECT{i % 5}", f"Bâtiment {i}", f"{i} rue Neuve", "59000", "Lille"]
        for i in range(100)
    ]
    entrances = [
        [f"E{i}", f"B{i // 4}", "ABCD"[i % 4], f"{i} rue Neuve", "true"] for i in range(400)
    ]
    dwellings = [[f"D{i}", f"E{i % 400}", str(i), str(i % 10), "T3", "64.5"] for i in range(third)]
    tenants = [
        [f"T{i}", "Mme", "Nadia", f"Benali{i}", f"t{i}@exemple.fr", "06 12 34 56 78"]
        for i in range(third)
    ]
    leases = [[f"L{i}", f"D{i}", "2020-01-01", "", f"T{i}"] for i in range(rows - 2 * third - 510)]
    write_csv(inbox / "site-v1-1.csv", ["id", "name", "postcode", "city"], sites)
    write_csv(
        inbox / "building-v1-1.csv",
        ["id", "site", "sector", "name", "street_address", "postcode", "city"],
        buildings,
    )
    write_csv(
        inbox / "entrance-v1-1.csv",
        ["id", "building", "code", "street_address", "has_lift"],
        entrances,
    )
    write_csv(
        inbox / "dwelling-v1-1.csv",
        ["id", "entrance", "number", "floor", "type", "surface"],
        dwellings,
    )
    write_csv(
        inbox / "tenant-v1-1.csv",
        ["id", "title", "first_name", "last_name", "email", "mobile_phone"],
        tenants,
    )
    write_csv(
        inbox / "lease-v1-1.csv", ["id", "dwelling", "start_date", "end_date", "holders"], leases
    )
    return (
        len(sites) + len(buildings) + len(entrances) + len(dwellings) + len(tenants) + len(leases)
    )


def requests_in_hand(rows: int) -> list[str]:
    """`rows` submitted requests of the imported households (made in bulk: setting up, not
    measured), each with its submission event."""
    from django.utils import timezone

    from agir.catalogue.models import CatalogueEntry
    from agir.estate.models import Lease
    from agir.repairs.models import RepairRequest, RequestEvent

    entry = CatalogueEntry.objects.get(code="KIT-SINK-LEAK")
    leases = list(Lease.objects.select_related("dwelling__entrance").prefetch_related("tenants"))
    now = timezone.now() - timedelta(days=1)
    made = []
    for i in range(rows):
        lease = leases[i % len(leases)]
        made.append(
            RepairRequest(
                reference=f"2026-{i + 1:06d}",
                status="submitted",
                building_id=lease.dwelling.entrance.building_id,
                dwelling=lease.dwelling,
                lease=lease,
                requested_by=lease.tenants.all()[0],
                catalogue_entry=entry,
                title=entry.title,
                suggested_responsibility=entry.responsibility,
                responsibility=entry.responsibility,
                suggested_urgency=entry.urgency,
                urgency=entry.urgency,
                origin="tenant_web",
                idempotency_key=uuid.uuid4(),
                submitted_at=now,
            )
        )
    made = RepairRequest.objects.bulk_create(made, batch_size=2000)
    RequestEvent.objects.bulk_create(
        [
            RequestEvent(
                request=r, kind="submitted", from_status="draft", to_status="submitted",
                actor_label="Locataire", at=now,
            )
            for r in made
        ],
        batch_size=2000,
    )  # fmt: skip
    return [r.reference for r in made]


def status_file(inbox, references: list[str]) -> None:
    rows = [
        [f"C{i}", ref, "acknowledged", "2026-03-12T14:05:00+01:00"]
        for i, ref in enumerate(references)
    ]
    write_csv(inbox / "status-v1-1.csv", ["id", "request", "status", "at"], rows)


def baseline(rows: int) -> float:
    from django.db import transaction

    from agir.core.models import WorkerHeartbeat

    started = time.perf_counter()
    for start in range(0, rows, 1000):
        with transaction.atomic():
            WorkerHeartbeat.objects.bulk_create(
                [
                    WorkerHeartbeat(name=f"b{i}", beat_at="2026-01-01T00:00Z")
                    for i in range(start, min(start + 1000, rows))
                ]
            )
    elapsed = time.perf_counter() - started
    WorkerHeartbeat.objects.all().delete()
    return elapsed


def timed_import(label: str, base: float):
    from agir.exchange import service

    started = time.perf_counter()
    run = service.run_import()
    elapsed = time.perf_counter() - started
    counts = ", ".join(f"{k} {v}" for k, v in sorted(run.counts.items()))
    verdict = "within" if elapsed < 60 else "OVER"
    ratio = elapsed / base
    print(f"{label}: {elapsed:.1f} s = {ratio:.1f} x baseline ({verdict} one minute); {counts}")
    return run


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    rows = parser.parse_args().rows
    folder = django_with_fresh_database()
    import os

    from django.conf import settings

    settings.EXCHANGE_DIR = folder / "exchange"
    settings.EXCHANGE_INBOX_DIR = inbox = folder / "exchange" / "inbox"
    settings.NOTIFY_QUIET_HOURS = False
    inbox.mkdir(parents=True)
    os.environ.setdefault("TASKS_BACKEND", "immediate")
    from agir.notify import outbox

    outbox._wake_worker = lambda: None  # the bench measures the import, not a worker

    base = baseline(rows)
    print(f"baseline: {rows} bare rows inserted, 1,000 a transaction: {base:.2f} s")

    count = estate_files(inbox, rows)
    keep = {p.name: p.read_bytes() for p in inbox.iterdir()}
    timed_import(f"{count} reference rows", base)
    before = footprint()
    again_files(inbox, keep)
    timed_import(f"the same {count} reference rows again", base)
    check_unchanged(before)

    references = requests_in_hand(rows)
    status_file(inbox, references)
    keep = {p.name: p.read_bytes() for p in inbox.iterdir()}
    timed_import(f"{rows} status changes", base)
    before = footprint()
    again_files(inbox, keep)
    timed_import(f"the same {rows} status changes again", base)
    check_unchanged(before)


def again_files(inbox, files: dict[str, bytes]) -> None:
    """The same rows in new files whose bytes differ (LF line ends instead of CRLF): not
    skipped whole by their checksum, so each row is looked at and must change nothing."""
    for name, content in files.items():
        (inbox / f"{name[:-4]}-again.csv").write_bytes(content.replace(b"\r\n", b"\n"))


def footprint() -> dict[str, object]:
    """What an import may change: each table's rows and the latest write to the requests."""
    from django.db.models import Max

    from agir.estate.models import Dwelling, Lease, Tenant
    from agir.notify.models import Notification
    from agir.repairs.models import RepairRequest, RequestEvent

    counts: dict[str, object] = {
        model.__name__: model.objects.count()
        for model in (Dwelling, Tenant, Lease, RepairRequest, RequestEvent, Notification)
    }
    counts["requests last written"] = RepairRequest.objects.aggregate(Max("updated_at"))
    return counts


def check_unchanged(before: dict[str, object]) -> None:
    after = footprint()
    changed = {k: (before[k], after[k]) for k in before if before[k] != after[k]}
    print("  changed nothing" if not changed else f"  CHANGED: {changed}")


if __name__ == "__main__":
    main()
