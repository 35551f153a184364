"""What happened after taking in hand: postponements, reopened requests («pas réparé»), and
repairs done at the first visit."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, Sum

from .scope import Scope
from .tally import Tally


@dataclass(frozen=True)
class FollowUp:
    postponed_requests: int  # requests postponed at least once
    postponements: int  # postponements in all
    reopened: int  # requests reopened at least once
    done: int  # requests whose work was finished
    first_visit_fixes: int  # of those, fixed at the first visit

    @property
    def first_visit_share(self) -> float | None:
        return self.first_visit_fixes / self.done if self.done else None

    @property
    def reopened_share(self) -> float | None:
        return self.reopened / self.done if self.done else None


FIELDS = ("postponed_requests", "postponements", "reopened", "done", "first_visit_fixes")


def count_into(tally: Tally, scope: Scope) -> None:
    """The follow-up's counts, and the requests closed (satisfaction's denominator), in one
    scan."""
    as_of = scope.as_of
    done = Q(done_at__lte=as_of)
    row = scope.facts().aggregate(
        postponed_requests=Count("pk", filter=Q(postponements__gt=0)),
        postponements=Sum("postponements", default=0),
        reopened=Count("pk", filter=Q(reopened_at__lte=as_of)),
        done=Count("pk", filter=done),
        first_visit_fixes=Count("pk", filter=done & Q(first_visit_fix=True)),
        closed=Count("pk", filter=Q(closed_at__lte=as_of)),
    )
    tally.put("follow_up", [(*(row[f] for f in FIELDS), row["closed"])], len(FIELDS) + 1)


def follow_up(tally: Tally) -> FollowUp:
    counts = tally.one("follow_up", len(FIELDS) + 1)
    return FollowUp(*counts[: len(FIELDS)])


def closed(tally: Tally) -> int:
    return tally.one("follow_up", len(FIELDS) + 1)[len(FIELDS)]
