"""At least once everywhere, exactly once where the peer drops copies: shown by killing workers.

A worker can die after a peer accepted a message and before the database recorded it. The
message is then sent again after the claim expires. These tests kill real worker processes
(SIGKILL) in that window and count, at the peers, every copy they receive: an SMTP server keeps
every copy (none drops one by Message-ID), the SMS gateway counts every request and delivers one
message per idempotency key (its documented contract), Asterisk places one call per call file.
docs/reliability.md states the guarantee of each channel from these numbers.
"""

import os
import random
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller
from django.db import connection
from django.utils import timezone

from agir.notify.channels.email.transport import message_id_for
from agir.notify.files import key_slug
from agir.notify.models import AttemptOutcome, DeliveryAttempt, Notification, NotificationState
from tests.builders import build_estate, build_household, submitted_request
from tests.http_peers import HttpPeer
from tests.smtp import free_port


class CountingSmtpHandler:
    """A receiving mail system: keeps every copy, counted per Message-ID. `on_quit` runs when
    the sender says QUIT, after the server accepted its message (the kill tests' moment)."""

    def __init__(self, delay: float = 0.0, on_quit=None) -> None:
        self.delay = delay
        self.on_quit = on_quit
        self.copies: Counter[str] = Counter()
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope) -> str:
        if self.delay:
            import asyncio

            await asyncio.sleep(self.delay)
        message = message_from_bytes(envelope.original_content, policy=policy.default)
        with self.lock:
            self.copies[message["Message-ID"]] += 1
        return "250 OK"

    async def handle_QUIT(self, server, session, envelope) -> str:
        if self.on_quit is not None:
            self.on_quit()
        return "221 Bye"


def _database_url() -> str:
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def _worker_env(tmp_path, **extra: str) -> dict[str, str]:
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "NOTIFY_DIR": str(tmp_path / "files"),
        "NOTIFY_QUIET_HOURS": "off",
        "LOG_LEVEL": "ERROR",
        **extra,
    }
    env.pop("TEST_DATABASE_NAME", None)
    return env


def _one_pass(env: dict[str, str]) -> subprocess.Popen:
    command = [sys.executable, "-m", "agir", "notify", "send"]
    return subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)


def _killer(holder: dict) -> callable:
    """Kill the worker in `holder["worker"]` the first time it is called."""

    def kill() -> None:
        if not holder.get("killed"):
            holder["killed"] = True
            holder["worker"].send_signal(signal.SIGKILL)
            holder["worker"].wait()

    return kill


def _the_dead_workers_claim_expires() -> None:
    Notification.objects.update(claimed_until=timezone.now() - timezone.timedelta(seconds=1))


def _outcomes(notification: Notification) -> list[tuple[int, str]]:
    return [(a.number, a.outcome) for a in notification.delivery_attempts.order_by("number")]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_email_accepted_then_its_worker_killed_arrives_twice_and_leaves_a_trace(tmp_path):
    household = build_household(build_estate().dwellings[0], with_account=False)
    holder: dict = {}
    handler = CountingSmtpHandler(on_quit=_killer(holder))
    smtp = Controller(handler, hostname="127.0.0.1", port=free_port())
    smtp.start()
    try:
        submitted_request(household)
        env = _worker_env(tmp_path, SMTP_HOST="127.0.0.1", SMTP_PORT=str(smtp.port))
        holder["worker"] = _one_pass(env)
        assert holder["worker"].wait(timeout=120) == -signal.SIGKILL  # killed after the 250
        _the_dead_workers_claim_expires()

        assert _one_pass(env).wait(timeout=120) == 0
    finally:
        smtp.stop()

    notification = Notification.objects.get()
    # SMTP servers keep both copies: email is at least once, and here it was twice…
    assert handler.copies == {message_id_for(notification.idempotency_key): 2}
    assert notification.state == NotificationState.SENT
    # …and the delivery log says so: the first attempt's outcome is unknown, not missing.
    assert _outcomes(notification) == [(1, AttemptOutcome.UNKNOWN), (2, AttemptOutcome.SENT)]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_sms_accepted_then_its_worker_killed_is_delivered_once(tmp_path):
    household = build_household(build_estate().dwellings[0], with_account=False)
    household.holder.email = ""
    household.holder.preferred_channels = ["sms"]
    household.holder.save()
    holder: dict = {}
    kill = _killer(holder)
    with HttpPeer() as gateway:
        gateway.state.on_call = lambda call: kill()  # accepted, killed before it answers
        submitted_request(household)
        env = _worker_env(
            tmp_path, NOTIFY_SMS_GATEWAY="generic", NOTIFY_SMS_URL=f"{gateway.url}/sms"
        )
        holder["worker"] = _one_pass(env)
        assert holder["worker"].wait(timeout=120) == -signal.SIGKILL
        _the_dead_workers_claim_expires()

        assert _one_pass(env).wait(timeout=120) == 0

    notification = Notification.objects.get()
    key = notification.idempotency_key
    assert gateway.state.received == {key: 2}  # the gateway got it twice…
    assert list(gateway.state.accepted) == [key]  # …and sent one SMS: exactly once
    assert _outcomes(notification) == [(1, AttemptOutcome.UNKNOWN), (2, AttemptOutcome.SENT)]


EMAILS, SMS, CALLS = 450, 450, 100
KILLS = 10


def _make_notifications() -> None:
    now = timezone.now()
    context = {"reference": "2026-000001", "title": "Fuite", "place": "Logement 1"}
    rows = []
    # Channels interleaved (9 emails, 9 SMS, 2 calls in every 20), so that kills land on each.
    for index in range(EMAILS + SMS + CALLS):
        if index % 20 < 9:
            channel, address = "email", f"locataire{index}@exemple.fr"
        elif index % 20 < 18:
            channel, address = "sms", "06 12 34 56 78"
        else:
            channel, address = "voice", "03 20 11 22 33"
        rows.append(
            Notification(
                recipient_name=f"Locataire {index}",
                address=address,
                channel=channel,
                template="request_submitted",
                context=context,
                idempotency_key=f"kill-test-{index}:{channel}",
                next_attempt_at=now,
            )
        )
    Notification.objects.bulk_create(rows)


@pytest.mark.slow
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_1000_notifications_through_10_sigkills_at_least_once_and_once_where_peers_dedupe(
    tmp_path,
):
    _make_notifications()
    # Peers that take their time, as providers under load do: a kill then often lands
    # mid-send, and sometimes between the send and its record.
    smtp_handler = CountingSmtpHandler(delay=0.02)
    smtp = Controller(smtp_handler, hostname="127.0.0.1", port=free_port())
    smtp.start()
    spool = tmp_path / "spool"
    with HttpPeer() as gateway:
        gateway.state.delay = 0.02
        env = _worker_env(
            tmp_path,
            SMTP_HOST="127.0.0.1",
            SMTP_PORT=str(smtp.port),
            NOTIFY_SMS_GATEWAY="generic",
            NOTIFY_SMS_URL=f"{gateway.url}/sms",
            NOTIFY_VOICE_GATEWAY="asterisk",
            NOTIFY_ASTERISK_SPOOL=str(spool),
            NOTIFY_CLAIM_SECONDS="4",
            NOTIFY_SEND_BUDGET_SECONDS="2",
            SMTP_TIMEOUT="1",
            NOTIFY_HTTP_TIMEOUT="1",
        )
        command = [sys.executable, "-m", "agir", "notify", "send", "--loop"]
        command += ["--idle-exit", "6", "--limit", "20"]

        def start() -> subprocess.Popen:
            return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, text=True)

        rng = random.Random(4)
        workers = [start(), start()]
        kills_while_sending = 0
        try:
            for kill in range(KILLS):
                slot = kill % 2
                # A worker takes seconds to start on a busy machine: wait for the line it
                # prints when its sending loop begins, then kill it at a random moment.
                assert "sending" in workers[slot].stdout.readline()
                time.sleep(rng.uniform(0.3, 1.2))
                if Notification.objects.exclude(state=NotificationState.SENT).exists():
                    kills_while_sending += 1
                workers[slot].send_signal(signal.SIGKILL)
                workers[slot].wait()
                workers[slot] = start()
            deadline = time.monotonic() + 600
            while time.monotonic() < deadline:
                if not Notification.objects.exclude(state=NotificationState.SENT).exists():
                    break
                time.sleep(0.5)
        finally:
            for worker in workers:
                worker.send_signal(signal.SIGTERM)
            for worker in workers:
                try:
                    worker.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    worker.kill()
            smtp.stop()

    assert kills_while_sending == KILLS
    notifications = list(Notification.objects.all())
    assert all(n.state == NotificationState.SENT for n in notifications)
    attempts = Counter(DeliveryAttempt.objects.values_list("notification_id", flat=True))
    unknown = Counter(
        DeliveryAttempt.objects.filter(succeeded__isnull=True).values_list(
            "notification__channel", flat=True
        )
    )
    by_channel = {
        c: [n for n in notifications if n.channel == c] for c in ("email", "sms", "voice")
    }
    calls = Counter(path.stem for path in (spool / "outgoing").glob("*.call"))
    received = {
        "email": {
            n.pk: smtp_handler.copies[message_id_for(n.idempotency_key)]
            for n in by_channel["email"]
        },
        "sms": {n.pk: gateway.state.received[n.idempotency_key] for n in by_channel["sms"]},
        "voice": {n.pk: calls[key_slug(n.idempotency_key)] for n in by_channel["voice"]},
    }
    delivered = {
        "email": sum(received["email"].values()),  # SMTP delivers every copy it accepted
        "sms": sum(1 for n in by_channel["sms"] if n.idempotency_key in gateway.state.accepted),
        "voice": sum(received["voice"].values()),  # one call per call file
    }
    print(
        f"\n{'channel':8} {'notifications':>13} {'copies at peer':>14} {'delivered':>9} "
        f"{'unknown attempts':>16}"
    )
    for channel, group in by_channel.items():
        copies = sum(received[channel].values())
        print(
            f"{channel:8} {len(group):>13} {copies:>14} {delivered[channel]:>9} "
            f"{unknown[channel]:>16}"
        )

    # Every notification reached its peer at least once, and a copy left only after an
    # attempt had been written: each copy at a peer is traced by an attempt in the log.
    for channel in by_channel:
        for n in by_channel[channel]:
            assert 1 <= received[channel][n.pk] <= attempts[n.pk], (channel, n.pk)
    # Email: at least once; every extra copy is one attempt whose outcome is unknown.
    assert delivered["email"] - EMAILS <= unknown["email"]
    # SMS through the generic gateway and calls through Asterisk: exactly once.
    assert delivered["sms"] == SMS
    assert delivered["voice"] == CALLS and set(calls.values()) == {1}
    # The kills did land mid-send: some notifications needed a second claim.
    assert any(n.attempts > 1 for n in notifications)
