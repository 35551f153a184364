"""Due dates from the landlord's commitments: working days, public holidays, the clock at
night, and what happens when a request is qualified again."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from agir.repairs import lifecycle
from agir.repairs.commitments import (
    DEFAULT_TERMS,
    HOURS,
    WORKING_DAYS,
    Delay,
    add_working_days,
    deadline,
    due_dates,
    is_overdue,
    overdue_q,
)
from agir.repairs.lifecycle import Actor
from agir.repairs.models import Commitment, RepairRequest
from tests.builders import new_request

PARIS = ZoneInfo("Europe/Paris")


def paris(*args) -> datetime:
    return datetime(*args, tzinfo=PARIS)


def end_of(day: date) -> datetime:
    return paris(day.year, day.month, day.day, 23, 59, 59)


# Easter Monday, Ascension and Whit Monday move each year: the same rule, two years.
@pytest.mark.parametrize(
    ("sent", "two_working_days_later"),
    [
        (date(2026, 4, 3), date(2026, 4, 8)),  # Fri; Easter Monday 6 April 2026
        (date(2027, 3, 26), date(2027, 3, 31)),  # Fri; Easter Monday 29 March 2027
        (date(2026, 5, 13), date(2026, 5, 18)),  # Wed; Ascension Thu 14 May 2026
        (date(2027, 5, 5), date(2027, 5, 10)),  # Wed; Ascension Thu 6 May 2027
        (date(2026, 5, 22), date(2026, 5, 27)),  # Fri; Whit Monday 25 May 2026
        (date(2027, 5, 14), date(2027, 5, 19)),  # Fri; Whit Monday 17 May 2027
    ],
)
def test_working_days_skip_weekends_and_moving_public_holidays(sent, two_working_days_later):
    assert add_working_days(sent, 2) == two_working_days_later


def test_a_normal_request_sent_before_easter_is_due_after_the_long_weekend(settings):
    due = due_dates(paris(2026, 4, 3, 17, 0), "normal", DEFAULT_TERMS)
    assert due.take_in_hand == end_of(date(2026, 4, 8))
    # Tue 7, Wed 8, Thu 9, Fri 10, Mon 13.
    assert due.intervention == end_of(date(2026, 4, 13))


def test_a_request_sent_on_saturday_starts_counting_on_monday():
    assert deadline(paris(2026, 11, 28, 10, 0), Delay(2, WORKING_DAYS)) == end_of(date(2026, 12, 1))


def test_an_emergency_at_night_over_a_weekend_is_due_four_hours_later():
    due = due_dates(paris(2026, 12, 5, 22, 30), "emergency", DEFAULT_TERMS)  # Saturday night
    assert due.intervention == paris(2026, 12, 6, 2, 30)
    assert due.take_in_hand == due.intervention


def test_hours_are_real_hours_over_the_change_to_summer_time():
    # 28 March 2027, 02:00 becomes 03:00: four real hours after 23:30 is 04:30.
    assert deadline(paris(2027, 3, 27, 23, 30), Delay(4, HOURS)) == paris(2027, 3, 28, 4, 30)


def test_an_urgent_request_is_due_24_hours_later_even_on_a_weekend():
    due = due_dates(paris(2026, 12, 4, 18, 0), "urgent", DEFAULT_TERMS)
    assert due.intervention == paris(2026, 12, 5, 18, 0)


def test_a_planned_request_counts_60_calendar_days():
    due = due_dates(paris(2026, 4, 3, 17, 0), "planned", DEFAULT_TERMS)
    assert due.intervention == end_of(date(2026, 6, 2))
    assert due.take_in_hand == end_of(date(2026, 4, 8))


@pytest.fixture
def officer_actor(officer):
    return Actor.of(officer)


def submit_at(household, moment) -> RepairRequest:
    return lifecycle.submit_new(
        new_request(household, entry_code="KIT-SINK-BLOCKED"), actor=Actor.system("test"), at=moment
    ).request


def test_submission_sets_both_due_dates(household):
    repair = submit_at(household, paris(2026, 4, 3, 17, 0))
    repair.refresh_from_db()
    assert repair.take_in_hand_due == end_of(date(2026, 4, 8))
    assert repair.intervention_due == end_of(date(2026, 4, 13))


def test_qualifying_with_the_same_urgency_keeps_the_clock_of_the_submission(
    household, officer_actor
):
    repair = submit_at(household, paris(2026, 4, 3, 17, 0))
    lifecycle.acknowledge(
        repair, actor=officer_actor, urgency=repair.urgency, at=paris(2026, 4, 7, 10, 0)
    )
    repair.refresh_from_db()
    assert repair.intervention_due == end_of(date(2026, 4, 13))


def test_qualifying_as_an_emergency_counts_four_hours_from_the_qualification(
    household, officer_actor
):
    repair = submit_at(household, paris(2026, 4, 3, 17, 0))
    lifecycle.acknowledge(
        repair, actor=officer_actor, urgency="emergency", at=paris(2026, 4, 7, 10, 0)
    )
    repair.refresh_from_db()
    assert repair.intervention_due == paris(2026, 4, 7, 14, 0)
    # Taking in hand was due on the 8th and done on the 7th: that date is kept as history.
    assert repair.take_in_hand_due == end_of(date(2026, 4, 8))


def test_qualifying_as_planned_counts_60_days_from_the_qualification(household, officer_actor):
    repair = submit_at(household, paris(2027, 5, 14, 9, 0))
    lifecycle.acknowledge(
        repair, actor=officer_actor, urgency="planned", at=paris(2027, 5, 18, 9, 0)
    )
    repair.refresh_from_db()
    assert repair.intervention_due == end_of(date(2027, 7, 17))


def test_a_commitment_changed_by_a_manager_applies_to_new_requests(household):
    normal = Commitment.objects.get(urgency="normal")
    normal.intervention_amount, normal.intervention_unit = 10, WORKING_DAYS
    normal.save()  # as the admin does
    repair = submit_at(household, paris(2026, 4, 3, 17, 0))
    repair.refresh_from_db()
    # Tue 7 … Fri 10, Mon 13 … Fri 17, Mon 20.
    assert repair.intervention_due == end_of(date(2026, 4, 20))


def test_the_default_commitments_are_in_the_table(db):
    normal = Commitment.objects.get(urgency="normal")
    assert (normal.take_in_hand_amount, normal.take_in_hand_unit) == (2, WORKING_DAYS)
    assert (normal.intervention_amount, normal.intervention_unit) == (5, WORKING_DAYS)
    assert Commitment.objects.get(urgency="emergency").intervention_unit == HOURS


def test_reopening_starts_both_clocks_again(household, officer_actor):
    repair = submit_at(household, paris(2026, 4, 3, 17, 0))
    for step in ("acknowledge", "start", "finish"):
        getattr(lifecycle, step)(repair, actor=officer_actor, at=paris(2026, 4, 7, 10, 0))
    lifecycle.reopen(
        repair, actor=Actor.system("test"), reason="Ça fuit encore.", at=paris(2026, 5, 13, 9, 0)
    )
    repair.refresh_from_db()
    assert repair.take_in_hand_due == end_of(date(2026, 5, 18))


def test_a_request_past_its_take_in_hand_date_is_overdue(household):
    repair = submit_at(household, paris(2026, 4, 3, 17, 0))
    repair.refresh_from_db()
    late = paris(2026, 4, 9, 8, 0)
    assert is_overdue(repair, late)
    assert not is_overdue(repair, paris(2026, 4, 8, 12, 0))
    assert list(RepairRequest.objects.filter(overdue_q(late))) == [repair]


def test_work_in_progress_is_not_overdue(household, officer_actor):
    repair = submit_at(household, paris(2026, 4, 3, 17, 0))
    lifecycle.acknowledge(repair, actor=officer_actor, at=paris(2026, 4, 7, 10, 0))
    lifecycle.start(repair, actor=officer_actor, at=paris(2026, 4, 10, 10, 0))
    late = paris(2026, 4, 20, 8, 0)
    assert not RepairRequest.objects.filter(overdue_q(late)).exists()


@time_machine.travel(paris(2026, 4, 3, 17, 0), tick=False)
def test_the_tenant_sees_the_commitments_on_the_request_page(household):
    repair = submit_at(household, paris(2026, 4, 3, 17, 0))
    from django.test import Client

    client = Client()
    client.force_login(household.holder.user)
    response = client.get(f"/locataire/demandes/{repair.code}/")
    assert (
        "Notre engagement : prise en compte au plus tard le mercredi 8 avril, "
        "intervention au plus tard le lundi 13 avril." in response.text
    )


@time_machine.travel(paris(2026, 12, 5, 22, 30), tick=False)
def test_the_tenant_sees_the_hour_of_an_emergency_commitment(household, officer_actor):
    repair = submit_at(household, paris(2026, 12, 5, 22, 30))
    lifecycle.acknowledge(repair, actor=officer_actor, urgency="emergency")
    from django.test import Client

    client = Client()
    client.force_login(household.holder.user)
    response = client.get(f"/locataire/demandes/{repair.code}/")
    assert "intervention au plus tard le dimanche 6 décembre à 2 h 30" in response.text


def test_the_awaited_date_follows_the_status(household, officer_actor):
    repair = submit_at(household, paris(2026, 4, 3, 17, 0))
    repair.refresh_from_db()
    assert repair.next_due == repair.take_in_hand_due
    lifecycle.acknowledge(repair, actor=officer_actor, at=paris(2026, 4, 7, 10, 0))
    repair.refresh_from_db()
    assert repair.next_due == repair.intervention_due
    lifecycle.start(repair, actor=officer_actor, at=paris(2026, 4, 8, 10, 0))
    repair.refresh_from_db()
    assert repair.next_due is None


def test_the_officer_who_takes_it_in_hand_handles_it(household, officer, officer_actor):
    repair = submit_at(household, paris(2026, 4, 3, 17, 0))
    lifecycle.acknowledge(repair, actor=officer_actor, at=paris(2026, 4, 7, 10, 0))
    repair.refresh_from_db()
    assert repair.handled_by == officer
