"""Benchmark catalogue search: suggest() against a plain substring scan, in the same run.

    uv run python bench/bench_suggest.py [--entries 2000] [--rounds 5]

Builds a throw-away SQLite database (the shipped catalogue of about 200 entries, then synthetic
entries up to --entries), times suggest() on the tenants' phrasings of
tests/catalogue_phrasings.py (short ones, and long messages read in windows, apart), and times
a baseline that scans every entry's title and keywords for the query's words as substrings
(what a naive search would do, with no typo tolerance). Reports per-query median and p95, and
the ratio.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()

    tmp = tempfile.mkdtemp(prefix="agir-bench-")
    os.environ["AGIR_DATA_DIR"] = tmp
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "agir.settings")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)

    from agir.catalogue.models import CatalogueEntry
    from tests.catalogue_phrasings import PHRASINGS

    short = [p.text for p in PHRASINGS if len(p.text) <= 200]
    long = [p.text for p in PHRASINGS if len(p.text) > 200]
    print(f"{len(short)} short queries, {len(long)} long messages, {args.rounds} rounds each")
    for label, queries in (("short", short), ("long", long)):
        print(f"\n== {label} ==")
        report(CatalogueEntry.objects.count(), queries, args.rounds)
    if args.entries > CatalogueEntry.objects.count():
        grow(args.entries)
        for label, queries in (("short", short), ("long", long)):
            print(f"\n== {label} ==")
            report(CatalogueEntry.objects.count(), queries, args.rounds)


def report(size: int, queries: list[str], rounds: int) -> None:
    from agir.catalogue import search
    from agir.catalogue.models import CatalogueEntry

    search.invalidate()
    started = time.perf_counter()
    search.suggest("fuite")  # builds the index
    build = time.perf_counter() - started

    # The baseline: lower-cased substring scan over title + keywords, counted per entry.
    rows = [
        (entry, " ".join([entry.title, *entry.keywords]).lower())
        for entry in CatalogueEntry.objects.active()
    ]

    def baseline(query: str) -> list:
        needles = query.lower().split()
        scored = [(sum(n in text for n in needles), entry) for entry, text in rows]
        return [e for s, e in sorted(scored, key=lambda p: -p[0])[:10] if s]

    def time_each(function) -> list[float]:
        times = []
        for _ in range(rounds):
            for query in queries:
                t = time.perf_counter()
                function(query)
                times.append(time.perf_counter() - t)
        return times

    search.invalidate()
    search.suggest("fuite")
    cold = []  # first time each word is seen: fuzzy matching not yet memoised
    for query in queries:
        t = time.perf_counter()
        search.suggest(query)
        cold.append(time.perf_counter() - t)
    warm = time_each(search.suggest)
    base = time_each(baseline)

    def ms(values: list[float]) -> str:
        values = sorted(values)
        p95 = values[int(len(values) * 0.95) - 1]
        return f"median {statistics.median(values) * 1000:6.2f} ms, p95 {p95 * 1000:6.2f} ms"

    print(f"\n{size} entries (index built in {build * 1000:.0f} ms)")
    print(f"  suggest(), first sight  {ms(cold)}")
    print(f"  suggest(), warm         {ms(warm)}")
    print(f"  substring scan baseline {ms(base)}")
    ratio_warm = statistics.median(warm) / statistics.median(base)
    ratio_cold = statistics.median(cold) / statistics.median(base)
    print(f"  ratio suggest/baseline: warm {ratio_warm:.1f}x, first sight {ratio_cold:.1f}x")


def grow(target: int) -> None:
    """Add synthetic entries (new symptoms × existing places/equipment) up to `target`."""
    from agir.catalogue.models import CatalogueEntry, Symptom

    rng = random.Random(7)
    syllables = [c + v for c in "bcdfglmnprstv" for v in "aeiou"]

    def word() -> str:
        return "".join(rng.choice(syllables) for _ in range(rng.randint(2, 4)))

    originals = list(CatalogueEntry.objects.select_related("place", "equipment", "symptom"))
    # One entry per (place, equipment): each round pairs them with a new symptom.
    templates = list({(e.place_id, e.equipment_id): e for e in originals}.values())
    made: list[CatalogueEntry] = []
    round_no = 0
    while len(originals) + len(made) < target:
        round_no += 1
        symptom = Symptom.objects.create(
            code=f"bench_{round_no}", label=f"{word()} {word()}", position=100 + round_no
        )
        for entry in templates:
            if len(originals) + len(made) >= target:
                break
            keywords = [
                " ".join(rng.sample(k.split(), len(k.split()))) + f" {word()}"
                for k in entry.keywords
            ]
            made.append(
                CatalogueEntry(
                    code=f"{entry.code}-B{round_no}",
                    place=entry.place,
                    equipment=entry.equipment,
                    symptom=symptom,
                    title=f"{entry.title} {word()} {word()}",
                    responsibility=entry.responsibility,
                    legal_basis=entry.legal_basis,
                    urgency=entry.urgency,
                    keywords=keywords,
                )
            )
    CatalogueEntry.objects.bulk_create(made, batch_size=500)


if __name__ == "__main__":
    main()
