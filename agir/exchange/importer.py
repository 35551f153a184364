"""Import what the ERP dropped in the inbox, file by file, in a safe order.

A file is known by its SHA-256: applied once, whatever its name. Its rows are applied in
chunks; each chunk's changes, its refused rows and the file's progress (`next_line`) commit
together, so a run killed in the middle goes on where it stopped, and nothing is applied
twice. Once every row is through, the rejects file is written (from the database, so it is
the same whatever the interruptions), the file is marked applied, and it moves to `done/`.
"""

from __future__ import annotations

import gc
import logging
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import connections, router, transaction
from django.utils import timezone

from . import rejects
from .estate_import import Importer as EstateImporter
from .files import is_visible, move_durably, sha256_of
from .models import ImportFile, ImportReject, ImportState
from .requests_import import LinkImporter, MessageImporter, RequestImporter, StatusImporter
from .rows import Outcome, Row, read
from .schema import ORDER, REFERENCE_KINDS, SPECS, RowError, parse_name

log = logging.getLogger(__name__)


def importer_for(kind: str):
    if kind in REFERENCE_KINDS:
        return EstateImporter(kind)
    return {
        "request": RequestImporter,
        "link": LinkImporter,
        "status": StatusImporter,
        "message": MessageImporter,
    }[kind]()


@dataclass
class ImportResult:
    counts: Counter = field(default_factory=Counter)
    rejected: int = 0
    files: list[dict] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def inbox_files() -> list[Path]:
    """The files to apply, reference data first, each kind in name order. The reconciliation
    lists (reconcile-v1-…) stay for the nightly reconciliation."""
    inbox: Path = settings.EXCHANGE_INBOX_DIR
    if not inbox.exists():
        return []
    files = [p for p in inbox.iterdir() if is_visible(p)]

    def key(path: Path) -> tuple[int, str]:
        kind = path.name.split("-", 1)[0]
        return (ORDER.index(kind) if kind in ORDER else -1, path.name)

    return sorted((p for p in files if not p.name.startswith("reconcile-")), key=key)


def import_inbox(
    *, dry_run: bool = False, log_line: Callable[[str], None] = lambda text: None, run=None
) -> ImportResult:
    with _page_cache(IMPORT_PAGE_CACHE_KIB):
        return _import_files(dry_run=dry_run, log_line=log_line, run=run)


# SQLite's page cache while importing (its default is 2 MiB): a chunk of 1,000 status changes
# writes into the indexes of tables of hundreds of thousands of rows (requests, events,
# notifications, ERP records) all over, and with the default cache it read the same pages
# again and again (a tenth of the import's CPU time, 100,000 changes, 2026-12-01).
IMPORT_PAGE_CACHE_KIB = 64 * 1024


@contextmanager
def _page_cache(kib: int) -> Iterator[None]:
    """On SQLite, a page cache of at least `kib` KiB for this connection while the block runs,
    then the one it had. Nothing elsewhere."""
    connection = connections[router.db_for_write(ImportFile)]
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        (before,) = cursor.fetchone()
        cursor.execute("PRAGMA page_size")
        (page_size,) = cursor.fetchone()
        # Negative: in KiB; positive: in pages.
        larger = (-before if before < 0 else before * page_size // 1024) < kib
        if larger:
            cursor.execute(f"PRAGMA cache_size = {-int(kib)}")
    try:
        yield
    finally:
        if larger:
            with connection.cursor() as cursor:
                cursor.execute(f"PRAGMA cache_size = {int(before)}")


def _import_files(*, dry_run: bool, log_line: Callable[[str], None], run) -> ImportResult:
    result = ImportResult()
    for path in inbox_files():
        try:
            if dry_run:
                with transaction.atomic():
                    summary = apply_file(path, run=None, dry_run=True, log_line=log_line)
                    transaction.set_rollback(True)
            else:
                summary = apply_file(path, run=run, dry_run=False, log_line=log_line)
        except Exception as error:
            # The file stays in the inbox, its progress kept; the next run takes it up again.
            log.exception("import of %s failed", path.name)
            result.errors.append(f"{path.name}: {type(error).__name__}: {error}")
            log_line(f"{path.name}: failed ({error})")
            continue
        result.files.append(summary)
        result.counts.update(summary["counts"])
        result.rejected += summary["rejected"]
    return result


def apply_file(path: Path, *, run, dry_run: bool, log_line) -> dict:
    digest = sha256_of(path)
    record = ImportFile.objects.filter(sha256=digest).first()
    if record is not None and record.state != ImportState.APPLYING:
        log_line(f"{path.name}: already applied as {record.name}; nothing to do")
        if not dry_run:
            _archive(path)
        return {
            "name": path.name,
            "state": "duplicate",
            "counts": {"files skipped": 1},
            "rejected": 0,
        }
    try:
        name = parse_name(path.name)
    except RowError as error:
        return _refuse(
            path, digest, error, run=run, dry_run=dry_run, log_line=log_line, record=record
        )
    if record is None:
        record = ImportFile.objects.create(sha256=digest, name=path.name, kind=name.kind, run=run)
    spec = SPECS[name.kind]
    handler = importer_for(name.kind)
    total = Outcome()
    chunk: list[Row] = []
    failed: list[tuple[Row, RowError]] = []
    size = settings.EXCHANGE_IMPORT_CHUNK
    try:
        for item in read(path, name.format, spec):
            row = item[0] if isinstance(item, tuple) else item
            if row.line < record.next_line:
                continue
            if isinstance(item, tuple):
                failed.append(item)
            else:
                chunk.append(row)
            if len(chunk) + len(failed) >= size:
                total.merge(_apply_chunk(record, handler, chunk, failed))
                chunk, failed = [], []
                log_line(f"{path.name}: through line {record.next_line - 1}")
    except RowError as error:
        return _refuse(
            path, digest, error, run=run, dry_run=dry_run, log_line=log_line, record=record
        )
    if chunk or failed:
        total.merge(_apply_chunk(record, handler, chunk, failed))
    return _finish(path, record, total, dry_run=dry_run, log_line=log_line)


def _apply_chunk(record: ImportFile, handler, rows: list[Row], failed) -> Outcome:
    outcome = Outcome()
    for row, error in failed:
        outcome.reject(row, error.code, **error.params)
    with transaction.atomic(), _collector_paused():
        if rows:
            handler.apply(rows, outcome)
        ImportReject.objects.bulk_create(
            [
                ImportReject(file=record, line=line, code=code, params=params, raw=raw[:2000])
                for line, code, params, raw in outcome.rejects
            ],
            ignore_conflicts=True,
        )
        last = max([row.line for row in rows] + [row.line for row, _ in failed])
        record.next_line = last + 1
        counts = Counter(record.counts)
        counts.update(outcome.counts)
        record.counts = dict(counts)
        record.rejected += len(outcome.rejects)
        record.save(update_fields=["next_line", "counts", "rejected"])
    return outcome


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector paused while a chunk is applied: the chunk makes
    tens of thousands of objects (rows, instances, messages) that live until it ends, and
    the collector, run every few hundred new objects, went through them again and again (a
    tenth of the CPU time of 20,000 status changes, 2026-12-01). What the chunk leaves in
    cycles is collected once the collector runs again."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def _finish(path: Path, record: ImportFile, total: Outcome, *, dry_run: bool, log_line) -> dict:
    record.refresh_from_db()
    if not dry_run:
        if record.rejected:
            _write_rejects(record)
        record.state = ImportState.DONE
        record.applied_at = timezone.now()
        record.save(update_fields=["state", "applied_at", "rejects_file"])
        _archive(path)
    counts = {k: v for k, v in record.counts.items() if k != "rejected"}
    log_line(f"{path.name}: {_words(counts)}; {record.rejected} rows rejected")
    return {"name": path.name, "state": "applied", "counts": counts, "rejected": record.rejected}


def _refuse(path, digest, error: RowError, *, run, dry_run, log_line, record=None) -> dict:
    log_line(f"{path.name}: refused ({rejects.reason_in_english(error.code, error.params)})")
    if not dry_run:
        if record is None:
            record = ImportFile.objects.create(sha256=digest, name=path.name, run=run)
        with transaction.atomic():
            ImportReject.objects.filter(file=record).delete()
            ImportReject.objects.create(file=record, line=0, code=error.code, params=error.params)
            record.state = ImportState.REFUSED
            record.reason = rejects.reason_in_english(error.code, error.params)
            record.rejected = 1
            record.applied_at = timezone.now()
            record.save(update_fields=["state", "reason", "rejected", "applied_at"])
        _write_rejects(record)
        record.save(update_fields=["rejects_file"])
        _archive(path)
    return {"name": path.name, "state": "refused", "counts": {"files refused": 1}, "rejected": 1}


def _write_rejects(record: ImportFile) -> None:
    folder = rejects_dir()
    target = folder / f"{record.name}.rejects.csv"
    rows = [
        (r.line, r.code, r.params, r.raw)
        for r in ImportReject.objects.filter(file=record).order_by("line")
    ]
    rejects.write_file(target, rows)
    record.rejects_file = target.name


def rejects_dir() -> Path:
    return settings.EXCHANGE_DIR / "rejects"


def done_dir() -> Path:
    return settings.EXCHANGE_DIR / "done"


def _archive(path: Path) -> None:
    if path.exists():
        move_durably(path, done_dir())


def _words(counts: dict) -> str:
    return ", ".join(f"{value} {key}" for key, value in sorted(counts.items())) or "nothing"
