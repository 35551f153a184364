import signal
import threading
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from agir.notify import mailsink


class Command(BaseCommand):
    help = "Run a local catch-all SMTP server that keeps every message in a folder (demo)."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=settings.SMTP_PORT)
        parser.add_argument("--folder", default=str(settings.DATA_DIR / "mail"))
        parser.add_argument("--ident", default="", help="Words of the SMTP greeting.")

    def handle(self, *args, host: str, port: int, folder: str, ident: str, **options) -> None:
        controller = mailsink.start(Path(folder), host, port, ident)
        self.stdout.write(f"SMTP catch-all on {host}:{port}, messages in {folder}")
        stop = threading.Event()
        signal.signal(signal.SIGTERM, lambda *_: stop.set())
        signal.signal(signal.SIGINT, lambda *_: stop.set())
        stop.wait()
        controller.stop()
