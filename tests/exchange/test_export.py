"""The export: new and changed requests and their events since the last batch, as JSON Lines
and CSV with a manifest, written whole or not at all; the cursor moves only after."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import uuid

import pytest
from django.core.management import call_command
from django.utils import timezone

from agir.exchange import export as exporter
from agir.exchange import service
from agir.exchange.files import write_atomic
from agir.exchange.models import ExportCursor, RunOutcome
from agir.exchange.records import EVENT_FIELDS, REQUEST_FIELDS
from agir.exchange.runs import Busy, exclusive
from agir.repairs import lifecycle
from agir.repairs.lifecycle import Actor
from agir.repairs.models import EventKind, Origin, RequestEvent
from tests.builders import new_request
from tests.exchange.erp_peer import ErpPeer

pytestmark = pytest.mark.django_db

STAFF = Actor.system("Service client")


def outbox(settings) -> list[str]:
    folder = settings.EXCHANGE_OUTBOX_DIR
    return sorted(p.name for p in folder.iterdir() if p.is_file()) if folder.exists() else []


def jsonl(settings, batch: int) -> list[dict]:
    path = settings.EXCHANGE_OUTBOX_DIR / f"agir-{batch:06d}.jsonl"
    return [json.loads(line) for line in path.read_text().splitlines()]


def test_first_export_writes_jsonl_csv_and_a_manifest(personas, settings):
    result = exporter.export()

    assert result.batch == 1
    assert outbox(settings) == [
        "agir-000001-events.csv",
        "agir-000001-requests.csv",
        "agir-000001.jsonl",
        "agir-000001.manifest.json",
    ]
    lines = jsonl(settings, 1)
    references = {line["reference"] for line in lines if line["record"] == "request"}
    assert references == {
        personas.alice_request.reference,
        personas.bob_request.reference,
        personas.former_request.reference,
    }
    assert all(line["schema"] == 1 for line in lines)


def test_the_manifest_counts_and_checksums_each_file(personas, settings):
    exporter.export()

    manifest = json.loads((settings.EXCHANGE_OUTBOX_DIR / "agir-000001.manifest.json").read_text())
    assert manifest["schema"] == "agir.export.manifest/1"
    assert manifest["counts"] == {"request": 3, "event": 3}
    for entry in manifest["files"]:
        content = (settings.EXCHANGE_OUTBOX_DIR / entry["name"]).read_bytes()
        assert hashlib.sha256(content).hexdigest() == entry["sha256"]
        assert len(content) == entry["bytes"]
        lines = content.decode().splitlines()
        header = 1 if entry["format"] == "csv" else 0
        assert len(lines) - header == entry["records"]


def test_csv_files_have_the_documented_columns(personas, settings):
    exporter.export()

    folder = settings.EXCHANGE_OUTBOX_DIR
    requests = list(csv.DictReader(io.StringIO((folder / "agir-000001-requests.csv").read_text())))
    events = list(csv.DictReader(io.StringIO((folder / "agir-000001-events.csv").read_text())))
    assert list(requests[0]) == REQUEST_FIELDS
    assert list(events[0]) == EVENT_FIELDS
    alice = next(r for r in requests if r["reference"] == personas.alice_request.reference)
    assert alice["dwelling"] == personas.alice.lease.dwelling.code
    assert alice["tenant"] == personas.alice.holder.external_ref
    assert alice["availability"] == "lundi matin"


def test_the_next_batch_holds_only_what_changed_since(personas, settings):
    exporter.export()
    lifecycle.acknowledge(personas.bob_request, actor=STAFF)

    result = exporter.export()

    assert result.batch == 2
    lines = jsonl(settings, 2)
    assert [
        (line["record"], line["reference"] if line["record"] == "request" else line["kind"])
        for line in lines
    ] == [
        ("request", personas.bob_request.reference),
        ("event", "acknowledged"),
    ]
    assert lines[0]["status"] == "acknowledged"


def test_nothing_new_writes_nothing(personas, settings):
    exporter.export()
    before = outbox(settings)

    assert exporter.export().batch is None
    assert outbox(settings) == before
    assert ExportCursor.objects.get().batch == 1


def test_drafts_never_leave(estate, household, settings):
    lifecycle.save_draft(new_request(household), actor=STAFF)

    assert exporter.export().batch is None
    assert outbox(settings) == []


def test_the_cursor_does_not_move_when_the_files_cannot_be_written(personas, settings):
    settings.EXCHANGE_OUTBOX_DIR.parent.mkdir(parents=True)
    settings.EXCHANGE_OUTBOX_DIR.write_text("a file where the folder should be")

    run = service.run_export()

    assert run.outcome == RunOutcome.FAILED
    cursor = ExportCursor.objects.get()
    assert (cursor.batch, cursor.last_event_id) == (0, 0)
    assert cursor.planned_batch == 1


def test_a_batch_planned_by_a_killed_run_is_written_again_the_same(personas, settings):
    before = ExportCursor.objects.get_or_create(name="erp")[0].last_event_id
    exporter.export()
    first = {name: (settings.EXCHANGE_OUTBOX_DIR / name).read_bytes() for name in outbox(settings)}
    planned_to = ExportCursor.objects.get().last_event_id
    # As if killed after writing the files, before moving the cursor:
    ExportCursor.objects.update(
        batch=0, last_event_id=before, planned_batch=1, planned_to_id=planned_to
    )

    exporter.export()

    again = {name: (settings.EXCHANGE_OUTBOX_DIR / name).read_bytes() for name in outbox(settings)}
    assert again == first
    assert ExportCursor.objects.get().batch == 1


def test_an_interrupted_write_leaves_no_visible_file(tmp_path):
    def chunks():
        yield b"half of a "
        raise OSError("disk full")

    with pytest.raises(OSError):
        write_atomic(tmp_path / "agir-000001.jsonl", chunks())

    assert [p.name for p in tmp_path.iterdir() if p.is_file()] == []


def test_an_event_that_commits_late_below_the_cursor_is_still_exported(personas, settings):
    last = RequestEvent.objects.order_by("-id").first()
    # Ids last+1..last+3 are taken by transactions not committed yet; last+4 is.
    RequestEvent.objects.bulk_create(
        [
            RequestEvent(
                id=last.pk + 4,
                request=personas.bob_request,
                kind=EventKind.COMMENTED,
                from_status="submitted",
                to_status="submitted",
                actor_label="Service client",
                at=timezone.now(),
                message="Nous passons jeudi.",
            )
        ]
    )
    exporter.export()
    # On PostgreSQL the sequence also left gaps below `last` (transactions of earlier tests,
    # rolled back): those wait too, so only the ids above `last` are looked at.
    assert _pending_above(last.pk) == [last.pk + 1, last.pk + 2, last.pk + 3]

    RequestEvent.objects.bulk_create(
        [
            RequestEvent(
                id=last.pk + 2,
                request=personas.alice_request,
                kind=EventKind.COMMENTED,
                from_status="submitted",
                to_status="submitted",
                actor_label="Service client",
                at=timezone.now(),
                message="Un technicien vous appellera.",
            )
        ]
    )
    exporter.export()

    events = [line for line in jsonl(settings, 2) if line["record"] == "event"]
    assert [event["id"] for event in events] == [last.pk + 2]
    assert _pending_above(last.pk) == [last.pk + 1, last.pk + 3]


def _pending_above(event_id: int) -> list[int]:
    return [entry[0] for entry in ExportCursor.objects.get().pending_ids if entry[0] > event_id]


def test_a_dry_run_writes_nothing_and_keeps_the_cursor(personas, settings):
    run = service.run_export(dry_run=True)

    assert run.counts == {"requests": 3, "events": 3, "files": 0}
    assert not settings.EXCHANGE_OUTBOX_DIR.exists() or outbox(settings) == []
    cursor = ExportCursor.objects.get()
    assert (cursor.batch, cursor.planned_batch) == (0, None)


def test_each_run_is_recorded_with_its_counts(personas):
    run = service.run_export()

    assert run.outcome == RunOutcome.OK
    assert run.counts == {"requests": 3, "events": 3, "files": 4}
    assert run.finished_at >= run.started_at
    assert run.report["batch"] == 1


def test_a_batch_can_be_posted_to_the_erp_instead(personas, settings):
    with ErpPeer() as erp:
        settings.EXCHANGE_EXPORT_URL = erp.url
        settings.EXCHANGE_HTTP_TOKEN = "erp-secret"
        exporter.export()

    [posted] = erp.state.posted
    assert posted.headers["authorization"] == "Bearer erp-secret"
    assert posted.headers["idempotency-key"] == "agir-export-000001"
    assert posted.headers["content-type"].startswith("application/x-ndjson")
    assert len(posted.body.decode().splitlines()) == 6
    assert not settings.EXCHANGE_OUTBOX_DIR.exists()
    assert ExportCursor.objects.get().batch == 1


def test_a_refused_post_keeps_the_cursor(personas, settings):
    with ErpPeer() as erp:
        erp.state.answer_status = 503
        settings.EXCHANGE_EXPORT_URL = erp.url
        run = service.run_export()

    assert run.outcome == RunOutcome.FAILED
    assert "HTTP 503" in run.errors
    assert ExportCursor.objects.get().batch == 0


def test_two_runs_never_overlap(personas):
    with exclusive(), pytest.raises(Busy):
        service.run_export()


def test_the_command_says_what_it_did(personas, capsys):
    call_command("exchange", "export", "--verbose")

    out = capsys.readouterr().out
    assert "batch 1: 3 requests, 3 events" in out
    assert "export: ok" in out


def test_the_command_exits_3_while_another_run_holds_the_lock(personas):
    with exclusive(), pytest.raises(SystemExit) as exited:
        call_command("exchange", "export")
    assert exited.value.code == 3


def test_a_request_entered_by_the_erp_exports_its_erp_id(estate, household, settings):
    new = new_request(household, key=uuid.uuid4())
    new.origin = Origin.ERP
    new.external_ref = "IKOS-DI-77"
    lifecycle.submit_new(new, actor=Actor.system(settings.EXCHANGE_ERP_NAME))

    exporter.export()

    request, event = jsonl(settings, 1)
    assert request["erp_id"] == "IKOS-DI-77"
    assert (event["source"], event["erp_id"]) == ("erp", "IKOS-DI-77")
