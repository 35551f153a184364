"""`agir activation_letters --building CODE|--all --out FILE.pdf`: print sign-up letters.

One page per occupant of a current lease who has no account yet; each gets a fresh code (the
previous ones stop working).
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from agir.accounts.letters import render_letters, tenants_without_account
from agir.estate.models import Building


class Command(BaseCommand):
    help = "Print activation letters (PDF) for tenants without an account."

    def add_arguments(self, parser):
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("--building", help="Code of a building, e.g. TIL-A.")
        which.add_argument("--all", action="store_true", help="Every building.")
        parser.add_argument("--out", required=True, type=Path, help="PDF file to write.")

    def handle(self, *args, building: str | None, all: bool, out: Path, **options) -> None:
        target = None
        if building:
            target = Building.objects.filter(code=building).first()
            if target is None:
                raise CommandError(f"No building with code {building!r}.")
        tenants = tenants_without_account(target)
        pdf, count = render_letters(tenants)
        if not count:
            self.stdout.write("No tenant without an account there: no letter written.")
            return
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(pdf)
        self.stdout.write(f"Wrote {count} letter(s) to {out}.")
