"""`agir demo` run as a process by a test: its environment, and a folder filled once.

The tests that start the demo for what comes after the fill (ports taken, a killed run, the
channels) copy a folder filled once by `agir demo --seed-only` into their own instead of
filling it again (10 to 20 s each). The fill from an empty folder keeps tests of its own
(tests/demo_estate/test_demo.py, tests/test_demo_logins.py).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path


def own_sqlite_environment(folder: Path, **extra: str) -> dict[str, str]:
    """An `agir` process on a folder and a SQLite database of its own, whatever the suite's
    database: the demo's, or a lone worker's."""
    return {
        **os.environ,
        "AGIR_DATA_DIR": str(folder),
        "DATABASE_URL": f"sqlite:///{folder / 'demo.sqlite3'}",
        "TASKS_BACKEND": "database",
        "SCHEDULER_INTERVAL": "1",
        **extra,
    }


def fill_demo(folder: Path) -> Path:
    filled = subprocess.run(
        [sys.executable, "-m", "agir", "demo", "--seed-only", "--requests", "40"],
        env=own_sqlite_environment(folder),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert filled.returncode == 0, filled.stdout + filled.stderr
    return folder


def copy_demo(filled: Path, folder: Path) -> Path:
    """The filled demo's database and files (its secret key, its exchange) in `folder`."""
    shutil.copytree(filled, folder, dirs_exist_ok=True)
    return folder
