"""`agir demo_erp`: the demo's simulated ERP, playing on the exchange folders until stopped.

Every few seconds it answers the export batches AGIR left in the outbox (agir.exchange.
simulated_erp); once an hour it drops its full list for the nightly reconciliation.
"""

from __future__ import annotations

import signal
import time

from django.core.management.base import BaseCommand

from agir.exchange import simulated_erp

LIST_EVERY = 3600


class Command(BaseCommand):
    help = "Play the landlord's ERP on the exchange folders (the demo's connected mode)."
    requires_system_checks = []

    def add_arguments(self, parser) -> None:
        parser.add_argument("--interval", type=float, default=10.0, help="seconds between plays")
        parser.add_argument("--once", action="store_true", help="play once and stop")

    def handle(self, *args, interval: float, once: bool, **options) -> None:
        stopping = False

        def stop(signum, frame) -> None:
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        last_list = time.monotonic()
        while not stopping:
            with_list = time.monotonic() - last_list >= LIST_EVERY
            played = simulated_erp.play(with_list=with_list)
            if with_list:
                last_list = time.monotonic()
            if played.batches and options["verbosity"] >= 2:
                self.stdout.write(f"ERP: answered batches {played.batches}: {played.files}")
            if once:
                return
            slept = 0.0
            while not stopping and slept < interval:
                time.sleep(0.2)
                slept += 0.2
