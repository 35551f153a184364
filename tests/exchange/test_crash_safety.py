"""Crash safety: the export and the import killed (SIGKILL) at 20 random moments, then run to
the end, leave the database and the export files exactly as one clean run does.

The data is made once; its database is copied twice (SQLite's backup). One copy gets clean
runs; the other gets runs killed after random delays (a seeded RNG: the seed is printed, and
`EXCHANGE_CRASH_SEED=N` replays it), then runs to the end. Both copies are then compared
table by table, and both outboxes file by file; during the killed runs a watcher reads every
file visible in the outbox, each of which must already be the finished file.
Runs are forked from a launcher that set Django up once (tests/exchange/crash_runner.py says
why); the last run of each test is a real `python -m agir exchange …` process.
"""

from __future__ import annotations

import hashlib
import os
import random
import re
import sqlite3
import subprocess
import sys
import threading
import time
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone

from agir.catalogue.models import CatalogueEntry
from agir.repairs.models import EventKind, Origin, RepairRequest, RequestEvent, Status
from tests.builders import build_estate, build_household
from tests.exchange.helpers import csv_text

pytestmark = [
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    # The clean run is played on a copy of the database file (sqlite3's backup): SQLite only.
    pytest.mark.skipif(
        os.environ.get("DATABASE_URL", "").startswith("postgres"),
        reason="compares copies of the SQLite database file",
    ),
]

KILLS = 20
PROJECT = Path(__file__).resolve().parents[2]
# Runs are recorded, killed ones too: the killed side has more of them, by design. Task rows
# only wake the notification worker (a killed run may have queued one more or one fewer).
NOT_COMPARED = {"exchange_exchangerun", "django_tasks_database_dbtaskresult"}
NOT_COMPARED_COLUMNS = {("exchange_importfile", "run_id")}
# Values made afresh by each side, whatever happened: random codes (uuid4) and the moment a row
# was written. Both sides must hold the same rows once these are blanked.
RANDOM_CODE = re.compile(r"\b[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}\b")


def _blank(value, today: re.Pattern):
    if isinstance(value, str):
        return today.sub("<now>", RANDOM_CODE.sub("<code>", value))
    return value


@pytest.fixture
def seed() -> int:
    value = int(os.environ.get("EXCHANGE_CRASH_SEED") or random.randrange(1_000_000))
    print(f"\ncrash test seed: {value} (EXCHANGE_CRASH_SEED={value} replays it)")
    return value


# --- the two sides -----------------------------------------------------------------------


class Side:
    """A copy of the test's database, its exchange folder, and a launcher of runs on them."""

    def __init__(self, root: Path, name: str, **env: str) -> None:
        self.root = root / name
        self.root.mkdir()
        self.database = self.root / "db.sqlite3"
        connection.ensure_connection()
        with sqlite3.connect(self.database) as copy:
            connection.connection.backup(copy)
        copy.close()
        self.exchange = self.root / "exchange"
        self.outbox = self.exchange / "outbox"
        self.inbox = self.exchange / "inbox"
        self.inbox.mkdir(parents=True)
        self.env = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{self.database}",
            "EXCHANGE_DIR": str(self.exchange),
            "EXCHANGE_OUTBOX_DIR": str(self.outbox),
            "EXCHANGE_INBOX_DIR": str(self.inbox),
            "EXCHANGE_EXPORT_URL": "",
            "EXCHANGE_EXPORT_FORMATS": "jsonl,csv",
            "NOTIFY_DIR": str(self.root / "notify"),
            "NOTIFY_QUIET_HOURS": "off",
            "LOG_LEVEL": "CRITICAL",
            **env,
        }
        self.env.pop("TEST_DATABASE_NAME", None)
        self.errors = self.root / "stderr.txt"
        self.launcher: subprocess.Popen | None = None

    def start(self) -> None:
        self.launcher = subprocess.Popen(
            [sys.executable, "-m", "tests.exchange.crash_runner"],
            env=self.env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=open(self.errors, "ab"),  # noqa: SIM115 (the launcher's children write there)
            text=True,
            cwd=PROJECT,
        )

    def wait_ready(self) -> None:
        assert self.launcher.stdout.readline().strip() == "ready", self.stderr()

    def run(self, action: str, delay: float | None = None) -> tuple[bool, float]:
        """One run, killed after `delay` seconds unless it ended first: (killed, seconds)."""
        self.launcher.stdin.write(f"{action} {'-' if delay is None else f'{delay:.4f}'}\n")
        self.launcher.stdin.flush()
        answer = self.launcher.stdout.readline().split()
        assert answer, self.stderr()
        if answer[0] == "killed":
            return True, float(answer[1])
        assert answer[1] == "0", f"{action} exited {answer[1]}: {self.stderr()}"
        return False, float(answer[2])

    def stop(self) -> None:
        if self.launcher is not None:
            self.launcher.stdin.close()
            self.launcher.wait(timeout=60)

    def command(self, action: str) -> str:
        """The real thing: `python -m agir exchange ACTION --verbose` in a fresh process."""
        done = subprocess.run(
            [sys.executable, "-m", "agir", "exchange", action, "--verbose"],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout

    def stderr(self) -> str:
        return self.errors.read_text()[-3000:] if self.errors.exists() else ""

    def query(self, sql: str) -> list[tuple]:
        with sqlite3.connect(self.database) as db:
            rows = db.execute(sql).fetchall()
        db.close()
        return rows

    def tables(self) -> dict[str, list[tuple]]:
        """Every row of every table (but the runs' log), sorted: the database's content."""
        content = {}
        days = {timezone.now().date(), timezone.localdate()}
        today = re.compile("(" + "|".join(str(day) for day in days) + r")[ T][0-9:.+]+")
        with sqlite3.connect(self.database) as db:
            names = [
                row[0]
                for row in db.execute(
                    "SELECT name FROM sqlite_master "
                    "WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                )
            ]
            for table in names:
                if table in NOT_COMPARED:
                    continue
                columns = [
                    f'"{row[1]}"'
                    for row in db.execute(f'PRAGMA table_info("{table}")')
                    if (table, row[1]) not in NOT_COMPARED_COLUMNS
                ]
                select = f'SELECT {", ".join(columns)} FROM "{table}"'  # noqa: S608 (names from the schema)
                rows = db.execute(select).fetchall()
                blanked = [tuple(_blank(value, today) for value in row) for row in rows]
                content[table] = sorted(blanked, key=repr)
        db.close()
        return content

    def visible_files(self) -> dict[str, bytes]:
        return visible(self.outbox) if self.outbox.exists() else {}


class OutboxWatcher:
    """Reads every file visible in the outbox, again and again, while the killed runs go on."""

    def __init__(self, outbox: Path) -> None:
        self.outbox = outbox
        self.seen: dict[str, set[str]] = {}
        self.reads = 0
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._watch, daemon=True)

    def _watch(self) -> None:
        while not self.stopping.is_set():
            if self.outbox.exists():
                for path in list(self.outbox.iterdir()):
                    if path.name.startswith(".") or not path.is_file():
                        continue
                    try:
                        digest = hashlib.sha256(path.read_bytes()).hexdigest()
                    except FileNotFoundError:
                        continue
                    self.seen.setdefault(path.name, set()).add(digest)
                    self.reads += 1
            time.sleep(0.003)

    def __enter__(self) -> OutboxWatcher:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stopping.set()
        self.thread.join()


def visible(folder: Path) -> dict[str, bytes]:
    return {
        path.name: path.read_bytes()
        for path in sorted(folder.iterdir())
        if path.is_file() and not path.name.startswith(".")
    }


def assert_same_tables(clean: Side, killed: Side) -> None:
    expected, found = clean.tables(), killed.tables()
    assert expected.keys() == found.keys()
    for table in expected:
        missing = [row for row in expected[table] if row not in found[table]][:3]
        extra = [row for row in found[table] if row not in expected[table]][:3]
        assert expected[table] == found[table], (
            f"{table}: missing after the kills {missing}; more after the kills {extra}"
        )


def kill_at_random(side: Side, action: str, rng: random.Random, longest: float, done) -> int:
    """KILLS runs killed at random moments; returns how many of them found work unfinished."""
    mid_work = kills = 0
    for _attempt in range(KILLS * 4):
        unfinished = not done()
        killed, seconds = side.run(action, rng.uniform(0.0, longest))
        if killed:
            kills += 1
            mid_work += unfinished
            if kills == KILLS:
                break
        else:
            # It finished first: later runs have less left to do (and a loaded machine makes
            # the clean run's time a poor guide), so draw the next moments within this one's.
            longest = min(longest, seconds)
    assert kills == KILLS, f"only {kills} runs could be killed: {side.stderr()}"
    return mid_work


# --- export ------------------------------------------------------------------------------

EXPORT_REQUESTS = 400
EXPORT_BATCH = 100


def requests_with_history(count: int) -> None:
    """`count` acknowledged requests, each with its submission and its acknowledgement."""
    estate = build_estate(entrances=2, floors=2, per_floor=2)
    households = [build_household(d, with_account=False) for d in estate.dwellings[:4]]
    entry = CatalogueEntry.objects.get(code="KIT-SINK-LEAK")
    at = timezone.now() - timedelta(days=2)
    made = RepairRequest.objects.bulk_create(
        [
            RepairRequest(
                reference=f"2026-{index + 1:06d}",
                status=Status.ACKNOWLEDGED,
                building=estate.building,
                dwelling=households[index % 4].lease.dwelling,
                lease=households[index % 4].lease,
                requested_by=households[index % 4].tenants[0],
                catalogue_entry=entry,
                title=entry.title,
                description=f"Fuite n° {index}; « l'eau coule », depuis hier.",
                suggested_responsibility=entry.responsibility,
                responsibility=entry.responsibility,
                suggested_urgency=entry.urgency,
                urgency=entry.urgency,
                origin=Origin.TENANT_WEB,
                idempotency_key=uuid.uuid4(),
                submitted_at=at,
                acknowledged_at=at + timedelta(hours=1),
            )
            for index in range(count)
        ]
    )
    events = []
    for request in made:
        events.append(
            RequestEvent(request=request, kind=EventKind.SUBMITTED, from_status=Status.DRAFT,
                         to_status=Status.SUBMITTED, actor_label="Locataire", at=at)
        )  # fmt: skip
        events.append(
            RequestEvent(request=request, kind=EventKind.ACKNOWLEDGED,
                         from_status=Status.SUBMITTED, to_status=Status.ACKNOWLEDGED,
                         actor_label="Agent", message="Pris en compte.", at=at + timedelta(hours=1))
        )  # fmt: skip
    RequestEvent.objects.bulk_create(events)


def export_finished(side: Side) -> bool:
    [(last, planned)] = side.query(
        "SELECT last_event_id, planned_batch FROM exchange_exportcursor"
    ) or [(0, None)]
    [(highest,)] = side.query("SELECT max(id) FROM repairs_requestevent")
    return planned is None and last == highest


def test_an_export_killed_20_times_ends_as_one_clean_export(tmp_path, seed):
    requests_with_history(EXPORT_REQUESTS)
    batch = {"EXCHANGE_BATCH_MAX": str(EXPORT_BATCH)}
    clean, killed = Side(tmp_path, "clean", **batch), Side(tmp_path, "killed", **batch)
    rng = random.Random(seed)
    try:
        clean.start()
        killed.start()  # both launchers start together: Django takes seconds to set up
        clean.wait_ready()
        longest = 0.0
        while not export_finished(clean):
            longest = max(longest, clean.run("export")[1])
        killed.wait_ready()
        with OutboxWatcher(killed.outbox) as watcher:
            mid_work = kill_at_random(
                killed, "export", rng, longest, lambda: export_finished(killed)
            )
            while not export_finished(killed):
                killed.run("export")
    finally:
        clean.stop()
        killed.stop()
    assert "nothing to export" in killed.command("export")

    files = clean.visible_files()
    batches = -(-2 * EXPORT_REQUESTS // EXPORT_BATCH)
    assert len(files) == 4 * batches  # JSON Lines, two CSV files and the manifest
    assert killed.visible_files() == files  # nothing lost, nothing doubled, byte for byte
    assert_same_tables(clean, killed)
    # No reader ever saw a partial file: every version seen is the finished one.
    digests = {name: {hashlib.sha256(data).hexdigest()} for name, data in files.items()}
    assert {name: watcher.seen[name] for name in watcher.seen} == {
        name: digests[name] for name in watcher.seen
    }
    assert watcher.reads > 0
    assert mid_work >= KILLS // 2, f"only {mid_work} kills landed before the end"


# --- import ------------------------------------------------------------------------------

HOMES = 300
ERP_REQUESTS = 120
AT = "2026-03-12T14:05:00+01:00"


def erp_files(inbox: Path) -> None:
    """What an ERP sends on its first day: its estate, requests phoned in, their progress,
    messages, and a few bad rows."""
    files = {
        "site-v1-1.csv": (["id", "name", "postcode", "city"],
                          [[f"S{i}", f"Résidence {i}", "59000", "Lille"] for i in range(3)]),
        "building-v1-1.csv": (["id", "site", "sector", "name", "street_address", "postcode",
                               "city"],
                              [[f"B{i}", f"S{i % 3}", "SECT1", f"Bâtiment {i}", f"{i} rue Neuve",
                                "59000", "Lille"] for i in range(6)]),
        "entrance-v1-1.csv": (["id", "building", "code", "street_address", "has_lift"],
                              [[f"E{i}", f"B{i // 2}", "AB"[i % 2], f"{i} rue Neuve", "true"]
                               for i in range(12)]),
        "dwelling-v1-1.csv": (["id", "entrance", "number", "floor", "type", "surface"],
                              [[f"D{i}", f"E{i % 12}", str(i), str(i % 5), "T3", "64.5"]
                               for i in range(HOMES)] + [["D-BAD", "E1", "1", "1", "T9", "1"]]),
        "tenant-v1-1.csv": (["id", "title", "first_name", "last_name", "email", "mobile_phone"],
                            [[f"T{i}", "Mme", "Nadia", f"Benali{i}", f"t{i}@exemple.fr",
                              "06 12 34 56 78"] for i in range(HOMES)]),
        "lease-v1-1.csv": (["id", "dwelling", "start_date", "end_date", "holders"],
                           [[f"L{i}", f"D{i}", "2020-01-01", "", f"T{i}"] for i in range(HOMES)]),
        "request-v1-1.csv": (["id", "dwelling", "tenant", "catalogue_code", "description", "at",
                              "origin"],
                             [[f"DI-{i}", f"D{i}", f"T{i}", "KIT-SINK-LEAK", "Appel au siège.", AT,
                               "phone"] for i in range(ERP_REQUESTS)]
                             + [["DI-BAD", "NOPE", "", "KIT-SINK-LEAK", "", AT, "phone"]]),
        "status-v1-1.csv": (["id", "erp_id", "status", "at", "message"],
                            [[f"C{i}", f"DI-{i}", "acknowledged", AT, "Nous passons jeudi."]
                             for i in range(ERP_REQUESTS)]
                            + [["C-BAD", "DI-UNKNOWN", "closed", AT, ""]]),
        "message-v1-1.csv": (["id", "erp_id", "at", "text", "public"],
                             [[f"M{i}", f"DI-{i}", AT, "Le plombier a la clé.", "true"]
                              for i in range(0, ERP_REQUESTS, 2)]
                             + [["M-BAD", "DI-1", AT, "", "true"]]),
    }  # fmt: skip
    for name, (header, rows) in files.items():
        (inbox / name).write_text(csv_text(header, rows))


def import_finished(side: Side) -> bool:
    return not any(path.is_file() for path in side.inbox.iterdir())


def test_an_import_killed_20_times_ends_as_one_clean_import(tmp_path, seed):
    build_estate()  # the catalogue and a little of the landlord's own data are there already
    chunk = {"EXCHANGE_IMPORT_CHUNK": "25"}
    clean, killed = Side(tmp_path, "clean", **chunk), Side(tmp_path, "killed", **chunk)
    erp_files(clean.inbox)
    erp_files(killed.inbox)
    rng = random.Random(seed)
    try:
        clean.start()
        killed.start()
        clean.wait_ready()
        _killed, seconds = clean.run("import")
        killed.wait_ready()
        # Spread the kills over the whole import: each run gets through a few chunks.
        mid_work = kill_at_random(
            killed, "import", rng, seconds / 8, lambda: import_finished(killed)
        )
        while not import_finished(killed):
            killed.run("import")
    finally:
        clean.stop()
        killed.stop()
    assert "import: ok; files 0" in killed.command("import")

    assert import_finished(clean)
    assert killed.query(
        "SELECT count(*) FROM repairs_repairrequest WHERE external_ref LIKE 'DI-%'"
    ) == [(ERP_REQUESTS,)]
    assert_same_tables(clean, killed)  # nothing lost, nothing doubled: requests, events, notices
    # The rejects files too, byte for byte (a killed run's leftovers stay in hidden .partial/).
    assert visible(killed.exchange / "rejects") == visible(clean.exchange / "rejects")
    assert len(visible(clean.exchange / "rejects")) == 4
    assert mid_work >= KILLS // 2, f"only {mid_work} kills landed before the end"
