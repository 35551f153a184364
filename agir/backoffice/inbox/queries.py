"""The inbox's order and its pages.

Order: what waits on a commitment comes first, emergencies at the very top, then by the date
the request waits on (`next_due`: the overdue first, then by time left); requests that wait on
nothing (work in progress, done, closed…), the oldest first. Pages go by keyset (the last row's
sort key in the link, never an offset) and the count is bounded: a page costs the same few
queries on the first page and the thousandth, with ten requests or millions.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Case, Q, QuerySet, Value, When
from django.db.models.fields import IntegerField
from django.db.models.functions import Coalesce

from agir.catalogue.models import Urgency
from agir.repairs.models import RepairRequest

PAGE_SIZE = 50
COUNT_LIMIT = 1000

# rank: 0 an emergency waiting on a commitment, 1 any other request waiting, 2 waiting on nothing
RANK = Case(
    When(next_due__isnull=True, then=Value(2)),
    When(urgency=Urgency.EMERGENCY, then=Value(0)),
    default=Value(1),
    output_field=IntegerField(),
)
# Requests that wait on nothing follow their rank by age: the oldest first.
SORT_AT = Coalesce("next_due", "submitted_at")
# Each rank apart, as RANK and SORT_AT say: (rank, which requests, the column it sorts on).
_RANKS = (
    (0, Q(next_due__isnull=False, urgency=Urgency.EMERGENCY), "next_due"),
    (1, Q(next_due__isnull=False) & ~Q(urgency=Urgency.EMERGENCY), "next_due"),
    (2, Q(next_due__isnull=True), "submitted_at"),
)


@dataclass(frozen=True)
class Page:
    rows: list[RepairRequest]
    next_cursor: str  # "" on the last page
    count: int  # bounded by COUNT_LIMIT
    more_than: bool  # there are more than COUNT_LIMIT


def ordered(requests: QuerySet[RepairRequest]) -> QuerySet[RepairRequest]:
    return requests.annotate(inbox_rank=RANK, inbox_at=SORT_AT).order_by(
        "inbox_rank", "inbox_at", "pk"
    )


def page(
    requests: QuerySet[RepairRequest],
    cursor: str = "",
    size: int = PAGE_SIZE,
    *,
    may_wait: bool = True,
) -> Page:
    """A page of `requests` after `cursor`; `may_wait` False when none of them can wait on a
    commitment (their status says so), and the waiting ranks are not looked for."""
    counted = _count(requests, may_wait=may_wait)
    after = decode_cursor(cursor)
    # Sorting on RANK and SORT_AT, which no index holds, sorted every matching request for each
    # page («closed»: nearly all of them). Each rank is read apart in the order of an index
    # (next_due for the waiting ones, submitted_at for the others), at most a page from each,
    # and only those few rows are sorted. One query a rank, every rank on every page, so that
    # the count does not depend on the data: as subqueries of one statement, PostgreSQL read
    # every request (2,000,000) to test them.
    candidates: list[int] = []
    for rank, where, at_field in _RANKS:
        if (after is not None and rank < after[0]) or (rank < 2 and not may_wait):
            continue
        rows = requests.filter(where)
        if after is not None and rank == after[0]:
            _rank, at, pk = after
            rows = rows.filter(Q((f"{at_field}__gt", at)) | Q((at_field, at), pk__gt=pk))
        candidates += rows.order_by(at_field, "pk").values_list("pk", flat=True)[: size + 1]
    found = list(
        ordered(RepairRequest.objects.filter(pk__in=candidates)).select_related(
            "building__site", "dwelling", "common_area", "requested_by", "handled_by"
        )[: size + 1]
    )
    next_cursor = encode_cursor(found[size - 1]) if len(found) > size else ""
    return Page(found[:size], next_cursor, min(counted, COUNT_LIMIT), counted > COUNT_LIMIT)


def _count(requests: QuerySet[RepairRequest], *, may_wait: bool) -> int:
    """How many of `requests`, up to COUNT_LIMIT + 1. The waiting ones and the others are
    counted apart, each on its own partial index: together (a search by a common name on
    2,000,000 requests) the database read a row of the table for each candidate, ≈ 100 ms."""
    parts = [Q(next_due__isnull=False), Q(next_due__isnull=True)] if may_wait else [Q()]
    return sum(requests.filter(part).order_by()[: COUNT_LIMIT + 1].count() for part in parts)


def encode_cursor(last: RepairRequest) -> str:
    key = [last.inbox_rank, last.inbox_at.isoformat() if last.inbox_at else None, last.pk]
    return base64.urlsafe_b64encode(json.dumps(key).encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[int, datetime, int] | None:
    """The sort key of the last row of the page before; None for the first page or a cursor
    that was tampered with (the first page again, never an error)."""
    if not cursor:
        return None
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        rank, at, pk = json.loads(base64.urlsafe_b64decode(padded.encode()))
        return int(rank), datetime.fromisoformat(at), int(pk)
    except (ValueError, TypeError):
        return None
