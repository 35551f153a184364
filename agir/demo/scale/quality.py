"""What the quality dashboard reads of the seeded history: one `RequestFact` a submitted request
and the satisfaction surveys of some closed ones, written in bulk with the history.

The facts are `agir.quality.facts.fact_values` itself, called on light stand-ins for the request
and its building (no model instances, no query): `rebuild_facts` would give the same rows, at
≈ 1.7 ms a request through the ORM (an hour at two million requests). The commitments are
read once; the contractor of a request the officer sent to a maintenance contract comes from
the seeded contracts, kept in a map (`Contracts`) instead of a query a request.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from operator import itemgetter
from typing import Any

from django.db import models
from django.utils import timezone

from agir.catalogue.models import CatalogueEntry, Responsibility
from agir.demo.quality import BAD_COMMENTS, GOOD_COMMENTS
from agir.quality.commitments import terms
from agir.quality.facts import fact_values
from agir.quality.models import RequestFact, SatisfactionSurvey
from agir.repairs.models import Status

from .writer import Dialect, Table, next_id

# A third of the closed requests' tenants answer, a day or two after the closing. Most are
# satisfied; a request whose intervention came after its due date is rated lower.
ANSWER_SHARE = 1 / 3
SCORES = [1, 2, 3, 4, 5]
ON_TIME_WEIGHTS = [3, 4, 9, 36, 48]
LATE_WEIGHTS = [8, 12, 22, 33, 25]
COMMENT_SHARE = 0.15
SURVEY_COLUMNS = [
    "id",
    "request_id",
    "tenant_id",
    "score",
    "comment",
    "answered_by_id",
    "answered_at",
]


@dataclass(frozen=True)
class Contract:
    contractor_id: int
    start: date
    end: date | None

    def in_force(self, on: date) -> bool:
        return self.start <= on and (self.end is None or on <= self.end)


class Contracts:
    """The seeded maintenance contracts, by (site, kind): the seed gives each group of sites
    one contract of each kind, naming whole sites and no building, so that the contract
    `MaintenanceContract.objects.covering` finds for a place is the one of its site."""

    def __init__(self) -> None:
        self.by_site_kind: dict[tuple[int, str], Contract] = {}

    def add(self, site_id: int, kind: str, contract: Contract) -> None:
        self.by_site_kind[(site_id, kind)] = contract

    def contractor(self, site_id: int, kind: str, on: date) -> int | None:
        """The contractor of the contract of `kind` in force on `on` at the site, if any."""
        contract = self.by_site_kind.get((site_id, kind)) if kind else None
        return contract.contractor_id if contract and contract.in_force(on) else None

    def payer(self, site_id: int, entry: CatalogueEntry, submitted: datetime) -> str:
        """Who pays «en principe», as the lifecycle sets it on submission (`who_pays` with
        the place's contracts of that day): the contract where one covers the entry."""
        kind = entry.contract_kind
        if kind and self.contractor(site_id, kind, timezone.localdate(submitted)) is not None:
            return Responsibility.CONTRACT
        return entry.responsibility

    def contractor_of(
        self, site_id: int, entry: CatalogueEntry, submitted: datetime, acknowledged: bool
    ) -> int | None:
        """`agir.quality.facts.contractor_of` for a seeded request sent to a contract (no work
        orders are seeded): `who_pays_for_request` on the day of submission (its UTC date, as
        `submitted_at.date()` reads it), the entry's contract kind, or once the officer decided
        (taken in hand) the equipment's usual one when the entry's has none there."""
        on = submitted.astimezone(UTC).date()
        found = self.contractor(site_id, entry.contract_kind, on)
        if found is None and acknowledged:
            found = self.contractor(site_id, entry.equipment.contract_kind, on)
        return found


class _Building:
    __slots__ = ("pk", "sector_id", "site_id")

    def __init__(self, pk: int, site_id: int, sector_id: int) -> None:
        self.pk, self.site_id, self.sector_id = pk, site_id, sector_id


class _Request:
    """What `fact_values` reads of a request."""

    __slots__ = (
        "building",
        "catalogue_entry",
        "catalogue_entry_id",
        "origin",
        "pk",
        "responsibility",
        "status",
        "submitted_at",
        "suggested_urgency",
        "urgency",
    )


def _converter(field: models.Field, d: Dialect) -> Callable[[Any], Any] | None:
    """How a value of `field` goes into a row, None where it goes as it is."""
    if isinstance(field, models.DateTimeField):
        return d.dt
    if isinstance(field, models.DateField):
        return d.day
    if isinstance(field, models.BooleanField):
        return d.bool
    return None


class Quality:
    """Collects the facts and the surveys of the seeded requests, as rows."""

    def __init__(
        self,
        d: Dialect,
        contracts: Contracts,
        site_of_building: dict[int, int],
        sector_of_building: dict[int, int],
        rng: random.Random,
        now: datetime,
    ) -> None:
        self.d, self.contracts, self.rng, self.now = d, contracts, rng, now
        self.terms = terms()
        self.buildings = {
            pk: _Building(pk, site_of_building[pk], sector_of_building[pk])
            for pk in site_of_building
        }
        self.request = _Request()
        # A request's contractor is known before fact_values runs: handed to it as if from a
        # work order, so that `contractor_of` answers from this map, without a query.
        self.known: dict[int, int | None] = {}
        # Set from the first fact: its columns in fact_values' order, how to take them out of
        # its dict in one call, and the ones to convert for the backend (dates, booleans).
        self.facts: Table | None = None
        self._take: itemgetter | None = None
        self._convert: list[tuple[int, Callable[[Any], Any]]] = []
        self.surveys = Table(SatisfactionSurvey, SURVEY_COLUMNS)
        self.survey_id = next_id(SatisfactionSurvey)

    def payer(self, building_id: int, entry: CatalogueEntry, submitted: datetime) -> str:
        return self.contracts.payer(self.buildings[building_id].site_id, entry, submitted)

    def add(
        self,
        rid: int,
        submitted: datetime,
        building_id: int,
        entry: CatalogueEntry,
        origin: str,
        responsibility: str,
        status: str,
        events: list[tuple[str, datetime, dict]],
        *,
        acknowledged: bool,
        tenant_id: int | None,
        user_id: int | None,
    ) -> None:
        """The fact of request `rid` (its events as (kind, at, data) in the order written),
        and, if it is closed, perhaps its tenant's survey answer."""
        building = self.buildings[building_id]
        r = self.request
        r.pk, r.submitted_at, r.building = rid, submitted, building
        r.catalogue_entry, r.catalogue_entry_id = entry, entry.pk
        r.suggested_urgency = r.urgency = entry.urgency
        r.origin, r.responsibility, r.status = origin, responsibility, status
        known = self.known
        known.clear()
        known[rid] = (
            self.contracts.contractor_of(building.site_id, entry, submitted, acknowledged)
            if responsibility == Responsibility.CONTRACT
            else None
        )
        # The facts read the events in (at, pk) order; the walk's moments never go back but
        # near `now`, where they are held five minutes before it: sort (stable, so pk order).
        events.sort(key=_at)
        values = fact_values(r, events, current=self.terms, ordered=known)
        if self.facts is None:
            self._start(values)
        row = [rid, *self._take(values)]
        for i, convert in self._convert:
            if row[i] is not None:
                row[i] = convert(row[i])
        self.facts.add(tuple(row))
        if status == Status.CLOSED and tenant_id is not None:
            self._survey(rid, values, tenant_id, user_id)

    def _start(self, values: dict) -> None:
        fields = {f.attname: f for f in RequestFact._meta.concrete_fields}
        columns = ["request_id", *values]
        self._take = itemgetter(*values)
        self._convert = [
            (i, convert)
            for i, name in enumerate(columns)
            if (convert := _converter(fields[name], self.d)) is not None
        ]
        self.facts = Table(RequestFact, columns)

    def _survey(self, rid: int, values: dict, tenant_id: int, user_id: int | None) -> None:
        rng = self.rng
        if rng.random() >= ANSWER_SHARE:
            return
        answered = values["closed_at"] + timedelta(days=rng.uniform(1, 2))
        if answered >= self.now:
            return  # closed too recently: not answered yet
        late = values["intervened_at"] > values["intervene_due"]
        score = rng.choices(SCORES, LATE_WEIGHTS if late else ON_TIME_WEIGHTS)[0]
        comment = ""
        if rng.random() < COMMENT_SHARE:
            comment = rng.choice(GOOD_COMMENTS if score >= 4 else BAD_COMMENTS)
        # answered_by: the tenant's account where they answered on the portal; none on paper.
        self.surveys.add(
            (self.survey_id, rid, tenant_id, score, comment, user_id, self.d.dt(answered))
        )
        self.survey_id += 1

    def flush(self) -> dict[str, int]:
        tables = [t for t in (self.facts, self.surveys) if t is not None]
        for table in tables:
            table.flush()
        counts = {t.table: t.written for t in tables}
        counts.setdefault(RequestFact._meta.db_table, 0)
        return counts


def _at(event: tuple[str, datetime, dict]) -> datetime:
    return event[1]
