"""The daily email of overdue requests: each officer gets their sectors', managers get all,
once a day, through a real SMTP server."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from agir.accounts.models import Role
from agir.backoffice.inbox.digest import send_overdue_digests
from agir.backoffice.tasks import send_overdue_digest
from agir.core.management.commands.scheduler import HOURLY, SLOW_TASKS
from agir.repairs import lifecycle
from agir.repairs.lifecycle import Actor
from tests.builders import build_estate, build_household, build_staff, new_request
from tests.smtp import SmtpServer, use_smtp_port

PARIS = ZoneInfo("Europe/Paris")
SENT = datetime(2026, 4, 3, 17, 0, tzinfo=PARIS)  # a Friday: due Wednesday 8 April
MORNING_AFTER = datetime(2026, 4, 9, 7, 30, tzinfo=PARIS)


@pytest.fixture
def smtp(settings):
    with SmtpServer() as server:
        use_smtp_port(settings, server.port)
        yield server


def staff(role, email, *sectors):
    user = build_staff(role)
    user.email = email
    user.save(update_fields=["email"])
    user.sectors.set(sectors)
    return user


def late_request(estate):
    return lifecycle.submit_new(
        new_request(build_household(estate.dwellings[0]), entry_code="KIT-SINK-BLOCKED"),
        actor=Actor.system("test"),
        at=SENT,
    ).request


@pytest.fixture
def world(db):
    north, south = build_estate(), build_estate()
    return {
        "north_request": late_request(north),
        "south_request": late_request(south),
        "north_officer": staff(Role.OFFICER, "nord@bailleur.example", north.sector),
        "manager": staff(Role.MANAGER, "qualite@bailleur.example"),
        "idle_officer": staff(Role.OFFICER, "calme@bailleur.example", build_estate().sector),
    }


def mail_to(smtp, address):
    return [m for m in smtp.received if m["To"] == address]


def test_an_officer_gets_the_overdue_requests_of_their_sectors(smtp, world):
    send_overdue_digests(MORNING_AFTER)
    [mail] = mail_to(smtp, "nord@bailleur.example")
    body = mail.get_content()
    assert mail["Subject"] == "AGIR : 1 demande en retard"
    assert world["north_request"].reference in body
    assert world["south_request"].reference not in body
    assert "/bureau/demandes/?scope=overdue" in body
    assert "en retard de" in body


def test_a_manager_gets_every_overdue_request(smtp, world):
    send_overdue_digests(MORNING_AFTER)
    [mail] = mail_to(smtp, "qualite@bailleur.example")
    assert world["north_request"].reference in mail.get_content()
    assert world["south_request"].reference in mail.get_content()


def test_nobody_gets_an_empty_digest(smtp, world):
    send_overdue_digests(MORNING_AFTER)
    assert mail_to(smtp, "calme@bailleur.example") == []


def test_the_digest_goes_once_a_day(smtp, world):
    send_overdue_digests(MORNING_AFTER)
    count = len(smtp.received)
    assert send_overdue_digests(MORNING_AFTER + timedelta(hours=3)).skipped
    assert len(smtp.received) == count
    send_overdue_digests(MORNING_AFTER + timedelta(days=1))
    assert len(smtp.received) == 2 * count


def test_nothing_goes_before_the_morning(smtp, world):
    assert send_overdue_digests(MORNING_AFTER.replace(hour=5)).skipped
    assert smtp.received == []


def test_requests_not_yet_late_are_not_in_the_digest(smtp, world):
    send_overdue_digests(datetime(2026, 4, 8, 9, 0, tzinfo=PARIS))
    assert smtp.received == []


def test_the_scheduler_queues_the_digest_every_hour():
    assert SLOW_TASKS[send_overdue_digest] == HOURLY
