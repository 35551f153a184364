"""`agir exchange export|import|run|reconcile [--dry-run] [--verbose]`: the exchange with the ERP.

`run` imports what the ERP dropped, then exports what changed. One run at a time: a second
one exits at once, saying so (exit status 3).
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from agir.exchange import service
from agir.exchange.models import RunOutcome
from agir.exchange.runs import Busy

BUSY_EXIT = 3


class Command(BaseCommand):
    help = "Exchange with the landlord's ERP: export, import, both (run), or reconcile."
    # Run every few minutes: the system checks import every view of the site (seconds of CPU
    # each time) and belong to `agir check` at deployment, as for Django's own `migrate`.
    requires_system_checks = []

    def add_arguments(self, parser) -> None:
        parser.add_argument("action", choices=["export", "import", "run", "reconcile"])
        parser.add_argument(
            "--dry-run", action="store_true", help="Say what would be done; change nothing."
        )
        parser.add_argument("--verbose", action="store_true", help="Say each step.")

    def handle(self, *args, action: str, dry_run: bool, verbosity: int, **options) -> None:
        verbose = verbosity >= 2 or options["verbose"]

        def say(text: str) -> None:
            if verbose:
                self.stdout.write(text)

        steps = {
            "export": service.run_export,
            "import": service.run_import,
            "run": service.run_all,
            "reconcile": service.run_reconcile,
        }
        try:
            runs = steps[action](dry_run=dry_run, say=say)
        except Busy as busy:
            self.stderr.write(f"{busy}; nothing done.")
            raise SystemExit(BUSY_EXIT) from None
        failed = False
        for run in runs if isinstance(runs, list) else [runs]:
            self.stdout.write(_summary(run))
            failed |= run.outcome == RunOutcome.FAILED
        if failed:
            raise SystemExit(1)


def _summary(run) -> str:
    counts = ", ".join(f"{key} {value}" for key, value in run.counts.items()) or "nothing"
    text = f"{run.kind}{' (dry run)' if run.dry_run else ''}: {run.outcome}; {counts}"
    if run.rejects:
        text += f"; {run.rejects} rows rejected"
    if run.errors:
        text += f"; error: {run.errors}"
    return text
