"""The demo in connected mode: AGIR exchanges with a simulated ERP (agir.exchange.simulated_erp).

At first start the seed plays two real rounds (export, the ERP's answer, import) and the
nightly reconciliation, so that managers find runs, refused rows and a reconciliation report in
the back office («Échanges ERP»). While the demo runs, `agir demo_erp` keeps playing the ERP and
the scheduler runs the exchange every DEMO_EXCHANGE_INTERVAL seconds.
Standalone is one setting away: `EXCHANGE_MODE=standalone ./dev demo` (no ERP, no exchange).
"""

from __future__ import annotations

import os
import shutil
import time

from django.conf import settings

# How often the demo exchanges (seconds): often enough that a visitor sees it happen.
DEMO_EXCHANGE_INTERVAL = 60


def demo_mode() -> str:
    """The demo is connected unless EXCHANGE_MODE says otherwise."""
    return os.environ.get("EXCHANGE_MODE", "connected")


def seed_exchange(log=print) -> None:
    """Two rounds with the simulated ERP, then the reconciliation: real runs, recorded."""
    if demo_mode() != "connected":
        log("  exchange: standalone (no ERP)")
        return
    from agir.exchange import service, simulated_erp

    started = time.monotonic()

    # A new demo database starts with an empty exchange folder: what a former demo left there
    # (its batches, the ERP's memory) belongs to other requests.
    folder = settings.EXCHANGE_DIR
    if folder.exists():
        shutil.rmtree(folder)
    for with_list in (False, True):
        service.run_export()
        simulated_erp.play(with_list=with_list)
        service.run_import()
    service.run_export()
    run = service.run_reconcile()
    log(
        f"  exchange: two rounds with the simulated ERP and a reconciliation ({run.outcome}) "
        f"in {time.monotonic() - started:.1f} s"
    )
