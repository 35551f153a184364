"""Quality indicators over `RequestFact`, for a `Scope` (a period and a part of the estate, or
a contractor). Each module answers one family of questions with a few aggregate queries;
`compute` gathers them all for the dashboard, the exports and the review pack."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from agir.catalogue.models import Urgency

from ..commitments import terms
from .contractors import ContractorRow, league
from .contractors import count_into as contractor_counts
from .delays import MEASURES, Distribution, distributions
from .delays import count_into as delay_counts
from .followup import FollowUp, closed, follow_up
from .followup import count_into as follow_up_counts
from .kept import Kept, Row, kept_by, kept_overall, overdue_now
from .kept import count_into as kept_counts
from .satisfaction import Satisfaction, satisfaction, score_counts
from .satisfaction import count_into as satisfaction_counts
from .scope import Scope
from .tally import Tally
from .volumes import Count_, labelled, received_by
from .volumes import count_into as volume_counts

__all__ = ["Indicators", "Scope", "Tally", "compute", "tally_of"]

RANKING_SIZE = 10


@dataclass(frozen=True)
class Indicators:
    scope: Scope
    received: int
    by_origin: list[Count_]
    by_family: list[Count_]
    by_urgency: list[Count_]
    by_responsibility: list[Count_]
    by_building: list[Count_]  # the most requests first, RANKING_SIZE of them
    top_families: list[Count_]
    by_month: list[tuple[date, int]]
    delays: dict[str, list[Distribution]]  # measure -> per urgency, then all together
    kept: dict[str, dict[str, Kept]]  # step -> urgency -> kept
    kept_total: dict[str, Kept]
    kept_by_month: dict[str, list[tuple[date, Kept]]]
    overdue: dict[str, int]
    follow_up: FollowUp
    satisfaction: Satisfaction
    scores: dict[int, int]
    contractors: list[ContractorRow]

    def numbers(self) -> dict:
        """The figures alone, for comparing two computations (anonymisation keeps them)."""
        return {
            "received": self.received,
            "by": [
                [(c.key, c.count) for c in rows]
                for rows in (
                    self.by_origin,
                    self.by_family,
                    self.by_urgency,
                    self.by_responsibility,
                )
            ],
            "by_month": self.by_month,
            "delays": {
                m: [(d.urgency, d.count, d.median, d.p90) for d in ds]
                for m, ds in self.delays.items()
            },
            "kept": self.kept,
            "overdue": self.overdue,
            "follow_up": self.follow_up,
            "satisfaction": self.satisfaction,
            "scores": self.scores,
            "contractors": [
                (r.contractor_id, r.orders, r.intervene_median, r.kept, r.reopened, r.satisfaction)
                for r in self.contractors
            ],
        }


STEPS = ("take_in_hand", "intervene")
COUNTERS = (
    kept_counts,
    volume_counts,
    delay_counts,
    follow_up_counts,
    satisfaction_counts,
    contractor_counts,
)


def tally_of(scope: Scope) -> Tally:
    """The scope's counts, read from the facts (about twenty aggregate queries)."""
    tally = Tally()
    for count_into in COUNTERS:
        count_into(tally, scope)
    return tally


def compute(scope: Scope, *, summaries: bool = True) -> Indicators:
    """The indicators of `scope`. The whole estate over whole months up to now adds up the
    maintained monthly summaries (`summaries=False` counts from the facts all the same)."""
    from .. import summaries as monthly
    from ..facts import catch_up

    catch_up()  # the requests changed since the scheduler's last run (usually none)
    scope = scope.with_(now=scope.current_time)  # every figure read at the same moment
    tally = (monthly.tally_for(scope) if summaries else None) or tally_of(scope)
    return indicators_from(scope, tally)


def indicators_from(scope: Scope, tally: Tally) -> Indicators:
    urgencies = kept_by(tally, "urgency")
    months = kept_by(tally, "month")
    empty = Row(0, Kept(0, 0), Kept(0, 0))
    kept = {
        step: {u: getattr(urgencies.get(u, empty), step) for u in Urgency.values} for step in STEPS
    }
    by_urgency = sorted(
        ((u, row.received) for u, row in urgencies.items() if row.received),
        key=lambda item: (-item[1], item[0]),
    )
    by_family = received_by(tally, "family")
    current = terms()
    return Indicators(
        scope=scope,
        received=sum(row.received for row in urgencies.values()),
        by_origin=received_by(tally, "origin"),
        by_family=by_family,
        by_urgency=labelled("urgency", by_urgency),
        by_responsibility=received_by(tally, "responsibility"),
        by_building=received_by(tally, "building", limit=RANKING_SIZE),
        top_families=by_family[:RANKING_SIZE],
        by_month=[(m, months.get(m, empty).received) for m in scope.months()],
        delays={measure: distributions(tally, measure, current) for measure in MEASURES},
        kept=kept,
        kept_total={step: kept_overall(by_urgency) for step, by_urgency in kept.items()},
        kept_by_month={
            step: [(m, getattr(months.get(m, empty), step)) for m in scope.months()]
            for step in STEPS
        },
        overdue=overdue_now(scope),
        follow_up=follow_up(tally),
        satisfaction=satisfaction(tally, closed(tally)),
        scores=score_counts(tally),
        contractors=league(tally),
    )
