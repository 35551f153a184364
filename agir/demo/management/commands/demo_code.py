"""`agir demo_code agent`: the code a demo staff login's authenticator app shows now."""

from django.core.management.base import BaseCommand, CommandError

from agir.accounts.models import User
from agir.demo import second_factors, seed


class Command(BaseCommand):
    help = "Print the current second-factor code of a demo staff login (demo database only)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("username", choices=second_factors.STAFF_LOGINS)

    def handle(self, *args, username: str, **options) -> None:
        if not seed.is_demo_database():
            raise CommandError("Not a database made by `agir demo`: no demo codes here.")
        user = User.objects.filter(username=username).first()
        code = second_factors.current_code(user) if user else ""
        if not code:
            raise CommandError(f"{username} has no second factor set up.")
        self.stdout.write(code)
