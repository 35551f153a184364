"""`agir demo` on a busy machine: its ports taken by other programs or by a killed run, and that
run's files left behind. It starts anyway on free ports, or, on a port asked for and taken,
refuses before anything is sent; never does a demo message reach another program's mailbox."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.core.management.base import CommandError

from agir.demo import ports
from tests.demo_runs import copy_demo, own_sqlite_environment
from tests.smtp import SmtpServer, free_port

pytestmark = pytest.mark.slow


class Demo:
    """`agir demo` in a process group of its own, its output read line by line."""

    def __init__(self, data: Path, *args: str, env: dict | None = None) -> None:
        self.lines: list[str] = []
        self.process = subprocess.Popen(
            [sys.executable, "-m", "agir", "demo", "--requests", "40", *args],
            env=own_sqlite_environment(data, **(env or {})),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )

    def wait_for(self, pattern: str, timeout: float = 180) -> re.Match:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            line = self.process.stdout.readline()
            if not line:
                break  # the demo stopped
            self.lines.append(line)
            if found := re.search(pattern, line):
                return found
        raise AssertionError(f"no line matching {pattern!r} in:\n{self.output}")

    @property
    def output(self) -> str:
        return "".join(self.lines)

    def stop(self) -> int:
        """Ctrl-C, as a person would; everything the demo started stops with it."""
        self.process.send_signal(signal.SIGINT)
        rest, _ = self.process.communicate(timeout=60)
        self.lines.append(rest)
        return self.process.returncode

    def kill_leaving_children(self) -> None:
        """Kill -9 the demo alone: its web server, worker and mailbox go on holding the ports."""
        self.process.kill()
        self.process.wait(timeout=10)

    def kill_group(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)


def answers(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (127.0.0.1)
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 0


def wait_until(condition, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.5)
    raise AssertionError("timed out")


@pytest.mark.demo_process
def test_the_demo_starts_on_free_ports_when_its_own_are_taken(tmp_path, filled_demo):
    copy_demo(filled_demo, tmp_path)
    web_squatter = socket.socket()
    web_squatter.bind(("127.0.0.1", 0))
    web_squatter.listen()
    busy_web = web_squatter.getsockname()[1]
    with SmtpServer() as other_mailbox:
        demo = Demo(
            tmp_path, env={"DEMO_PORT": str(busy_web), "SMTP_PORT": str(other_mailbox.port)}
        )
        try:
            port = int(demo.wait_for(r"AGIR demo: http://127\.0\.0\.1:(\d+)/")[1])
            assert port != busy_web
            assert f"Port {busy_web} is taken" in demo.output
            assert f"Port {other_mailbox.port} is taken" in demo.output
            assert answers(f"http://127.0.0.1:{port}/compte/connexion/") == 200
            # The showcase's emails land in the demo's own mailbox, none in the other one.
            wait_until(lambda: any((tmp_path / "mail").glob("*.eml")))
        finally:
            code = demo.stop()
            web_squatter.close()
        assert other_mailbox.received == []
    assert code == 0, demo.output


@pytest.mark.demo_process
@pytest.mark.parametrize("option", ["--port", "--smtp-port"])
def test_a_port_asked_for_and_taken_stops_the_demo_naming_the_option(tmp_path, option):
    with SmtpServer() as other_mailbox:
        demo = Demo(tmp_path, option, str(other_mailbox.port))
        output, _ = demo.process.communicate(timeout=120)
        assert demo.process.returncode != 0
        assert (
            f"Port {other_mailbox.port}" in output and f"Choose another one with {option}" in output
        )
        assert other_mailbox.received == []
    assert not list((tmp_path / "mail").glob("*.eml"))


def test_the_worker_waits_for_the_demos_own_mailbox_not_another_program(db):
    with SmtpServer() as other_mailbox:
        with pytest.raises(CommandError, match="--smtp-port"):
            ports.wait_for_mailbox(
                "127.0.0.1", other_mailbox.port, "this-run-token", alive=lambda: True
            )
        assert other_mailbox.received == []


@pytest.mark.demo_process
def test_the_demo_starts_again_over_a_killed_run_and_its_files(tmp_path, filled_demo):
    copy_demo(filled_demo, tmp_path)
    usual = {"DEMO_PORT": str(free_port()), "SMTP_PORT": str(free_port())}
    first = Demo(tmp_path, env=usual)
    try:
        code = first.wait_for(r"activation code ([A-Z0-9-]+)")[1]
        first.kill_leaving_children()  # its children hold the ports; its files stay in var/
        again = Demo(tmp_path, env=usual)
        try:
            port = int(again.wait_for(r"AGIR demo: http://127\.0\.0\.1:(\d+)/")[1])
            assert str(port) != usual["DEMO_PORT"]
            # The code printed by the first run still works: the same one is printed again.
            assert again.wait_for(r"activation code ([A-Z0-9-]+)")[1] == code
            assert "locataire" in again.output and "agir-demo" in again.output
            assert answers(f"http://127.0.0.1:{port}/compte/connexion/") == 200
        finally:
            code = again.stop()
        assert code == 0, again.output
    finally:
        first.kill_group()
