"""`agir quality report --month YYYY-MM --out FILE.pdf`: the monthly review pack, for a
scheduled job. `agir quality facts`: recompute every request's indicator row (after an import,
or on a database from before the indicators). `agir quality retention [--dry-run]`: the
nightly anonymisation, at once."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone


def _month(value: str) -> tuple[int, int]:
    try:
        day = datetime.strptime(value, "%Y-%m")
    except ValueError:
        raise CommandError(f"--month takes YYYY-MM, not {value!r}") from None
    return day.year, day.month


class Command(BaseCommand):
    help = "Quality: the monthly review pack (PDF), the indicators' facts, the retention job."

    def add_arguments(self, parser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        report = actions.add_parser("report", help="Write the month's review pack as a PDF.")
        report.add_argument("--month", required=True, help="YYYY-MM")
        report.add_argument("--out", required=True, type=Path, help="the PDF file to write")
        actions.add_parser("facts", help="Recompute every request's indicator row.")
        retention = actions.add_parser("retention", help="Anonymise what is past its time.")
        retention.add_argument("--dry-run", action="store_true", help="Count; change nothing.")

    def handle(self, *args, action: str, **options) -> None:
        if action == "report":
            from agir.quality.pack import review_pack_pdf

            year, month = _month(options["month"])
            out: Path = options["out"]
            if not out.parent.is_dir():
                raise CommandError(f"no such folder: {out.parent}")
            out.write_bytes(review_pack_pdf(year, month))
            self.stdout.write(f"review pack for {year}-{month:02d} written to {out}")
        elif action == "facts":
            from agir.quality.facts import rebuild_facts

            self.stdout.write(f"{rebuild_facts()} requests measured")
        else:
            from agir.quality.models import PersonalDataAccess, RetentionPolicy
            from agir.quality.retention import (
                access_log_cutoff,
                anonymise_past_retention,
                due_for_anonymising,
                due_for_photo_erasing,
            )

            if options["dry_run"]:
                now, policy = timezone.now(), RetentionPolicy.current()
                old_lines = PersonalDataAccess.objects.filter(at__lt=access_log_cutoff(now, policy))
                self.stdout.write(
                    f"{due_for_anonymising(now, policy).count()} requests to anonymise, "
                    f"{due_for_photo_erasing(now, policy).count()} with photos to erase, "
                    f"{old_lines.count()} access log lines to delete"
                )
                return
            self.stdout.write(str(anonymise_past_retention()))
