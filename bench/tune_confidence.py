"""Tune the search's confidence threshold on the tenants' phrasings (not a speed benchmark).

    uv run python bench/tune_confidence.py

Builds a throwaway SQLite database with the shipped catalogue, then, for each phrasing of
tests/catalogue_phrasings.py, the score of the first answer and whether it is a right one; for
each off-topic text, the score of its first answer. Prints both distributions, the phrasings
the search gets wrong, and for each candidate threshold how many right answers it would lose
and how many off-topic texts it would still answer. CONFIDENCE in agir/catalogue/search.py is
set from this: the highest threshold that keeps every right answer to a danger and answers no
off-topic text.
"""

from __future__ import annotations

from _setup import django_with_fresh_database


def main() -> None:
    django_with_fresh_database()
    from agir.catalogue import search
    from agir.catalogue.payer import who_pays
    from tests.catalogue_phrasings import OFF_TOPIC, PHRASINGS

    right_scores: list[tuple[float, bool, str]] = []
    wrong: list[str] = []
    top3 = payer = urgency = 0
    for phrasing in PHRASINGS:
        found = search.suggest(phrasing.text, limit=3, threshold=0.0)
        first = found[0] if found else None
        top3 += any(s.entry.code in phrasing.entries for s in found)
        payer += first is not None and who_pays(first.entry).payer == phrasing.payer
        urgency += first is not None and first.entry.urgency == phrasing.urgency
        if first is not None and first.entry.code in phrasing.entries:
            right_scores.append((first.score, phrasing.danger, phrasing.text))
        else:
            shown = ", ".join(f"{s.entry.code} {s.score:.2f}" for s in found) or "nothing"
            wrong.append(f"  {phrasing.text[:60]!r:64} → {shown}")
    off_scores = []
    for text in OFF_TOPIC:
        found = search.suggest(text, limit=1, threshold=0.0)
        off_scores.append(
            (found[0].score if found else 0.0, text, found[0].entry.code if found else "")
        )

    n = len(PHRASINGS)
    print(f"right in the first three {top3}/{n}, payer {payer}/{n}, urgency {urgency}/{n}")
    print(f"{len(right_scores)}/{n} right first (any score); wrong first:")
    print("\n".join(wrong))
    print("\nlowest scores of right first answers:")
    for score, danger, text in sorted(right_scores)[:12]:
        print(f"  {score:.3f}{' DANGER' if danger else '       '} {text[:70]!r}")
    print("\nhighest scores of off-topic texts:")
    for score, text, code in sorted(off_scores, reverse=True)[:12]:
        print(f"  {score:.3f} {text!r} → {code}")
    print("\nthreshold  right lost  dangers lost  off-topic answered")
    for step in range(30, 66, 2):
        threshold = step / 100
        lost = sum(score < threshold for score, _, _ in right_scores)
        dangers = sum(score < threshold for score, danger, _ in right_scores if danger)
        answered = sum(score >= threshold for score, _, _ in off_scores)
        mark = " ← CONFIDENCE" if abs(threshold - search.CONFIDENCE) < 1e-9 else ""
        print(f"  {threshold:.2f}     {lost:4d}        {dangers:4d}          {answered:4d}{mark}")


if __name__ == "__main__":
    main()
