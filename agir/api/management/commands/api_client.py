"""`agir api_client create NAME --scope S…` prints a new token once; `list`; `revoke NAME`."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from agir.api import tokens
from agir.api.models import ApiClient
from agir.api.scopes import SCOPES


class Command(BaseCommand):
    help = "Make, list and revoke the API's client tokens."

    def add_arguments(self, parser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="A new client; prints its token once.")
        create.add_argument("name")
        create.add_argument(
            "--scope", action="append", default=[], choices=sorted(SCOPES), dest="scopes"
        )
        create.add_argument("--contact", default="")
        sub.add_parser("list", help="The clients, their scopes and last use.")
        revoke = sub.add_parser("revoke", help="Stop a client's token at once.")
        revoke.add_argument("name")

    def handle(self, *args, action: str, **options) -> None:
        if action == "create":
            if ApiClient.objects.filter(name=options["name"]).exists():
                raise CommandError(f"a client named {options['name']!r} already exists")
            issued = tokens.issue(options["name"], options["scopes"], contact=options["contact"])
            self.stdout.write(issued.token)
        elif action == "list":
            for client in ApiClient.objects.all():
                state = "revoked" if client.revoked_at else "active"
                used = client.last_used_at.isoformat() if client.last_used_at else "never"
                self.stdout.write(
                    f"{client.name}\t{client.token_prefix}\t{state}\t"
                    f"{','.join(client.scopes)}\tlast used {used}"
                )
        elif action == "revoke":
            client = ApiClient.objects.active().filter(name=options["name"]).first()
            if client is None:
                raise CommandError(f"no active client named {options['name']!r}")
            tokens.revoke(client)
            self.stdout.write(f"revoked {client.name}")
