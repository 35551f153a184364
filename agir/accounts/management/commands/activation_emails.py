"""`agir activation_emails --building CODE|--all`: queue sign-up links to tenants (outbox).

To each occupant of a current lease who has no account yet and whose email address the
landlord holds.
"""

from django.core.management.base import BaseCommand, CommandError

from agir.accounts.emails import send_activation_link
from agir.accounts.letters import tenants_without_account
from agir.estate.models import Building


class Command(BaseCommand):
    help = "Email activation links to tenants without an account who have an email address."

    def add_arguments(self, parser):
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("--building", help="Code of a building, e.g. TIL-A.")
        which.add_argument("--all", action="store_true", help="Every building.")

    def handle(self, *args, building: str | None, all: bool, **options) -> None:
        target = None
        if building:
            target = Building.objects.filter(code=building).first()
            if target is None:
                raise CommandError(f"No building with code {building!r}.")
        queued = 0
        for tenant in tenants_without_account(target).exclude(email=""):
            queued += send_activation_link(tenant)
        self.stdout.write(
            f"Queued {queued} activation link(s): the worker sends them (one a day per tenant)."
        )
