"""The scheduler's exchange: every few minutes in connected mode, nothing when standalone."""

from __future__ import annotations

import pytest

from agir.core.management.commands.scheduler import SLOW_TASKS
from agir.exchange.models import ExchangeRun
from agir.exchange.runs import exclusive
from agir.exchange.tasks import exchange_tick

pytestmark = pytest.mark.django_db


def test_the_scheduler_runs_the_exchange_at_its_interval(settings):
    assert SLOW_TASKS[exchange_tick] == settings.EXCHANGE_INTERVAL


def test_standalone_exchanges_nothing(settings, personas):
    settings.EXCHANGE_MODE = "standalone"

    exchange_tick.call()

    assert not ExchangeRun.objects.exists()


def test_connected_imports_then_exports(settings, personas):
    settings.EXCHANGE_MODE = "connected"
    settings.EXCHANGE_RECONCILE_HOUR = 24  # not tonight

    result = exchange_tick.call()

    assert result == "import: ok; export: ok"
    assert [run.kind for run in ExchangeRun.objects.order_by("id")] == ["import", "export"]


def test_a_tick_while_a_run_holds_the_lock_waits_for_the_next(settings, personas):
    settings.EXCHANGE_MODE = "connected"

    with exclusive():
        result = exchange_tick.call()

    assert result == "another exchange run is in progress"
