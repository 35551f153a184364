"""Exactly once: a worker can die between the provider accepting a message and the database
recording it. The message is then sent again with the same idempotency key, and the peer (as
real providers do) recognises it: each notification reaches its peer exactly once."""

import asyncio
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

from agir.notify import dispatch
from agir.notify.channels.email.transport import message_id_for
from agir.notify.files import key_slug
from agir.notify.models import Notification, NotificationState
from tests.builders import submitted_request
from tests.http_peers import HttpPeer
from tests.smtp import SmtpServer, free_port, use_smtp_port


class DedupingSmtpHandler:
    """A receiving mail system that drops a copy of a Message-ID it already accepted."""

    def __init__(self, delay: float = 0.0) -> None:
        self.delay = delay
        self.accepted: Counter[str] = Counter()
        self.duplicates = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope) -> str:
        if self.delay:
            await asyncio.sleep(self.delay)
        message = message_from_bytes(envelope.original_content, policy=policy.default)
        message_id = message["Message-ID"]
        with self.lock:
            if message_id in self.accepted:
                self.duplicates += 1
            else:
                self.accepted[message_id] += 1
        return "250 OK"


def test_a_send_not_recorded_before_a_crash_reaches_the_peer_once(household, settings):
    """The window itself, step by step: sent, worker dies, claim expires, sent again."""
    with HttpPeer() as gateway:
        settings.NOTIFY_SMS_GATEWAY, settings.NOTIFY_SMS_URL = "generic", f"{gateway.url}/sms"
        settings.NOTIFY_QUIET_HOURS = False
        holder = household.holder
        holder.email = ""
        holder.save()
        submitted_request(household)
        notification = dispatch.claim(Notification.objects.get().pk)
        from agir.notify.channels import get_transport
        from agir.notify.render import render

        get_transport("sms").send(notification, render(notification))  # then SIGKILL
        Notification.objects.filter(pk=notification.pk).update(
            claimed_until=timezone.now() - timezone.timedelta(seconds=1)
        )
        assert dispatch.send_due() == 1  # another worker takes the expired claim

    assert len(gateway.calls) == 2  # sent twice…
    assert len(gateway.state.accepted) == 1 and gateway.state.duplicates == 1  # …one SMS
    notification.refresh_from_db()
    assert notification.state == NotificationState.SENT
    assert list(notification.delivery_attempts.values_list("number", "succeeded")) == [(2, True)]


def test_an_email_sent_again_carries_the_same_message_id(household, settings):
    with SmtpServer() as smtp:
        use_smtp_port(settings, smtp.port)
        submitted_request(household)
        notification = dispatch.claim(Notification.objects.get().pk)
        from agir.notify.channels import get_transport
        from agir.notify.render import render

        get_transport("email").send(notification, render(notification))
        Notification.objects.filter(pk=notification.pk).update(
            claimed_until=timezone.now() - timezone.timedelta(seconds=1)
        )
        dispatch.send_due()
    first, second = smtp.received
    assert (
        first["Message-ID"] == second["Message-ID"] == message_id_for(notification.idempotency_key)
    )


EMAILS, SMS, CALLS = 450, 450, 100
KILLS = 10


def _database_url() -> str:
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def _make_notifications() -> None:
    now = timezone.now()
    context = {"reference": "2026-000001", "title": "Fuite", "place": "Logement 1"}
    rows = []
    for index in range(EMAILS + SMS + CALLS):
        if index < EMAILS:
            channel, address = "email", f"locataire{index}@exemple.fr"
        elif index < EMAILS + SMS:
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
def test_1000_notifications_reach_their_peers_exactly_once_through_10_sigkills(tmp_path):
    _make_notifications()
    # Peers that take their time, as providers under load do: a kill then often lands
    # between the send and its record, the window this test is about.
    smtp_handler = DedupingSmtpHandler(delay=0.02)
    smtp = Controller(smtp_handler, hostname="127.0.0.1", port=free_port())
    smtp.start()
    spool = tmp_path / "spool"
    with HttpPeer() as gateway:
        gateway.state.delay = 0.02
        env = {
            **os.environ,
            "DATABASE_URL": _database_url(),
            "SMTP_HOST": "127.0.0.1",
            "SMTP_PORT": str(smtp.port),
            "NOTIFY_SMS_GATEWAY": "generic",
            "NOTIFY_SMS_URL": f"{gateway.url}/sms",
            "NOTIFY_VOICE_GATEWAY": "asterisk",
            "NOTIFY_ASTERISK_SPOOL": str(spool),
            "NOTIFY_DIR": str(tmp_path / "files"),
            "NOTIFY_CLAIM_SECONDS": "2",
            "NOTIFY_QUIET_HOURS": "off",
            "LOG_LEVEL": "ERROR",
        }
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
            deadline = time.monotonic() + 300
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
    keys = {n.channel: set() for n in notifications}
    for n in notifications:
        keys[n.channel].add(n.idempotency_key)
    # Every email once: one Message-ID per notification, each accepted once.
    assert set(smtp_handler.accepted) == {message_id_for(k) for k in keys["email"]}
    assert set(smtp_handler.accepted.values()) == {1}
    # Every SMS once: the gateway accepted one message per key.
    assert set(gateway.state.accepted) == keys["sms"]
    # Every call once: one call file per key in the spool.
    calls = {path.stem for path in (spool / "outgoing").glob("*.call")}
    assert calls == {key_slug(k) for k in keys["voice"]}
    # The kills did land mid-send: some notifications needed a second claim.
    assert any(n.attempts > 1 for n in notifications)
    resent = smtp_handler.duplicates + gateway.state.duplicates
    print(f"copies sent again after a kill and dropped by the peers: {resent}")
