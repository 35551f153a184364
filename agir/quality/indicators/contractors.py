"""The contractors' league table: orders, delays to intervene, commitments kept, reopened
requests and satisfaction, one row per contractor, best share of commitments kept first."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, Q

from agir.estate.models import Contractor

from .delays import percentile
from .kept import Kept, _conditions
from .scope import Scope
from .tally import Tally


@dataclass(frozen=True)
class ContractorRow:
    contractor_id: int
    name: str
    orders: int
    intervene_median: int | None  # working days
    intervene_p90: int | None
    kept: Kept  # intervention commitments
    reopened: int
    satisfaction: float | None
    answers: int

    @property
    def reopened_share(self) -> float | None:
        return self.reopened / self.orders if self.orders else None


def count_into(tally: Tally, scope: Scope) -> None:
    kept, missed, _excluded = _conditions(scope, "intervene")
    facts = scope.facts().filter(contractor__isnull=False)
    tally.put(
        "contractors",
        facts.values_list("contractor")
        .annotate(
            orders=Count("pk"),
            kept=Count("pk", filter=kept),
            missed=Count("pk", filter=missed),
            reopened=Count("pk", filter=Q(reopened_at__lte=scope.as_of)),
        )
        .order_by(),
        4,
    )
    tally.put(
        "contractor_delays",
        facts.filter(intervened_at__lte=scope.as_of)
        .values_list("contractor", "intervene_wdays")
        .annotate(n=Count("pk"))
        .order_by(),
        1,
    )


def league(tally: Tally) -> list[ContractorRow]:
    delays: dict[int, Counter] = {}
    for (contractor, days), (n,) in tally.rows("contractor_delays").items():
        delays.setdefault(contractor, Counter())[days] += n
    scores: dict[int, tuple[int, int]] = {}  # contractor -> (sum of scores, answers)
    for (contractor, score), (n,) in tally.rows("scores").items():  # satisfaction.py's
        total, answers = scores.get(contractor, (0, 0))
        scores[contractor] = (total + score * n, answers + n)
    rows = tally.rows("contractors")
    names = dict(
        Contractor.objects.filter(pk__in=[key[0] for key in rows]).values_list("pk", "name")
    )
    result = []
    for (contractor,), (orders, k, m, reopened) in rows.items():
        counts = delays.get(contractor, {})
        total, n = scores.get(contractor, (0, 0))
        result.append(
            ContractorRow(
                contractor,
                names.get(contractor, "—"),
                orders,
                percentile(counts, 0.5),
                percentile(counts, 0.9),
                Kept(k, m),
                reopened,
                total / n if n else None,
                n,
            )
        )
    result.sort(key=lambda r: (-(r.kept.share or 0), r.reopened_share or 0, r.name))
    return result
