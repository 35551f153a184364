"""The indicators against answers worked out by hand on tests/quality/dataset.py."""

from __future__ import annotations

from datetime import datetime

import pytest

from agir.catalogue.models import Urgency
from agir.quality.indicators import compute
from agir.quality.indicators.kept import Kept
from agir.quality.working_days import working_days_between
from agir.repairs.commitments import HOURS, Delay, deadline
from tests.quality.dataset import PARIS, at, build_dataset

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(estate):
    return build_dataset(estate)


@pytest.fixture
def indicators(data):
    return compute(data.scope)


def by_urgency(distributions):
    return {d.urgency: (d.count, d.median, d.p90, d.unit) for d in distributions}


def test_working_days_skip_the_armistice_and_the_weekend():
    assert working_days_between(at(10, 9), at(12, 10)) == 1
    assert working_days_between(at(7, 17), at(13, 9)) == 3
    assert working_days_between(at(3, 22), at(3, 23)) == 0
    due = deadline(at(7, 17), Delay(2, "working_days"))
    assert due == datetime(2025, 11, 12, 23, 59, 59, tzinfo=PARIS)
    assert deadline(at(3, 23), Delay(4, HOURS)) == at(4, 3)


def test_received_counts_the_period_only(indicators):
    assert indicators.received == 6  # R6 came in October
    assert {c.key: c.count for c in indicators.by_urgency} == {"normal": 5, "emergency": 1}
    assert {c.key: c.count for c in indicators.by_origin} == {"tenant_web": 6}
    assert sum(c.count for c in indicators.by_family) == 6


def test_received_by_month_shows_each_month_of_the_period(indicators):
    assert [(m.isoformat(), n) for m, n in indicators.by_month] == [("2025-11-01", 6)]


def test_time_to_take_in_hand_in_working_days_across_the_holiday(indicators):
    # normal: R1 1 wd, R2 3 wd (R5 taken in hand after the period); emergency: R3 1 hour.
    assert by_urgency(indicators.delays["take_in_hand"]) == {
        "normal": (2, 1, 3, "working_days"),
        "emergency": (1, 1, 1, "hours"),
        "": (3, 1, 3, "working_days"),
    }


def test_time_to_intervene(indicators):
    assert by_urgency(indicators.delays["intervene"]) == {
        "normal": (2, 3, 14, "working_days"),
        "emergency": (1, 22, 22, "hours"),
        "": (3, 3, 14, "working_days"),  # R3: 1 wd, R1: 3, R2: 14
    }


def test_time_to_close_leaves_out_requests_still_open_at_the_period_end(indicators):
    # R2 was closed on 2 December: not closed yet at the end of November.
    assert by_urgency(indicators.delays["close"]) == {
        "normal": (1, 4, 4, "working_days"),
        "emergency": (1, 36, 36, "hours"),
        "": (2, 2, 4, "working_days"),
    }


def test_commitments_kept_per_urgency(indicators):
    # Take in hand: R1 kept, R2 late, R4 never (due 26 Nov), R5 not due yet, R7 cancelled.
    assert indicators.kept["take_in_hand"][Urgency.NORMAL] == Kept(1, 2)
    assert indicators.kept["take_in_hand"][Urgency.EMERGENCY] == Kept(1, 0)
    # Intervene: R1 kept, R2 late; R4 and R5 not due yet; R3 due 4 hours after it was made
    # an emergency, reached 21 hours later.
    assert indicators.kept["intervene"][Urgency.NORMAL] == Kept(1, 1)
    assert indicators.kept["intervene"][Urgency.EMERGENCY] == Kept(0, 1)
    assert indicators.kept_total["take_in_hand"].share == pytest.approx(0.5)


def test_overdue_now(indicators):
    # R4, and R6 of October (overdue ignores the period), never taken in hand; R5 taken in
    # hand, its intervention due on 5 December, before «now» (10 December).
    assert indicators.overdue == {"emergency": 0, "urgent": 0, "normal": 3, "planned": 0}


def test_postponements_reopens_and_first_visit_fixes(indicators):
    follow = indicators.follow_up
    assert (follow.postponed_requests, follow.postponements, follow.reopened) == (1, 1, 1)
    assert (follow.done, follow.first_visit_fixes) == (3, 1)


def test_satisfaction_as_answered_by_the_period_end(indicators):
    satisfaction = indicators.satisfaction
    assert (satisfaction.closed, satisfaction.answered, satisfaction.answers) == (2, 2, 2)
    assert satisfaction.response_rate == 1
    assert satisfaction.average == pytest.approx(3.0)
    assert indicators.scores == {1: 0, 2: 1, 3: 0, 4: 1, 5: 0}


def test_contractor_league_table(indicators):
    [row] = indicators.contractors
    assert (row.name, row.orders, row.intervene_median, row.kept, row.reopened) == (
        "Plomberie Lys",
        1,
        3,
        Kept(1, 0),
        0,
    )
    assert row.satisfaction == pytest.approx(4.0)


def test_scope_by_contractor_keeps_its_requests_only(data):
    contractor_id = data.requests["R1"].fact.contractor_id
    scoped = compute(data.scope.with_(contractor_id=contractor_id))
    assert scoped.received == 1


def test_scope_by_building_and_sector(data, estate):
    assert compute(data.scope.with_(building_id=estate.building.pk)).received == 6
    assert compute(data.scope.with_(sector_id=estate.sector.pk + 1000)).received == 0


def test_indicators_never_load_request_rows(data, django_assert_max_num_queries):
    with django_assert_max_num_queries(30):
        compute(data.scope)


def test_a_lifecycle_change_marks_its_fact_stale_until_the_catch_up(data, officer):
    from agir.quality.facts import catch_up
    from agir.quality.models import StaleFact
    from agir.repairs import lifecycle
    from agir.repairs.lifecycle import Actor

    r4 = data.requests["R4"]
    lifecycle.acknowledge(r4, actor=Actor.of(officer), notify=False)
    assert StaleFact.objects.filter(request=r4).exists()
    assert r4.fact.acknowledged_at is None
    assert catch_up() == 1
    r4.fact.refresh_from_db()
    assert r4.fact.acknowledged_at is not None
    assert not StaleFact.objects.exists()
