"""`agir demo`: migrate, fill an empty database with the demo, run everything, print logins."""

import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.urls import reverse

from agir.demo import exchange as demo_exchange
from agir.demo import ports, seed

# The web port the demo takes when it is free (DEMO_PORT lets tests play a busy machine).
PREFERRED_WEB_PORT = int(os.environ.get("DEMO_PORT") or 8000)

ROLE_LABELS = {
    "tenant": "locataire",
    "caretaker": "gardien",
    "officer": "chargée de clientèle",
    "contractor": "prestataire",
    "manager": "responsable",
    "administrator": "administrateur",
}


class Command(BaseCommand):
    help = "Start the AGIR demo: web server, worker, periodic jobs and a local mailbox."

    def add_arguments(self, parser):
        parser.add_argument(
            "--port",
            type=int,
            help=f"web port (default {PREFERRED_WEB_PORT}, or a free one when it is taken)",
        )
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument(
            "--smtp-port",
            type=int,
            help=f"the local mailbox's port (default {settings.SMTP_PORT}, or a free one)",
        )
        parser.add_argument(
            "--seed-only", action="store_true", help="Prepare the database, then exit."
        )
        parser.add_argument("--requests", type=int, default=1200)

    def handle(
        self,
        *args,
        port: int | None,
        host: str,
        smtp_port: int | None,
        seed_only: bool,
        requests: int,
        **options,
    ) -> None:
        started = time.monotonic()
        # Ports first: a refusal must come before anything is queued, let alone sent.
        if seed_only:
            port = port or PREFERRED_WEB_PORT  # only printed: nothing listens
        else:
            port = ports.choose(
                host,
                asked=port,
                preferred=PREFERRED_WEB_PORT,
                option="--port",
                what="web server",
                say=self.stdout.write,
            )
            smtp_port = ports.choose(
                host,
                asked=smtp_port,
                preferred=settings.SMTP_PORT,
                option="--smtp-port",
                what="demo's mailbox",
                say=self.stdout.write,
            )
        # A visitor must hear the SMS and voice channels whatever the hour: quiet hours are off
        # in this process (which queues the first messages) and, through the environment, in
        # its children.
        settings.NOTIFY_QUIET_HOURS = False
        call_command("migrate", interactive=False, verbosity=0)
        logins = []
        if seed.is_empty():
            self.stdout.write("Filling the empty database with the demo estate…")
            logins = self._seed(requests)
        elif seed.is_demo_database():
            logins = seed.demo_logins()
        else:
            self.stdout.write(
                "The database is not empty and was not made by the demo: no demo logins."
            )
        trial = seed.signup_trial() if logins else None
        if seed.is_demo_database():
            from agir.notify.showcase import queue_showcase

            queue_showcase()
        self.stdout.write(f"Database ready in {time.monotonic() - started:.1f} s.")
        if seed_only:
            self._print_logins(logins, host, port, trial)
            return
        self._run(host, port, smtp_port, logins, trial)

    def _seed(self, requests: int) -> list:
        """All or nothing: a demo stopped half-way (Ctrl-C, a crash) leaves an empty database,
        filled again at the next start, never a demo without its requests."""
        try:
            with transaction.atomic():
                return seed.seed(requests=requests, log=self.stdout.write)
        except KeyboardInterrupt:
            self.stderr.write("Interrupted: nothing was kept. The next start fills the demo again.")
            sys.exit(130)

    def _run(self, host: str, port: int, smtp_port: int, logins, trial=None) -> None:
        agir = [sys.executable, "-m", "agir"]
        env = {
            **os.environ,
            "SMTP_HOST": "127.0.0.1",
            "SMTP_PORT": str(smtp_port),
            # Every channel stays on this machine, where the back office shows it: email and
            # fax in the catch-all mailbox, SMS and voice calls as files, letters in the print
            # batch; and at any hour, so that a visitor can hear the voice messages at night.
            "NOTIFY_SMS_GATEWAY": "local",
            "NOTIFY_VOICE_GATEWAY": "local",
            "NOTIFY_FAX_ADDRESS": "{number}@fax.agir.localhost",
            "NOTIFY_SMS_LOCAL_DIR": str(settings.NOTIFY_SMS_LOCAL_DIR),
            "NOTIFY_VOICE_LOCAL_DIR": str(settings.NOTIFY_VOICE_LOCAL_DIR),
            "NOTIFY_MAILBOX_DIR": str(settings.NOTIFY_MAILBOX_DIR),
            "NOTIFY_QUIET_HOURS": "off",
            "PUBLIC_BASE_URL": f"http://{host}:{port}",
            # The logins stay on screen: each child says only what goes wrong (no access log
            # line a request, no warning that the development server is one).
            "LOG_LEVEL": os.environ.get("LOG_LEVEL", "WARNING"),
            "DJANGO_RUNSERVER_HIDE_WARNING": "true",
        }
        if settings.TASKS_BACKEND == "rq":
            worker = [*agir, "rqworker", "--job-class", "django_tasks_rq.Job", "default"]
        else:
            worker = [
                *agir,
                "db_worker",
                "--interval",
                "1",
                "--no-startup-delay",
                "--no-reload",
                "--verbosity",
                "0",
            ]
        token = secrets.token_hex(8)
        commands = {
            "web": [*agir, "runserver", f"{host}:{port}", "--noreload", "--skip-checks"],
            "worker": worker,
            "scheduler": [*agir, "scheduler"],
        }
        if demo_exchange.demo_mode() == "connected":
            # AGIR as the extranet of an ERP, played by a small program on the same folders.
            env["EXCHANGE_MODE"] = "connected"
            env.setdefault("EXCHANGE_INTERVAL", str(demo_exchange.DEMO_EXCHANGE_INTERVAL))
            commands["erp"] = [*agir, "demo_erp", "--verbosity", "0"]
        stopping = False

        def stop(signum, frame):
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        mailbox = [
            *agir,
            "mailsink",
            "--port",
            str(smtp_port),
            "--folder",
            str(settings.NOTIFY_MAILBOX_DIR),
            "--ident",
            f"AGIR demo mailbox {token}",
        ]
        children = {"mail": subprocess.Popen(mailbox, env=env)}
        try:
            # The worker sends: it starts once this run's mailbox answers on the port.
            ports.wait_for_mailbox(
                host, smtp_port, token, alive=lambda: children["mail"].poll() is None
            )
            for name, command in commands.items():
                children[name] = subprocess.Popen(command, env=env)
            self._wait_for_web(host, port, children["web"])
        except CommandError:
            self._stop_children(children)
            raise
        self._print_logins(logins, host, port, trial)
        try:
            while not stopping:
                for name, child in children.items():
                    if child.poll() is not None:
                        self.stderr.write(f"{name} stopped (exit {child.returncode}); stopping.")
                        stopping = True
                time.sleep(0.5)
        finally:
            self.stdout.write("Stopping…")
            self._stop_children(children)
            self.stdout.write("Stopped.")

    @staticmethod
    def _stop_children(children: dict[str, subprocess.Popen]) -> None:
        for child in children.values():
            if child.poll() is None:
                child.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + 10
        for child in children.values():
            try:
                child.wait(timeout=max(deadline - time.monotonic(), 0.1))
            except subprocess.TimeoutExpired:
                child.kill()

    @staticmethod
    def _wait_for_web(host: str, port: int, web: subprocess.Popen, timeout: float = 600) -> None:
        """Print the logins once the pages answer, not before (a busy machine may take minutes
        to start the web server; a web server that stops ends the wait at once)."""
        deadline = time.monotonic() + timeout
        # The sign-in page, which a visitor opens first (/healthz would log a 503 until the
        # worker's first heartbeat).
        url = f"http://{host}:{port}{reverse('accounts:login')}"
        while time.monotonic() < deadline and web.poll() is None:
            try:
                with urllib.request.urlopen(url, timeout=2):
                    return
            except urllib.error.HTTPError:
                return  # it answers
            except OSError:
                time.sleep(0.2)
        raise CommandError(f"The web server did not start on port {port}: see the lines above.")

    def _print_logins(self, logins, host: str, port: int, trial=None) -> None:
        self.stdout.write("")
        self.stdout.write(
            f"AGIR demo: http://{host}:{port}/   (health: http://{host}:{port}/healthz)"
        )
        if logins:
            self.stdout.write(f"Logins (password for all: {logins[0].password}):")
            for login in logins:
                label = ROLE_LABELS.get(login.role, login.role)
                self.stdout.write(f"  {label:<22} {login.username:<12} {login.who}")
                if login.totp_secret:
                    self.stdout.write(
                        f"  {'':<22} {'':<12} second factor (TOTP) secret: {login.totp_secret}"
                    )
            if any(login.totp_secret for login in logins):
                self.stdout.write(
                    "  Staff give a code after the password: add the secret to an authenticator"
                    " app, or run `uv run agir demo_code agent` for the code of the moment."
                )
            if any(login.username == "locataire" for login in logins):
                self.stdout.write(
                    "  The tenant signs in with the username 'locataire' (the login page's"
                    " «Adresse e-mail ou référence de bail» field also takes a username)."
                )
        if trial:
            self.stdout.write(
                f"Try the tenant sign-up at http://{host}:{port}/compte/activer/ as"
                f" {trial.name}: lease reference {trial.lease_reference},"
                f" activation code {trial.code}"
            )
        self.stdout.write("Ctrl-C stops everything.")
