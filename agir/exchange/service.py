"""What `agir exchange …` and the scheduler call: each step under the lock, each recorded."""

from __future__ import annotations

from collections.abc import Callable

from .models import ExchangeRun, RunKind
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
