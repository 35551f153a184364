"""The maintained monthly summaries: adding up the months' kept counts gives exactly what one
count from the facts gives, at any moment, after any change."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from agir.quality import summaries, surveys
from agir.quality.indicators import Scope, compute
from agir.quality.models import MonthSummary
from agir.repairs import lifecycle
from agir.repairs.lifecycle import Actor
from tests.builders import build_staff
from tests.quality.dataset import NOW, at, build_dataset

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(estate):
    return build_dataset(estate)


def running(now: datetime) -> Scope:
    """The whole estate from October 2025 to the end of `now`'s month, read at `now`."""
    end = timezone.localdate(now).replace(day=1)
    end = date(end.year + (end.month == 12), end.month % 12 + 1, 1)
    return Scope(date(2025, 10, 1), end, now=now)


def both_ways(scope: Scope) -> tuple[dict, dict]:
    return compute(scope).numbers(), compute(scope, summaries=False).numbers()


def test_a_running_period_is_added_up_from_the_summaries(data):
    assert summaries.summarisable(running(NOW))
    assert not summaries.summarisable(data.scope)  # November, read at its end
    assert not summaries.summarisable(running(NOW).with_(building_id=1))


@pytest.mark.parametrize(
    "moments",
    [
        [NOW],
        [at(20, 12), at(1, 12, month=12), at(3, 12, month=12), NOW],
        [NOW, at(20, 12), at(2, 11, month=12), at(25, 9)],  # back in time too
    ],
    ids=["once", "forwards", "backwards"],
)
def test_summed_months_equal_one_count_from_the_facts(data, moments):
    # The data set's events lie ahead of the early moments: the summaries must see each one
    # come due (a step recorded, a due date passing) without any write in between.
    for moment in moments:
        from_summaries, from_facts = both_ways(running(moment))
        assert from_summaries == from_facts, moment


def test_a_second_reading_adds_up_the_kept_summaries(data):
    scope = running(NOW)
    with CaptureQueriesContext(connection) as first:
        compute(scope)
    with CaptureQueriesContext(connection) as second:
        compute(scope)
    months = len(scope.months())
    assert len(first) - len(second) >= 10 * months  # no month counted again


def test_a_year_already_added_up_is_not_read_again(data):
    scope = running(NOW)
    compute(scope)  # counts the months
    compute(scope)  # reads and adds up their counts
    with CaptureQueriesContext(connection) as third:
        numbers = compute(scope).numbers()
    assert not [q for q in third if '"tally"' in q["sql"]]
    assert numbers == compute(scope, summaries=False).numbers()


def test_a_month_the_scheduler_counted_anew_is_read_again(data):
    scope = running(NOW)
    compute(scope)
    compute(scope)
    surveys.answer(data.requests["R1"], data.households[3].holder, score=1, at=at(20, 9))
    summaries.refresh(NOW)  # every month exact again, one of them with new counts
    assert compute(scope).numbers() == compute(scope, summaries=False).numbers()


def test_a_lifecycle_change_marks_its_month_and_is_counted(data):
    scope = running(timezone.now())
    before = compute(scope)
    lifecycle.acknowledge(data.requests["R4"], actor=Actor.of(build_staff()), notify=False)
    after, from_facts = both_ways(running(timezone.now()))
    assert after == from_facts
    # Taken in hand late: still missed, but now measured among the delays.
    assert after["delays"] != before.numbers()["delays"]


def test_a_survey_answer_marks_its_month_and_is_counted(data):
    scope = running(timezone.now())
    before = compute(scope).satisfaction.answers
    surveys.answer(data.requests["R1"], data.households[3].holder, score=1, at=at(20, 9))
    after = compute(running(timezone.now()))
    assert after.satisfaction.answers == before + 1
    assert after.numbers() == compute(running(timezone.now()), summaries=False).numbers()


def test_a_due_date_passing_recounts_its_month(data):
    # R4 (24 November) was never taken in hand; its taking in hand was due on the 26th.
    before = compute(running(at(25, 12)))
    after = compute(running(at(27, 12)))
    assert after.kept["take_in_hand"]["normal"].missed == (
        before.kept["take_in_hand"]["normal"].missed + 1
    )
    assert MonthSummary.objects.get(month=date(2025, 11, 1)).read_at == at(27, 12)


def test_a_summary_read_later_is_not_used_for_an_earlier_moment(data):
    compute(running(NOW))
    compute(running(at(20, 12)))
    assert MonthSummary.objects.get(month=date(2025, 11, 1)).read_at == at(20, 12)


def test_a_write_while_a_month_is_counted_leaves_it_stale(data, monkeypatch):
    import agir.quality.indicators as indicators

    counting = indicators.tally_of

    def count_with_a_write_meanwhile(scope):
        tally = counting(scope)
        summaries.mark([scope.start])  # the write landed after the count read the facts
        return tally

    monkeypatch.setattr(indicators, "tally_of", count_with_a_write_meanwhile)
    summaries.count_month(date(2025, 11, 1), NOW)
    summary = MonthSummary.objects.get(month=date(2025, 11, 1))
    assert summary.counted_version < summary.version
    assert not summaries.usable(summary, NOW)


def test_the_scheduler_counts_the_last_twelve_months_before_anyone_asks(data):
    assert summaries.refresh(at(25, 12)) == 12
    kept = MonthSummary.objects.order_by("month").values_list("month", flat=True)
    assert list(kept) == running(NOW).with_(start=date(2024, 12, 1), end=date(2025, 12, 1)).months()
    with CaptureQueriesContext(connection) as queries:
        compute(running(at(25, 12)).with_(start=date(2024, 12, 1)))
    assert len(queries) < 20  # no month counted again


def test_the_scheduler_recounts_marked_and_expired_months(data):
    summaries.refresh(at(25, 12))
    summaries.mark([date(2025, 10, 1)])
    # October marked; November expires at R4's due date (26th).
    assert summaries.refresh(at(27, 12)) == 2
    assert summaries.refresh(at(27, 12)) == 0
