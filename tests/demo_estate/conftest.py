"""The demo's estate and year, made once for this folder's tests (the seed takes 10 to 30
seconds) inside a transaction rolled back after the last of them."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.test import override_settings

from agir.demo import seed


@pytest.fixture(scope="package")
def demo_database(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo's logins; its exchange with the simulated ERP in a folder of its own."""
    folder = tmp_path_factory.mktemp("demo-exchange")
    exchange = {
        "EXCHANGE_DIR": folder,
        "EXCHANGE_OUTBOX_DIR": folder / "outbox",
        "EXCHANGE_INBOX_DIR": folder / "inbox",
    }
    with override_settings(**exchange), django_db_blocker.unblock(), transaction.atomic():
        yield seed.seed(log=lambda *_: None)
        transaction.set_rollback(True)
