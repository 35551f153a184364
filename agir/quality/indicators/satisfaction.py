"""Satisfaction of the period's requests: response rate (closed requests with an answer),
average score, and the comments, as answered by the period's end."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from ..models import SatisfactionSurvey
from .scope import Scope
from .tally import Tally


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


def count_into(tally: Tally, scope: Scope) -> None:
    answers = surveys(scope)
    row = answers.aggregate(answered=Count("request", distinct=True))
    tally.put("surveys", [(row["answered"],)], 1)
    # Scores per contractor (none: no contractor) in one scan: the scores' counts, the average
    # and the contractors' averages all add up from it.
    tally.put(
        "scores",
        answers.values_list("fact__contractor", "score").annotate(n=Count("pk")).order_by(),
        1,
    )


def satisfaction(tally: Tally, closed: int) -> Satisfaction:
    (answered,) = tally.one("surveys", 1)
    scores = score_counts(tally)
    answers = sum(scores.values())
    total = sum(score * n for score, n in scores.items())
    return Satisfaction(closed, answered, answers, total / answers if answers else None)


def score_counts(tally: Tally) -> dict[int, int]:
    found: dict[int, int] = {}
    for (_contractor, score), (n,) in tally.rows("scores").items():
        found[score] = found.get(score, 0) + n
    return {score: found.get(score, 0) for score in range(1, 6)}


def comments(scope: Scope, *, limit: int = 100) -> list[SatisfactionSurvey]:
    return list(
        surveys(scope)
        .filter(~Q(comment=""))
        .select_related("request")
        .order_by("-answered_at")[:limit]
    )
