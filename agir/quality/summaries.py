"""Maintained monthly summaries of the quality indicators' counts, for the whole estate.

The dashboard's first view (the whole estate, the last twelve months, read now) would scan a
year of facts with some twenty aggregate queries: seconds at 2,000,000 requests. Instead it
adds up one `MonthSummary` per month: that month's counts (`indicators.tally.Tally`), read at
some moment. Counts add up, so the sum is what one scan of the year would give, provided each
summary is still exact at the moment asked:

- no fact or answer of its month changed since it was counted: every write marks its month
  (`mark`), after the write, so a count that missed a write is always marked stale;
- it was counted at or before the moment asked, and no count of it changes by the clock alone
  in between (`valid_until`: the first due date still to pass on a request not yet at that
  step, or any moment recorded in the future).

Any other month is counted again from its facts and kept. The scheduler recounts the marked
and expired months every minute (`refresh`), so that a page seldom has to. Other scopes (a
part of the estate, a contractor, a period already over) are counted from the facts.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import date, datetime

from django.db.models import F, Min, Q
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from .indicators.kept import STEPS
from .indicators.scope import Scope
from .indicators.tally import Tally, total
from .models import MonthSummary, RequestFact, SatisfactionSurvey

# The facts' moments an indicator compares with the moment it reads at.
MOMENTS = (
    "submitted_at",
    "acknowledged_at",
    "intervened_at",
    "done_at",
    "closed_at",
    "withdrawn_at",
    "reopened_at",
)


def summarisable(scope: Scope) -> bool:
    """Whether `scope` is whole months of the whole estate, read now."""
    return (
        scope.whole_estate
        and scope.read_at is None
        and scope.start.day == 1
        and scope.end.day == 1
        and scope.end_at >= scope.current_time
    )


def tally_for(scope: Scope) -> Tally | None:
    """The scope's counts from its months' summaries (recounting those not exact now), or
    None when the scope is not one the summaries cover."""
    if not summarisable(scope):
        return None
    at = scope.current_time
    months = scope.months()
    kept = {s.month: s for s in MonthSummary.objects.filter(month__in=months).defer("tally")}
    exact = [month for month in months if month in kept and usable(kept[month], at)]
    # Decoding and adding up a year of counts took most of the dashboard's time at 2,000,000
    # requests (a delay's distribution has a key a day): the sum is kept in the process for
    # these very counts, and they are read again only when one of them was counted anew.
    countings = tuple(kept[month].counting for month in exact)
    cacheable = len(exact) == len(months) and None not in countings
    if cacheable and (year := _sums.get(countings)) is not None:
        return year
    tallies = _read(kept, exact)
    recounted = [count_month(month, at) for month in months if month not in tallies]
    year = total([*tallies.values(), *recounted])
    if cacheable and not recounted:
        _sums.clear()  # one sum is all the dashboard asks for
        _sums[countings] = year
    return year


_sums: dict[tuple, Tally] = {}


def _read(kept: dict[date, MonthSummary], months: list[date]) -> dict[date, Tally]:
    """The counts of `months` as `kept` found them: a month counted anew since is left out."""
    if not months:
        return {}
    rows = MonthSummary.objects.filter(month__in=months).values_list("month", "counting", "tally")
    return {
        month: Tally.from_json(tally)
        for month, counting, tally in rows
        if counting == kept[month].counting
    }


def usable(summary: MonthSummary, at: datetime) -> bool:
    return (
        summary.counted_version == summary.version
        and summary.read_at is not None
        and summary.read_at <= at
        and (summary.valid_until is None or at < summary.valid_until)
    )


def count_month(month: date, at: datetime) -> Tally:
    """Count `month` from its facts as read at `at`, and keep the counts."""
    from .indicators import tally_of

    MonthSummary.objects.get_or_create(month=month)  # new: version 1, counted 0 (stale)
    version = MonthSummary.objects.values_list("version", flat=True).get(month=month)
    scope = Scope.month(month.year, month.month, read_at=at)
    tally = tally_of(scope)
    MonthSummary.objects.filter(month=month).update(
        tally=tally.to_json(),
        read_at=at,
        valid_until=next_change(scope),
        counted_version=version,
        counting=uuid.uuid4(),
    )
    return tally


def next_change(scope: Scope) -> datetime | None:
    """The first moment after `scope.as_of` at which a count of the scope's month changes
    without any write: a due date passing on a request not yet at that step, or a moment
    recorded ahead of the clock."""
    at = scope.as_of
    later = {f"next_{name}": Min(name, filter=Q(**{f"{name}__gt": at})) for name in MOMENTS}
    for moment, due in STEPS.values():
        later[f"next_{due}"] = Min(
            due,
            filter=Q(**{f"{due}__gt": at})
            & (Q(**{f"{moment}__isnull": True}) | Q(**{f"{moment}__gt": at})),
        )
    month = {"submitted_at__gte": scope.start_at, "submitted_at__lt": scope.end_at}
    found = list(RequestFact.objects.filter(**month).aggregate(**later).values())
    found.append(
        SatisfactionSurvey.objects.filter(
            **{f"fact__{name}": value for name, value in month.items()}, answered_at__gt=at
        ).aggregate(first=Min("answered_at"))["first"]
    )
    return min((moment for moment in found if moment is not None), default=None)


def mark(months: Iterable[date]) -> None:
    """The facts or answers of these months changed: their summaries are no longer exact.
    Called after the change is written. A month not summarised yet gets a row all the same,
    so that a count running while the change commits waits for it (PostgreSQL) instead of
    keeping a summary that missed it."""
    months = sorted(set(months))
    if not months:
        return
    MonthSummary.objects.bulk_create(
        [MonthSummary(month=month) for month in months], ignore_conflicts=True
    )
    MonthSummary.objects.filter(month__in=months).update(version=F("version") + 1)


def refresh(at: datetime | None = None) -> int:
    """Recount the summaries marked or expired, and count the last twelve months' not kept
    yet, so that the dashboard's first view finds them (the scheduler, every minute); returns
    how many months were counted."""
    at = at or timezone.now()
    recent = Scope.last_twelve_months(timezone.localdate(at)).months()
    kept = set(MonthSummary.objects.filter(month__in=recent).values_list("month", flat=True))
    months = set(recent) - kept
    months.update(
        MonthSummary.objects.filter(
            Q(counted_version__lt=F("version")) | Q(valid_until__lte=at)
        ).values_list("month", flat=True)
    )
    for month in sorted(months):
        count_month(month, at)
    return len(months)


def mark_all() -> None:
    """Every summary is stale (the facts were rebuilt or written in bulk)."""
    MonthSummary.objects.update(version=F("version") + 1)


@receiver(post_save, sender=RequestFact, dispatch_uid="summary_on_fact_saved")
@receiver(post_delete, sender=RequestFact, dispatch_uid="summary_on_fact_deleted")
def _on_fact(sender, instance: RequestFact, **kwargs) -> None:
    if not kwargs.get("raw"):
        mark([instance.month])


@receiver(post_save, sender=SatisfactionSurvey, dispatch_uid="summary_on_answer_saved")
@receiver(post_delete, sender=SatisfactionSurvey, dispatch_uid="summary_on_answer_deleted")
def _on_answer(sender, instance: SatisfactionSurvey, **kwargs) -> None:
    if not kwargs.get("raw"):
        mark(
            RequestFact.objects.filter(request_id=instance.request_id).values_list(
                "month", flat=True
            )
        )
