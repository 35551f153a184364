"""One exchange at a time, each recorded: the lock, and the run's row the back office shows."""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import traceback
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from .models import ExchangeRun, RunOutcome

log = logging.getLogger(__name__)


class Busy(Exception):
    """Another exchange run holds the lock."""


@contextlib.contextmanager
def exclusive() -> Iterator[None]:
    """The exchange lock: a file lock, which the kernel releases when its process dies, even
    by SIGKILL. The exchange folder is shared by every host that runs the exchange."""
    folder: Path = settings.EXCHANGE_DIR
    folder.mkdir(parents=True, exist_ok=True)
    fd = os.open(folder / ".lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise Busy("another exchange run is in progress") from None
        # Whatever was running when the lock was free died without finishing.
        ExchangeRun.objects.filter(outcome=RunOutcome.RUNNING).update(
            outcome=RunOutcome.INTERRUPTED
        )
        yield
    finally:
        os.close(fd)


class Recorder:
    """The row of one run: created when it starts, completed when it ends (or fails)."""

    def __init__(self, kind: str, *, dry_run: bool) -> None:
        self.run = ExchangeRun.objects.create(kind=kind, dry_run=dry_run)

    def finish(
        self,
        *,
        counts: dict | None = None,
        rejects: int = 0,
        report: dict | None = None,
        outcome: str | None = None,
    ) -> ExchangeRun:
        run = self.run
        run.counts = counts or {}
        run.rejects = rejects
        run.report = report or {}
        run.outcome = outcome or (RunOutcome.REJECTS if rejects else RunOutcome.OK)
        run.finished_at = timezone.now()
        run.save(update_fields=["counts", "rejects", "report", "outcome", "finished_at"])
        return run

    def fail(self, error: BaseException) -> ExchangeRun:
        log.error("exchange %s failed: %s", self.run.kind, error)
        run = self.run
        run.outcome = RunOutcome.FAILED
        run.errors = "".join(traceback.format_exception_only(error)).strip()
        run.finished_at = timezone.now()
        run.save(update_fields=["outcome", "errors", "finished_at"])
        return run
