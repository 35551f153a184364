"""Point Django at a throwaway SQLite database and migrate it."""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def django_with_fresh_database() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="agir-bench-"))
    os.environ["AGIR_DATA_DIR"] = str(folder)
    os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "agir.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    return folder


def cpu_baseline(repeat: int = 3) -> float:
    """Seconds for a fixed pure-Python workload: the yardstick for this machine right now."""
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        total = 0
        for i in range(3_000_000):
            total += i % 7
        best = min(best, time.perf_counter() - started)
    return best
