"""A simulated ERP, for the demo and the tests: it plays the landlord's system on the folders.

Each time it plays, it picks up the export batches AGIR left in the outbox (a batch is complete
once its manifest is there; the ERP then moves its files to `EXCHANGE_DIR/erp/read/`), and
answers in the inbox as an ERP does: its ids for the requests it now knows (`link`), a few
status changes (submitted → acknowledged, acknowledged → a visit planned), a message, and, on
odd batches, three bad rows (an unknown request, a status it made up, an empty message), so that
managers see rejects. On demand it also drops its full list for the nightly reconciliation,
with one request AGIR does not know and one status that differs.

What it knows is kept in `EXCHANGE_DIR/erp/state.json`. Deterministic: the same batches give
the same answer. Its files are written as a careful ERP writes them (aside, then renamed).
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import timezone

from .files import move_durably, write_atomic

ACKNOWLEDGE_PER_BATCH = 5
SCHEDULE_PER_BATCH = 3
MESSAGES_PER_BATCH = 2
STATUS_HEADER = ["id", "request", "status", "at", "message", "planned_start", "planned_end"]
MESSAGE_HEADER = ["id", "request", "at", "text", "public"]
# The bad rows of an odd batch, and why AGIR refuses each.
BAD_STATUS = [
    ["{batch}-BAD-1", "2099-999999", "acknowledged", "{at}", "", "", ""],  # no such request
    ["{batch}-BAD-2", "{reference}", "termine", "{at}", "", "", ""],  # not a status
]
BAD_MESSAGE = [["{batch}-BAD-3", "{reference}", "{at}", "", "true"]]  # nothing to say


@dataclass
class Played:
    batches: list[int] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    links: int = 0
    statuses: int = 0
    messages: int = 0
    bad_rows: int = 0


def erp_dir() -> Path:
    return settings.EXCHANGE_DIR / "erp"


def _state_path() -> Path:
    return erp_dir() / "state.json"


def _load() -> dict[str, Any]:
    path = _state_path()
    if path.exists():
        return json.loads(path.read_text())
    return {"requests": {}, "next_id": 1}


def _save(state: dict[str, Any]) -> None:
    text = json.dumps(state, ensure_ascii=False, sort_keys=True, indent=1)
    write_atomic(_state_path(), [text.encode()])


def _csv(header: list[str], rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode()


def _records(outbox: Path, manifest: dict[str, Any]) -> list[dict[str, Any]]:
    """The batch's records, from its JSON Lines file (or, without one, its CSV of requests)."""
    names = {entry["name"]: entry for entry in manifest["files"]}
    stem = f"agir-{manifest['batch']:06d}"
    if f"{stem}.jsonl" in names:
        lines = (outbox / f"{stem}.jsonl").read_text(encoding="utf-8").splitlines()
        return [json.loads(line) for line in lines if line.strip()]
    with open(outbox / f"{stem}-requests.csv", encoding="utf-8", newline="") as stream:
        return [{"record": "request", **row} for row in csv.DictReader(stream)]


def play(*, now: datetime | None = None, with_list: bool = False) -> Played:
    """Answer every complete batch waiting in the outbox; drop the full list if asked."""
    now = now or timezone.now()
    outbox: Path = settings.EXCHANGE_OUTBOX_DIR
    played = Played()
    state = _load()
    manifests = sorted(outbox.glob("agir-*.manifest.json")) if outbox.exists() else []
    for manifest_path in manifests:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        records = _records(outbox, manifest)
        _answer(manifest["batch"], records, state, now, played)
        _save(state)  # before the batch leaves the outbox: a second play never answers twice
        read = erp_dir() / "read"
        for entry in manifest["files"]:
            if (outbox / entry["name"]).exists():
                move_durably(outbox / entry["name"], read)
        move_durably(manifest_path, read)
        played.batches.append(manifest["batch"])
    if with_list:
        played.files.append(_drop_list(state, now))
    return played


def _answer(
    batch: int, records: list[dict[str, Any]], state: dict[str, Any], now: datetime, played
) -> None:
    known: dict[str, dict[str, str]] = state["requests"]
    requests = sorted(
        (r for r in records if r.get("record") == "request"), key=lambda r: r["reference"]
    )
    links, statuses, messages = [], [], []
    at = timezone.localtime(now).isoformat(timespec="seconds")
    for record in requests:
        entry = known.setdefault(record["reference"], {"erp_id": "", "status": ""})
        entry["status"] = record["status"]
        if record.get("erp_id"):
            entry["erp_id"] = record["erp_id"]
        elif not entry["erp_id"]:
            entry["erp_id"] = f"DI-{state['next_id']:06d}"
            state["next_id"] += 1
            links.append([record["reference"], entry["erp_id"]])
    change = 0
    for status, after, limit in (
        ("submitted", "acknowledged", ACKNOWLEDGE_PER_BATCH),
        ("acknowledged", "scheduled", SCHEDULE_PER_BATCH),
    ):
        chosen = [r for r in requests if r["status"] == status][:limit]
        for record in chosen:
            change += 1
            start, end = _visit(now, change)
            planned = [start, end] if after == "scheduled" else ["", ""]
            words = "Intervention planifiée par le service technique." if planned[0] else ""
            statuses.append([f"{batch}-S{change}", record["reference"], after, at, words, *planned])
            known[record["reference"]]["status"] = after
    for number, record in enumerate(requests[:MESSAGES_PER_BATCH], start=1):
        text = "Le prestataire a reçu votre demande ; il vous appellera pour fixer un passage."
        messages.append([f"{batch}-M{number}", record["reference"], at, text, "true"])
    bad = 0
    if batch % 2 == 1 and requests:
        values = {"batch": str(batch), "at": at, "reference": requests[0]["reference"]}
        statuses += [[cell.format(**values) for cell in row] for row in BAD_STATUS]
        messages += [[cell.format(**values) for cell in row] for row in BAD_MESSAGE]
        bad = len(BAD_STATUS) + len(BAD_MESSAGE)
    stamp = f"{batch:06d}"
    inbox: Path = settings.EXCHANGE_INBOX_DIR
    for kind, header, rows in (
        ("link", ["request", "erp_id"], links),
        ("status", STATUS_HEADER, statuses),
        ("message", MESSAGE_HEADER, messages),
    ):
        if rows:
            name = f"{kind}-v1-erp{stamp}.csv"
            write_atomic(inbox / name, [_csv(header, rows)])
            played.files.append(name)
    played.links += len(links)
    played.statuses += len(statuses) - (len(BAD_STATUS) if bad else 0)
    played.messages += len(messages) - (len(BAD_MESSAGE) if bad else 0)
    played.bad_rows += bad


def _visit(now: datetime, number: int) -> tuple[str, str]:
    """A morning visit, two working days ahead, one slot per change."""
    day = timezone.localtime(now).replace(hour=8, minute=0, second=0, microsecond=0)
    day += timedelta(days=2 + number % 3)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    start = day + timedelta(hours=number % 4)
    return start.isoformat(), (start + timedelta(hours=2)).isoformat()


def _drop_list(state: dict[str, Any], now: datetime) -> str:
    """The ERP's full list of requests: what it knows, plus one request AGIR never had and,
    for the first one it knows, a status of its own (so the report has something to say)."""
    rows = []
    for number, (reference, entry) in enumerate(sorted(state["requests"].items())):
        status = entry["status"]
        if number == 0 and status not in {"closed", ""}:
            status = "closed"
        rows.append(["request", entry["erp_id"], reference, status])
    rows.append(["request", "DI-PHONE-0001", "", "submitted"])
    name = f"reconcile-v1-{timezone.localtime(now):%Y%m%dT%H%M%S}.csv"
    write_atomic(
        settings.EXCHANGE_INBOX_DIR / name, [_csv(["type", "id", "request", "status"], rows)]
    )
    return name
