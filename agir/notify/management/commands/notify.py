"""`agir notify …`: try a channel, run the sending loop, queue reminders, build a print batch."""

from __future__ import annotations

import signal
import time
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from agir.notify import trial


class Command(BaseCommand):
    help = "Notifications: `test CHANNEL ADDRESS`, `send`, `reminders`, `batch`."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        test = sub.add_parser("test", help="Send a test message through a channel as set up.")
        test.add_argument("channel", choices=trial.CHANNELS)
        test.add_argument(
            "address",
            help='email address, phone or fax number; for a letter: "Name, street, postcode town"',
        )
        send = sub.add_parser("send", help="Send the due notifications.")
        send.add_argument("--loop", action="store_true", help="Keep sending until stopped.")
        send.add_argument(
            "--idle-exit",
            type=float,
            default=0,
            help="With --loop: stop after this many seconds with nothing left to send.",
        )
        send.add_argument("--limit", type=int, default=100)
        sub.add_parser("reminders", help="Queue the reminders of tomorrow's visits.")
        batch = sub.add_parser("batch", help="Build a day's print batch (PDF and CSV).")
        batch.add_argument("--day", default="", help="YYYY-MM-DD, today by default")

    def handle(self, *args, action: str, **options) -> None:
        getattr(self, f"_{action}")(**options)

    def _test(self, channel: str, address: str, **options) -> None:
        try:
            result = trial.run(channel, address)
        except trial.TrialError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(trial.describe(result))
        if not result.ok:
            raise CommandError("the test message was not sent")

    def _send(self, loop: bool, idle_exit: float, limit: int, **options) -> None:
        from agir.notify.dispatch import send_due

        stopping = False

        def stop(signum, frame):
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        total, idle_since = 0, time.monotonic()
        if loop:
            self.stdout.write("sending due notifications until stopped")
            self.stdout.flush()
        while not stopping:
            sent = send_due(limit=limit)
            total += sent
            if not loop:
                break
            if sent:
                idle_since = time.monotonic()
            elif idle_exit and time.monotonic() - idle_since > idle_exit:
                break
            else:
                time.sleep(0.2)
        self.stdout.write(f"sent {total}")

    def _reminders(self, **options) -> None:
        from agir.notify.outbox import queue_reminders

        self.stdout.write(f"queued {queue_reminders()} reminders")

    def _batch(self, day: str, **options) -> None:
        from agir.notify.channels.letter import batch as batches

        try:
            wanted = date.fromisoformat(day) if day else timezone.localdate()
        except ValueError as error:
            raise CommandError(f"--day must be YYYY-MM-DD, not {day!r}") from error
        found = batches.batch_of(wanted)
        if found is None:
            self.stdout.write(f"no letters on {wanted:%Y-%m-%d}")
            return
        pdf_path, csv_path = batches.build(found)
        self.stdout.write(f"{found.built_count} letters\n{pdf_path}\n{csv_path}")
