import os
from pathlib import Path

import pytest
from django.test import override_settings

# Playwright's sync API runs an event loop in the test thread; the ORM is still used there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from tests.builders import build_estate, build_household, build_staff
from tests.database_speed import bulk_test_database_chores
from tests.demo_runs import fill_demo


@pytest.fixture
def estate(db):
    return build_estate()


@pytest.fixture
def household(estate):
    return build_household(estate.dwellings[0])


@pytest.fixture
def neighbour(estate):
    return build_household(estate.dwellings[1])


@pytest.fixture
def officer(db):
    return build_staff()


@pytest.fixture
def personas(db):
    """Two households of one building, a former tenant, an officer, a caretaker (tests/personas)."""
    from tests.personas import build_personas

    return build_personas()


@pytest.fixture(autouse=True)
def notify_files(settings, tmp_path_factory):
    """Files the notification channels write (letters, audio, local SMS and voice gateways)
    go to a temporary folder, not to the developer's var/."""
    root = tmp_path_factory.mktemp("notify")
    settings.NOTIFY_DIR = root / "files"
    settings.NOTIFY_SMS_LOCAL_DIR = root / "sms"
    settings.NOTIFY_VOICE_LOCAL_DIR = root / "voice"
    settings.NOTIFY_ASTERISK_SPOOL = root / "asterisk"
    settings.NOTIFY_MAILBOX_DIR = root / "mail"
    return root


@pytest.fixture(autouse=True)
def exchange_files(settings, tmp_path_factory):
    """The exchange with the ERP (and the demo's simulated ERP) writes in a temporary folder,
    not in the developer's var/exchange."""
    root = tmp_path_factory.mktemp("exchange")
    settings.EXCHANGE_DIR = root
    settings.EXCHANGE_OUTBOX_DIR = root / "outbox"
    settings.EXCHANGE_INBOX_DIR = root / "inbox"
    return root


@pytest.fixture(autouse=True)
def no_quiet_hours(settings):
    """SMS and calls queued by a test are due at once, whatever the hour the suite runs at:
    the quiet hours have tests of their own (tests/test_notify_quiet_hours.py turns them on)."""
    settings.NOTIFY_QUIET_HOURS = False


@pytest.fixture(scope="session", autouse=True)
def fast_password_hashing():
    """Persona accounts are made by the dozen, and the demo's in module fixtures: a slow hasher
    only measures the hasher (each PBKDF2 hash takes about half a second here)."""
    hashers = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]
    with override_settings(PASSWORD_HASHERS=hashers):
        yield


@pytest.fixture(scope="session", autouse=True)
def database_chores_in_bulk():
    """Transactional tests empty and refill the tables in bulk (tests/database_speed.py)."""
    with bulk_test_database_chores():
        yield


@pytest.fixture(autouse=True)
def fresh_commitments():
    """The commitments' table is cached per process: a test's rolled-back change must not
    reach the next test."""
    from agir.repairs.commitments import forget_terms

    forget_terms()
    yield
    forget_terms()


@pytest.fixture(autouse=True)
def fresh_catalogue():
    """What a process holds of the catalogue (the wizard's snapshot, the search index) is
    read again in each test: a test's rolled-back catalogue rows must not reach the next."""
    from agir.catalogue import held

    held.invalidate()
    yield
    held.request_finished()  # a request a test left unfinished (an exception) keeps no version
    held.invalidate()


@pytest.fixture(scope="session")
def filled_demo(tmp_path_factory) -> Path:
    """A demo data folder filled once, for the tests that start the demo over it
    (tests/demo_runs.py)."""
    return fill_demo(tmp_path_factory.mktemp("filled-demo"))


def pytest_collection_modifyitems(config, items):
    """A test that runs `agir demo` as a process gives it a SQLite database of its own (the demo
    is SQLite by design): it does the same work whatever the suite's database, so the
    PostgreSQL pass of CI leaves it to the SQLite pass."""
    from django.conf import settings

    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        return
    skip = pytest.mark.skip(reason="the demo runs on SQLite: covered by the SQLite pass")
    for item in items:
        if item.get_closest_marker("demo_process"):
            item.add_marker(skip)
