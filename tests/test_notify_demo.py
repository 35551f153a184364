"""In the demo every channel stays on the machine, where a visitor can see and hear it."""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from agir.notify.models import Notification
from agir.notify.showcase import queue_showcase
from tests.builders import build_household, submitted_request
from tests.demo_runs import copy_demo, own_sqlite_environment
from tests.smtp import free_port


def test_the_showcase_queues_messages_on_each_preferred_channel(estate):
    preferences = {0: ["email"], 1: ["sms"], 2: ["voice"], 3: ["letter"]}
    for index, channels in preferences.items():
        household = build_household(estate.dwellings[index])
        holder = household.holder
        holder.preferred_channels = channels
        holder.save()
        lifecycle_request = submitted_request(household)
        assert lifecycle_request.reference
    Notification.objects.all().delete()

    assert queue_showcase() == 4
    assert set(Notification.objects.values_list("channel", flat=True)) == {
        "email",
        "sms",
        "voice",
        "letter",
    }
    assert queue_showcase() == 0  # once


def test_the_showcase_fills_the_channels_the_other_demo_topics_left_empty(estate):
    preferences = {0: ["email"], 1: ["sms"], 2: ["voice"], 3: ["letter"]}
    for index, channels in preferences.items():
        household = build_household(estate.dwellings[index])
        household.holder.preferred_channels = channels
        household.holder.save()
        submitted_request(household)
    Notification.objects.exclude(channel="email").delete()  # the demo's emails already went

    assert queue_showcase() == 3
    assert set(Notification.objects.values_list("channel", flat=True)) == {
        "email",
        "sms",
        "voice",
        "letter",
    }


@pytest.mark.demo_process
@pytest.mark.slow
def test_the_demo_delivers_every_channel_to_local_folders(tmp_path: Path, filled_demo: Path):
    copy_demo(filled_demo, tmp_path)
    port, smtp_port = free_port(), free_port()
    env = own_sqlite_environment(tmp_path)
    command = [sys.executable, "-m", "agir", "demo", "--port", str(port)]
    demo = subprocess.Popen(
        [*command, "--smtp-port", str(smtp_port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )

    def everything_arrived() -> bool:
        return (
            any((tmp_path / "mail").glob("*.eml"))
            and any((tmp_path / "sms").glob("*.json"))
            and any((tmp_path / "voice").glob("*.wav"))
            and any((tmp_path / "notify" / "letters").rglob("*.pdf"))
        )

    try:
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline and not everything_arrived():
            time.sleep(1)
        assert everything_arrived()
    finally:
        os.killpg(demo.pid, signal.SIGINT)
        demo.wait(timeout=60)
    with sqlite3.connect(tmp_path / "demo.sqlite3") as db:
        states = dict(db.execute("select state, count(*) from notify_notification group by 1"))
    assert states.get("sent", 0) >= 4
