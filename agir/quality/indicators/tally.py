"""The counts every indicator is built from, and how the counts of separate months add up.

A `Tally` holds, for each grouped aggregate query over a scope's facts, its rows as
{key: [counts]}. Every count adds (sums and counts, never averages or percentiles), so the
tally of a period is the sum of its months' tallies read at the same moment: that lets the
whole-estate dashboard add up maintained monthly summaries (agir/quality/summaries.py)
instead of scanning a year of facts, and still show exactly what one scan would show.
Keys hold only strings, integers and None, so that a tally survives JSON unchanged.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

Key = tuple
Counts = list[int]


@dataclass
class Tally:
    queries: dict[str, dict[Key, Counts]] = field(default_factory=dict)

    def rows(self, name: str) -> dict[Key, Counts]:
        return self.queries.get(name, {})

    def one(self, name: str, width: int) -> Counts:
        """The counts of a query without grouping (zeros when nothing was counted)."""
        return self.rows(name).get((), [0] * width)

    def put(self, name: str, rows: Iterable[tuple], width: int) -> None:
        """Rows as the database returns them: the key's values, then `width` counts."""
        found = self.queries.setdefault(name, {})
        for row in rows:
            key, counts = tuple(row[:-width]), [int(n or 0) for n in row[-width:]]
            found[key] = _added(found.get(key), counts)

    def add(self, other: Tally) -> Tally:
        for name, rows in other.queries.items():
            found = self.queries.setdefault(name, {})
            for key, counts in rows.items():
                found[key] = _added(found.get(key), counts)
        return self

    def to_json(self) -> dict:
        return {
            name: [[list(key), counts] for key, counts in rows.items()]
            for name, rows in self.queries.items()
        }

    @classmethod
    def from_json(cls, data: dict) -> Tally:
        return cls(
            {name: {tuple(key): counts for key, counts in rows} for name, rows in data.items()}
        )


def _added(counts: Counts | None, more: Counts) -> Counts:
    if counts is None:
        return list(more)
    return [a + b for a, b in zip(counts, more, strict=True)]


def total(tallies: Iterable[Tally]) -> Tally:
    result = Tally()
    for tally in tallies:
        result.add(tally)
    return result
