"""The crash test's launcher: Django is set up once, then each `agir exchange …` runs in a
forked process, which the launcher kills with SIGKILL when its delay is over.

Why forks and not a fresh `python -m agir exchange export` each time: starting Python and
Django costs seconds of CPU on this shared machine, and the test kills forty runs. A forked
child runs the very same entry point (`agir.__main__.main` with the command's argv) on its own
database connection; only the interpreter's start is shared. The launcher kills its own
children only (a child not yet waited for keeps its pid).

Protocol, one line each way: `ACTION DELAY` (seconds, or `-` to let it finish) on stdin;
`killed SECONDS` or `exit CODE SECONDS` on stdout. `ready` once Django is set up.
Usage: python -m tests.exchange.crash_runner (with DATABASE_URL and EXCHANGE_DIR set).
"""

from __future__ import annotations

import os
import signal
import sys
import time


def _child(action: str) -> None:
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)  # the command's summary must not mix with the protocol
    sys.argv = ["agir", "exchange", action]
    from agir.__main__ import main

    code = 0
    try:
        main()
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else 1
    except BaseException:
        import traceback

        traceback.print_exc()
        code = 70
    sys.stderr.flush()
    os._exit(code)


def _run(action: str, delay: float | None) -> str:
    started = time.monotonic()
    pid = os.fork()
    if pid == 0:
        _child(action)
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        elapsed = time.monotonic() - started
        if done:
            return f"exit {os.waitstatus_to_exitcode(status)} {elapsed:.3f}"
        if delay is not None and elapsed >= delay:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            return f"killed {elapsed:.3f}"
        time.sleep(0.002)


def serve() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "agir.settings")
    import django

    django.setup()
    from django.db import connections

    connections.close_all()  # each child opens its own
    print("ready", flush=True)
    for line in sys.stdin:
        action, delay = line.split()
        print(_run(action, None if delay == "-" else float(delay)), flush=True)


if __name__ == "__main__":
    serve()
