"""What `agir exchange …` and the scheduler call: each step under the lock, each recorded."""

from __future__ import annotations

from collections.abc import Callable

from .models import ExchangeRun, RunKind, RunOutcome
from .runs import Recorder, exclusive

Say = Callable[[str], None]


def _quiet(text: str) -> None:
    pass


def export_step(*, dry_run: bool = False, say: Say = _quiet) -> ExchangeRun:
    from .export import export

    recorder = Recorder(RunKind.EXPORT, dry_run=dry_run)
    try:
        result = export(dry_run=dry_run, log_line=say)
    except Exception as error:
        return recorder.fail(error)
    report = {"batch": result.batch, "files": result.files} if result.batch else {}
    return recorder.finish(counts=result.counts(), report=report)


def run_export(*, dry_run: bool = False, say: Say = _quiet) -> ExchangeRun:
    with exclusive():
        return export_step(dry_run=dry_run, say=say)


def import_step(*, dry_run: bool = False, say: Say = _quiet) -> ExchangeRun:
    from .importer import import_inbox

    recorder = Recorder(RunKind.IMPORT, dry_run=dry_run)
    try:
        result = import_inbox(dry_run=dry_run, log_line=say, run=None if dry_run else recorder.run)
    except Exception as error:
        return recorder.fail(error)
    counts = dict(result.counts)
    counts["files"] = len(result.files)
    run = recorder.finish(counts=counts, rejects=result.rejected, report={"files": result.files})
    if result.errors:
        run.outcome = RunOutcome.FAILED
        run.errors = "\n".join(result.errors)
        run.save(update_fields=["outcome", "errors"])
    return run


def run_import(*, dry_run: bool = False, say: Say = _quiet) -> ExchangeRun:
    with exclusive():
        return import_step(dry_run=dry_run, say=say)


def run_all(*, dry_run: bool = False, say: Say = _quiet) -> list[ExchangeRun]:
    """What the ERP sent first (its changes are then part of what goes back), then the export."""
    with exclusive():
        return [import_step(dry_run=dry_run, say=say), export_step(dry_run=dry_run, say=say)]


def reconcile_step(*, dry_run: bool = False, say: Say = _quiet) -> ExchangeRun:
    from .reconcile import reconcile

    recorder = Recorder(RunKind.RECONCILE, dry_run=dry_run)
    try:
        report = reconcile(dry_run=dry_run, log_line=say)
    except Exception as error:
        return recorder.fail(error)
    summary = report.summary()
    counts = {"compared": sum(report.compared.values()), "differences": len(report.differences)}
    outcome = RunOutcome.DIFFERENCES if report.differences else RunOutcome.OK
    return recorder.finish(counts=counts, report=summary, outcome=outcome)


def run_reconcile(*, dry_run: bool = False, say: Say = _quiet) -> ExchangeRun:
    with exclusive():
        return reconcile_step(dry_run=dry_run, say=say)


def reconcile_due(now=None) -> bool:
    """Once a day, after EXCHANGE_RECONCILE_HOUR (local time)."""
    from django.conf import settings
    from django.utils import timezone

    local = timezone.localtime(now)
    if local.hour < settings.EXCHANGE_RECONCILE_HOUR:
        return False
    since = local.replace(hour=settings.EXCHANGE_RECONCILE_HOUR, minute=0, second=0, microsecond=0)
    return not ExchangeRun.objects.filter(
        kind=RunKind.RECONCILE, dry_run=False, started_at__gte=since
    ).exists()


def tick(*, say: Say = _quiet) -> list[ExchangeRun]:
    """What the scheduler runs every EXCHANGE_INTERVAL seconds in connected mode: import, then
    export, and the reconciliation once a night."""
    with exclusive():
        runs = [import_step(say=say), export_step(say=say)]
        if reconcile_due():
            runs.append(reconcile_step(say=say))
        return runs
