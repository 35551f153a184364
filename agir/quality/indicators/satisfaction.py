"""Satisfaction of the period's requests: response rate (closed requests with an answer),
average score, and the comments, as answered by the period's end."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Avg, Count, Q, QuerySet

from ..models import SatisfactionSurvey
from .scope import Scope


@dataclass(frozen=True)
class Satisfaction:
    closed: int
    answered: int  # closed requests with at least one answer
    answers: int
    average: float | None

    @property
    def response_rate(self) -> float | None:
        return self.answered / self.closed if self.closed else None


def surveys(scope: Scope) -> QuerySet[SatisfactionSurvey]:
    """The answers about the scope's requests, given by the period's end."""
    return SatisfactionSurvey.objects.filter(
        **scope.fact_filters("fact__"), answered_at__lte=scope.as_of
    )


def satisfaction(scope: Scope) -> Satisfaction:
    closed = scope.facts().filter(closed_at__lte=scope.as_of).count()
    row = surveys(scope).aggregate(
        answered=Count("request", distinct=True), answers=Count("pk"), average=Avg("score")
    )
    return Satisfaction(closed, row["answered"], row["answers"], row["average"])


def score_counts(scope: Scope) -> dict[int, int]:
    found = dict(surveys(scope).values_list("score").annotate(n=Count("pk")))
    return {score: found.get(score, 0) for score in range(1, 6)}


def comments(scope: Scope, *, limit: int = 100) -> list[SatisfactionSurvey]:
    return list(
        surveys(scope)
        .filter(~Q(comment=""))
        .select_related("request")
        .order_by("-answered_at")[:limit]
    )
