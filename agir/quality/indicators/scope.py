"""What an indicator is computed over: a period and a part of the estate, or a contractor.

Every indicator takes a `Scope` and reads `RequestFact` through `scope.facts()`: the requests
received in the period, in that part of the estate. What happened to them is counted as it was
known at the period's end (`scope.as_of`), so a month's figures do not change when printed
later: a request taken in hand after the month ended counts as not taken in hand that month.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

from django.db.models import QuerySet
from django.utils import timezone

from ..models import RequestFact


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min), timezone.get_current_timezone())


@dataclass(frozen=True)
class Scope:
    start: date  # first day of the period
    end: date  # the day after its last day
    site_id: int | None = None
    building_id: int | None = None
    sector_id: int | None = None
    contractor_id: int | None = None
    now: datetime | None = None  # for tests; the current time otherwise
    # Read the period's requests at this moment instead of at the period's end: a month's
    # share of a longer period still running (the maintained summaries, summaries.py).
    read_at: datetime | None = None

    @classmethod
    def month(cls, year: int, month: int, **filters) -> Scope:
        start = date(year, month, 1)
        end = date(year + (month == 12), month % 12 + 1, 1)
        return cls(start, end, **filters)

    @classmethod
    def last_twelve_months(cls, today: date | None = None, **filters) -> Scope:
        today = today or timezone.localdate()
        end = date(today.year + (today.month == 12), today.month % 12 + 1, 1)
        return cls(date(end.year - 1, end.month, 1), end, **filters)

    @property
    def start_at(self) -> datetime:
        return _start_of(self.start)

    @property
    def end_at(self) -> datetime:
        return _start_of(self.end)

    @property
    def current_time(self) -> datetime:
        return self.now or timezone.now()

    @property
    def as_of(self) -> datetime:
        """The moment the period's figures are read at: its end, or now if it is not over."""
        if self.read_at is not None:
            return self.read_at
        return min(self.end_at, self.current_time)

    @property
    def received_before(self) -> datetime:
        """Requests received from `start_at` until this moment belong to the period."""
        return min(self.end_at, self.as_of)

    @property
    def last_day(self) -> date:
        return self.end - timedelta(days=1)

    def with_(self, **changes) -> Scope:
        return replace(self, **changes)

    def place_filters(self) -> dict:
        filters = {}
        for name in ("site_id", "building_id", "sector_id", "contractor_id"):
            value = getattr(self, name)
            if value is not None:
                filters[name] = value
        return filters

    def fact_filters(self, prefix: str = "") -> dict:
        """The filters of `facts`, for a model that reaches the facts through `prefix`."""
        filters = {
            "submitted_at__gte": self.start_at,
            "submitted_at__lt": self.received_before,
            **self.place_filters(),
        }
        return {f"{prefix}{name}": value for name, value in filters.items()}

    def facts(self) -> QuerySet[RequestFact]:
        """The requests received in the period (as known at its end), in this part of the estate."""
        return RequestFact.objects.filter(**self.fact_filters())

    @property
    def whole_estate(self) -> bool:
        return not self.place_filters()

    def months(self) -> list[date]:
        """The first day of each month the period touches."""
        months, day = [], date(self.start.year, self.start.month, 1)
        while day < self.end:
            months.append(day)
            day = date(day.year + (day.month == 12), day.month % 12 + 1, 1)
        return months
