"""`agir seed --dwellings N --years Y`: a large estate and its history, for measuring."""

from django.core.management.base import BaseCommand, CommandError

from agir.estate.models import Site


class Command(BaseCommand):
    help = (
        "Fill an empty database with a large estate (N dwellings) and Y years of requests, "
        "events and notifications, in bulk, for performance measurements."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dwellings", type=int, required=True)
        parser.add_argument("--years", type=int, default=1)
        parser.add_argument("--seed", type=int, default=2026, help="random seed (same data)")

    def handle(self, *args, dwellings: int, years: int, seed: int, **options):
        from agir.demo.scale.run import seed as run

        if dwellings < 1 or years < 1:
            raise CommandError("--dwellings and --years must be at least 1")
        if Site.objects.exists():
            raise CommandError("the database already has an estate: seed an empty one")
        counts = run(dwellings, years, seed=seed, log=self.stdout.write)
        for name, value in counts.items():
            self.stdout.write(f"{name:>28}: {value}")
