"""The landlord's commitments (engagements de délai) and the due dates they give a request.

A commitment says, for one urgency, how long the landlord takes to take a request in hand and
to intervene. Managers edit them (`Commitment`, in the admin); the defaults come from what
social landlords publish: taken in hand within 2 working days; an emergency made safe within
4 hours, day and night; urgent within 24 hours; normal within 5 working days; planned within
60 days.

Units:
- hours: the clock runs day and night, weekends and holidays included;
- working days: Monday to Friday except French public holidays; the delay ends at the end of
  the n-th working day after the day it starts (a request sent on Friday evening with 2
  working days is due by Tuesday evening);
- days: calendar days, ending at the end of the n-th day after the day it starts.

The functions below the data classes are pure (no database) and take the terms as an
argument; `current_terms()` reads the table. The lifecycle calls `due_fields()` on each
change, the only place the due dates are written.
"""

from __future__ import annotations

import time as clock
from bisect import bisect_left
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from typing import Any

import holidays
from django.db.models import Q
from django.utils import timezone

HOURS, WORKING_DAYS, DAYS = "hours", "working_days", "days"

# The end of a day, in the landlord's time zone, as the moment a day-counted delay ends.
END_OF_DAY = time(23, 59, 59)


@dataclass(frozen=True)
class Delay:
    amount: int
    unit: str


@dataclass(frozen=True)
class Terms:
    """The commitment for one urgency."""

    take_in_hand: Delay
    intervention: Delay


@dataclass(frozen=True)
class DueDates:
    take_in_hand: datetime
    intervention: datetime


DEFAULT_TERMS: dict[str, Terms] = {
    # An emergency cannot wait 2 working days to be read: taken in hand as fast as it is made
    # safe. The take-in-hand due date is never later than the intervention's anyway.
    "emergency": Terms(Delay(4, HOURS), Delay(4, HOURS)),
    "urgent": Terms(Delay(24, HOURS), Delay(24, HOURS)),
    "normal": Terms(Delay(2, WORKING_DAYS), Delay(5, WORKING_DAYS)),
    "planned": Terms(Delay(2, WORKING_DAYS), Delay(60, DAYS)),
}


# --- calendar ---------------------------------------------------------------------------


@cache
def _french_holidays(year: int) -> frozenset[date]:
    # Metropolitan France (Easter Monday, Ascension and Whit Monday move each year);
    # Alsace-Moselle's two extra days are not counted. A plain set: a due date or a delay
    # asks about each day it spans, and the library's own lookup costs several times more.
    return frozenset(holidays.France(years=year))


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _french_holidays(day.year)


# Each year's running count of working days, built once, answers both questions below without
# walking the days: every fact asks them for two due dates and three delays, and the facts are
# rebuilt (or seeded) by the million.


@cache
def _new_year(year: int) -> int:
    return date(year, 1, 1).toordinal()


def _day_of_year(day: date) -> int:
    """1 for the 1st of January."""
    return day.toordinal() - _new_year(day.year) + 1


@cache
def _running_count(year: int) -> tuple[int, ...]:
    """Index n: the working days from the 1st of January to the year's n-th day (0 for n=0)."""
    counts = [0]
    start = _new_year(year)
    for n in range(date(year, 12, 31).toordinal() - start + 1):
        counts.append(counts[-1] + is_working_day(date.fromordinal(start + n)))
    return tuple(counts)


def working_days_after(first: date, last: date) -> int:
    """Working days d with first < d <= last (0 if last is not after first)."""
    if last <= first:
        return 0
    if first.year == last.year:
        counts = _running_count(first.year)
        return counts[_day_of_year(last)] - counts[_day_of_year(first)]
    count = _running_count(first.year)[-1] - _running_count(first.year)[_day_of_year(first)]
    for year in range(first.year + 1, last.year):
        count += _running_count(year)[-1]
    return count + _running_count(last.year)[_day_of_year(last)]


def add_working_days(day: date, count: int) -> date:
    """The `count`-th working day after `day`; with 0, `day` itself or the next working day."""
    if count <= 0:
        while not is_working_day(day):
            day += timedelta(days=1)
        return day
    # The first day whose running count reaches the one of `day` plus `count` (a working day:
    # the count rises on it), counted from the 1st of January of the year being searched.
    year = day.year
    counts = _running_count(year)
    target = counts[_day_of_year(day)] + count
    while target > counts[-1]:
        target -= counts[-1]
        year += 1
        counts = _running_count(year)
    return date.fromordinal(_new_year(year) + bisect_left(counts, target) - 1)


def deadline(start: datetime, delay: Delay) -> datetime:
    """When a delay that starts at `start` (aware) ends."""
    return _deadline(timezone.localtime(start), delay)


def _deadline(local: datetime, delay: Delay) -> datetime:
    """`deadline` from a start already in the current zone: the zone is looked up once for
    both of a request's due dates (the lookup is not free, and facts are computed by the
    million)."""
    if delay.unit == HOURS:
        # In UTC: adding hours to a local time would be a wall-clock sum, wrong over DST.
        return (local.astimezone(UTC) + timedelta(hours=delay.amount)).astimezone(local.tzinfo)
    local_day = local.date()
    if delay.unit == WORKING_DAYS:
        last_day = add_working_days(local_day, delay.amount)
    elif delay.unit == DAYS:
        last_day = local_day + timedelta(days=delay.amount)
    else:
        raise ValueError(f"unknown delay unit: {delay.unit!r}")
    return timezone.make_aware(datetime.combine(last_day, END_OF_DAY), local.tzinfo)


def due_dates(start: datetime, urgency: str, terms: dict[str, Terms]) -> DueDates:
    """Both due dates of a request of `urgency` whose clock starts at `start`."""
    term = terms.get(urgency) or terms.get("normal") or DEFAULT_TERMS["normal"]
    local = timezone.localtime(start)
    intervention = _deadline(local, term.intervention)
    return DueDates(min(_deadline(local, term.take_in_hand), intervention), intervention)


# --- the table ----------------------------------------------------------------------------


# The table is read at most once a minute per process (a batch of submissions reads it once);
# a change saved in this process is seen at once, in the others within the minute.
TERMS_TTL_SECONDS = 60
_cached: tuple[float, dict[str, Terms]] | None = None


def current_terms() -> dict[str, Terms]:
    """The commitments as managers set them; an urgency missing from the table keeps its
    default."""
    global _cached
    now = clock.monotonic()
    if _cached is not None and now - _cached[0] < TERMS_TTL_SECONDS:
        return _cached[1]
    from .models import Commitment

    terms = dict(DEFAULT_TERMS)
    for row in Commitment.objects.all():
        terms[row.urgency] = Terms(
            Delay(row.take_in_hand_amount, row.take_in_hand_unit),
            Delay(row.intervention_amount, row.intervention_unit),
        )
    _cached = (now, terms)
    return terms


def forget_terms(**_kwargs) -> None:
    """Called when a commitment is saved or deleted (signals in apps.py)."""
    global _cached
    _cached = None


# --- the request's due dates, as the lifecycle changes it ---------------------------------


def due_fields(intent: str, current: Any, changed: dict[str, Any], when: datetime) -> dict:
    """The due-date fields to write with a change `intent` of request `current`.

    - submit: both clocks start at the submission;
    - acknowledge (qualification): the take-in-hand date stays (met or missed, it is history).
      With the same urgency the intervention keeps counting from the submission, as the tenant
      was told; when the officer changes the urgency, the new delay counts from the
      qualification (nobody can be late for an emergency they were not told about);
    - reopen: the request must be taken in hand again, both clocks start anew;
    - every change: `next_due`, the date the request waits on in its new status.
    """
    fields: dict[str, Any] = {}
    urgency = changed.get("urgency", current.urgency)
    if intent in {"submit", "reopen"}:
        due = due_dates(when, urgency, current_terms())
        fields = {"take_in_hand_due": due.take_in_hand, "intervention_due": due.intervention}
    elif intent == "acknowledge":
        changed_urgency = urgency != current.urgency
        start = when if changed_urgency or current.submitted_at is None else current.submitted_at
        fields = {"intervention_due": due_dates(start, urgency, current_terms()).intervention}
    status = changed.get("status", current.status)
    take_in_hand = fields.get("take_in_hand_due", current.take_in_hand_due)
    intervention = fields.get("intervention_due", current.intervention_due)
    next_due = awaited(status, take_in_hand, intervention)
    if next_due != current.next_due or fields:
        fields["next_due"] = next_due
    return fields


def awaited(
    status: str, take_in_hand: datetime | None, intervention: datetime | None
) -> datetime | None:
    """`next_due`: the due date a request in `status` waits on, or None."""
    if status in AWAITING_TAKE_IN_HAND and take_in_hand is not None:
        return take_in_hand
    if status in AWAITING_INTERVENTION:
        return intervention
    return None


# Statuses where the request still waits for someone to take it in hand, and where the
# intervention has not begun yet (once work is in progress, the intervention has happened).
AWAITING_TAKE_IN_HAND = frozenset({"submitted", "reopened"})
AWAITING_INTERVENTION = frozenset(
    {"submitted", "acknowledged", "scheduled", "postponed", "reopened"}
)


def overdue_q(now: datetime) -> Q:
    """Requests past the commitment they wait on, as a filter (on the inbox's index)."""
    return Q(next_due__lt=now)


def is_overdue(request: Any, now: datetime | None = None) -> bool:
    return request.next_due is not None and request.next_due < (now or timezone.now())
