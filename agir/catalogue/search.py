"""Find catalogue entries from a tenant's own words: «fuite sous l'évier», «plu d'eau chaude».

How it ranks:
1. The query and every phrase of the catalogue (each entry's title, each of its keywords, and
   its place + equipment + symptom labels) go through `text.tokens`: no case, no accents, no
   elision, no plural or feminine endings, no stop words. Slang is mapped by the synonym table
   (data/synonyms.yaml), which also keeps apart what the stemmer would merge («porte forcée»,
   a break-in, and «porte qui force»).
2. Each query word is matched to the catalogue's words, exactly, by prefix, or fuzzily
   (rapidfuzz, with a cut-off that grows with the word's length), which absorbs typos. The
   last word may be one being typed: «fuite ev» already finds «Fuite sous l'évier».
3. A phrase scores by how much of the query it explains and how much of itself the query
   covers, each word weighted by its rarity (IDF); an entry takes its best phrase, plus how
   much of the query its words explain all together (so word order and mixed fields count).
4. A long message (tenants write paragraphs, the important words often at the end) is read in
   overlapping windows of a few words; an entry takes its best window. Beyond LONG_TEXT_LIMIT
   characters the text is shortened to its beginning and its end, and `Answer.shortened` says so.
5. Below CONFIDENCE the search answers nothing: better to offer the free description and the
   phone number than nonsense. On a near tie, emergencies come first.

The index is built once per process from the catalogue the process keeps (`snapshot`), and
again when that changes (`held`: a catalogue row changed, or after `held.MAX_AGE` seconds).
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml
from rapidfuzz import fuzz, process

from agir.catalogue import held, snapshot
from agir.catalogue.models import CatalogueEntry
from agir.catalogue.text import is_meaningful, stem, tokens, words

SYNONYMS_FILE = Path(__file__).parent / "data" / "synonyms.yaml"
# Characters read from a message; a longer one keeps its beginning and its end.
LONG_TEXT_LIMIT = 4000
# The least score of a first answer: below it, the search says it does not know. Tuned on the
# tenants' phrasings of tests/catalogue_phrasings.py against the off-topic ones there
# (`uv run python bench/tune_confidence.py` prints both distributions).
CONFIDENCE = 0.48
# Scores this close to the best are a tie: emergencies go first. A text of one or two words
# («gaz», «ascenseur bloqué») says little, so its ties are wider.
TIE_MARGIN, SHORT_TIE_MARGIN = 0.02, 0.1
# The score an entry gains when the text names its place («trous dans le mur du salon»).
PLACE_BONUS = 0.04
# Letters of an elision («l'», «d'», «j'»…) that tenants glue to the next word.
_GLUED_ELISIONS = frozenset("ldjmnst")
# What a window is worth when it speaks of something that is no repair («bruit des voisins»,
# «loyer»): the token that stands for it matches nothing, and the window counts this much.
NOT_A_REPAIR, NOT_A_REPAIR_FACTOR = "zqnotarepairzq", 0.6
# A long message is read WINDOW words at a time, a new window every STRIDE words.
WINDOW, STRIDE = 10, 5

# How much a match in each kind of phrase is worth.
TITLE, KEYWORD, LABELS = 1.0, 0.95, 0.9
# Similarity given to a word reached through a synonym rather than typed as such.
SYNONYM_SIMILARITY = 0.9
PREFIX_SIMILARITY = 0.8
# Share of an entry's score from its best phrase; the rest from all its words together.
PHRASE_SHARE = 0.6
# Within a phrase: share from covering the query, the rest from covering the phrase.
QUERY_COVERAGE_SHARE = 0.65
# An entry's final score: share from the phrase the text holds best, the rest from the score.
COVERAGE_SHARE = 0.5


@dataclass(frozen=True)
class Suggestion:
    entry: CatalogueEntry
    score: float


@dataclass(frozen=True)
class Answer:
    """What the search answers to a tenant's text."""

    suggestions: list[Suggestion]
    length: int  # characters received
    read: int  # characters read (less than `length` when shortened)

    @property
    def shortened(self) -> bool:
        return self.read < self.length

    @property
    def confident(self) -> bool:
        """False: the search does not know; offer the free description and the phone."""
        return bool(self.suggestions)


@dataclass(frozen=True)
class _Phrase:
    entry: int
    weight: float
    total: float  # sum of the IDF of its distinct tokens


@dataclass
class _Index:
    entries: list[CatalogueEntry]
    phrases: list[_Phrase]
    # token → [(phrase index, token idf)]
    phrase_postings: dict[str, list[tuple[int, float]]]
    # token → entry indexes holding it in any field
    entry_postings: dict[str, list[int]]
    idf: dict[str, float]
    # per entry: the tokens of its place's label, and its rank in the catalogue's order
    place_tokens: list[frozenset[str]]
    order: list[int]
    vocabulary: tuple[str, ...]
    aliases: tuple[str, ...]
    default_idf: float
    near_words: dict[str, list[tuple[str, float]]] = field(default_factory=dict)
    near_aliases: dict[str, list[tuple[str, float]]] = field(default_factory=dict)
    prefixes: dict[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class _Synonyms:
    # one word (stemmed) → the catalogue words (stemmed) it may stand for
    words: dict[str, tuple[str, ...]]
    # several words (accent-free, unstemmed) → the words to read instead
    phrases: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]
    # what is no repair (words, accent-free, unstemmed), read as NOT_A_REPAIR
    not_repairs: tuple[tuple[str, ...], ...] = ()


def suggest(
    query: str,
    *,
    scope: str | None = None,
    place: str | None = None,
    limit: int = 10,
    threshold: float = CONFIDENCE,
) -> list[Suggestion]:
    """Catalogue entries matching `query`, best first, each with a score in 0..1; [] when the
    best is under `threshold` (the search does not know).

    `scope` ("dwelling" or "common") and `place` (a place code) narrow the entries considered.
    """
    return answer(query, scope=scope, place=place, limit=limit, threshold=threshold).suggestions


def answer(
    query: str,
    *,
    scope: str | None = None,
    place: str | None = None,
    limit: int = 10,
    threshold: float = CONFIDENCE,
) -> Answer:
    """`suggest`, saying also whether the text was shortened to be read."""
    text = shorten(query)
    if limit <= 0:
        return Answer([], len(query), len(text))
    index = _current_index()
    allowed = _allowed_entries(index, scope, place)
    scores: dict[int, float] = {}
    matched: set[str] = set()
    windows = _windows(text)
    short = len(windows) == 1 and len(set(windows[0][0])) <= 2
    for window, partial in windows:
        window_scores, window_matched = _score_window(window, partial, index, allowed)
        matched |= window_matched
        for entry_id, (score, coverage) in window_scores.items():
            confidence = _confidence(score, coverage)
            if not window_matched.isdisjoint(index.place_tokens[entry_id]):
                confidence = min(1.0, round(confidence + PLACE_BONUS, 3))
            if NOT_A_REPAIR in window:
                confidence = round(confidence * NOT_A_REPAIR_FACTOR, 3)
            if confidence > scores.get(entry_id, 0.0):
                scores[entry_id] = confidence
    ranked = _ranked(scores, matched, index, SHORT_TIE_MARGIN if short else TIE_MARGIN)
    if not ranked or ranked[0][0] < threshold:
        return Answer([], len(query), len(text))
    # Answers far below the first are noise; those near the threshold still help the tenant.
    floor = min(threshold, ranked[0][0]) * 0.75
    suggestions = [
        Suggestion(entry=index.entries[entry_id], score=score)
        for score, entry_id in ranked[:limit]
        if score >= floor
    ]
    return Answer(suggestions, len(query), len(text))


def shorten(text: str) -> str:
    """`text`, or its beginning and its end when it is over LONG_TEXT_LIMIT characters."""
    if len(text) <= LONG_TEXT_LIMIT:
        return text
    half = LONG_TEXT_LIMIT // 2
    return f"{text[:half]} {text[-half:]}"


def _windows(text: str) -> list[tuple[list[str], bool]]:
    """The query's tokens, in windows of WINDOW words; a short query is one window. The flag
    says the window holds the last word, which may be partial (still being typed)."""
    tokens = _query_tokens(text)
    if not tokens:
        return []
    partial = bool(text) and not text[-1].isspace() and text[-1] not in ".,;:!?)»\"'"
    if len(tokens) <= WINDOW:
        return [(tokens, partial)]
    starts = list(range(0, len(tokens) - WINDOW + 1, STRIDE))
    if starts[-1] + WINDOW < len(tokens):
        starts.append(len(tokens) - WINDOW)
    return [(tokens[i : i + WINDOW], partial and i + WINDOW >= len(tokens)) for i in starts]


def _score_window(
    window: list[str], partial: bool, index: _Index, allowed: set[int] | None
) -> tuple[dict[int, tuple[float, float]], set[str]]:
    """Each entry's (score, coverage) for this window, and the catalogue words it matched."""
    query_tokens = list(dict.fromkeys(window))
    last = window[-1]
    matches = [
        _match_token(token, index, partial=partial and token == last) for token in query_tokens
    ]
    weights = [max((index.idf[v] for v in found), default=index.default_idf) for found in matches]
    total_weight = sum(weights)

    # phrase → {query token position: (similarity, idf of the phrase token)}
    phrase_hits: dict[int, dict[int, tuple[float, float]]] = defaultdict(dict)
    # entry → {query token position: similarity}
    entry_hits: dict[int, dict[int, float]] = defaultdict(dict)
    for position, found in enumerate(matches):
        for token, similarity in found.items():
            for phrase_id, token_idf in index.phrase_postings.get(token, ()):
                hits = phrase_hits[phrase_id]
                if similarity > hits.get(position, (0.0, 0.0))[0]:
                    hits[position] = (similarity, token_idf)
            for entry_id in index.entry_postings.get(token, ()):
                hits = entry_hits[entry_id]
                if similarity > hits.get(position, 0.0):
                    hits[position] = similarity

    best_phrase: dict[int, float] = {}
    best_coverage: dict[int, float] = {}
    for phrase_id, hits in phrase_hits.items():
        phrase = index.phrases[phrase_id]
        if allowed is not None and phrase.entry not in allowed:
            continue
        query_covered = sum(weights[p] * sim for p, (sim, _) in hits.items()) / total_weight
        phrase_covered = min(1.0, sum(idf * sim for sim, idf in hits.values()) / phrase.total)
        score = phrase.weight * (
            QUERY_COVERAGE_SHARE * query_covered + (1 - QUERY_COVERAGE_SHARE) * phrase_covered
        )
        if score > best_phrase.get(phrase.entry, 0.0):
            best_phrase[phrase.entry] = score
        # How much of one catalogue phrase the text holds (weighted like the phrase itself).
        coverage = phrase.weight * phrase_covered
        if coverage > best_coverage.get(phrase.entry, 0.0):
            best_coverage[phrase.entry] = coverage

    scores = {}
    for entry_id, phrase_score in best_phrase.items():
        hits = entry_hits.get(entry_id, {})
        entry_covered = sum(weights[p] * sim for p, sim in hits.items()) / total_weight
        score = PHRASE_SHARE * phrase_score + (1 - PHRASE_SHARE) * entry_covered
        scores[entry_id] = (score, best_coverage[entry_id])
    return scores, {token for found in matches for token in found}


def _confidence(score: float, coverage: float) -> float:
    """What an entry is worth for a window: how much of the text it explains (`score`) and
    how much of one of its phrases the text holds (`coverage`). A long message explains
    itself poorly by any one entry, yet may hold a whole phrase («toilettes bouchées»)."""
    return round(COVERAGE_SHARE * coverage + (1 - COVERAGE_SHARE) * score, 3)


def _ranked(
    scores: dict[int, float], matched: set[str], index: _Index, margin: float
) -> list[tuple[float, int]]:
    """Best first. Ties: the entry whose place the tenant named («placard cassé cuisine»),
    then the catalogue's own order (dwelling before common areas, as the wizard shows them).
    Within `margin` of the best, emergencies first («gaz», «ascenseur bloqué»)."""
    ranked = sorted(
        scores,
        key=lambda i: (
            -scores[i],
            matched.isdisjoint(index.place_tokens[i]),
            index.order[i],
            i,
        ),
    )
    if not ranked:
        return []
    top = scores[ranked[0]]
    near = [i for i in ranked if scores[i] >= top - margin]
    rest = ranked[len(near) :]
    near.sort(key=lambda i: not index.entries[i].is_emergency)  # stable: keeps the order
    return [(scores[i], i) for i in near + rest]


def invalidate() -> None:
    """Make every process rebuild its index on its next query (called by catalogue signals)."""
    held.invalidate()


# --- the query ---------------------------------------------------------------------------


def _query_tokens(query: str) -> list[str]:
    """The query's stemmed meaningful words, in order (repeats kept: windows need them)."""
    synonyms = _synonyms()
    raw = words(query)
    # Multi-word slang first («marche pas» → «ne marche plus»), on the unstemmed words.
    for variant, canonical in synonyms.phrases:
        if variant[0] in raw:
            raw = _replace_sequence(raw, variant, canonical)
    for variant in synonyms.not_repairs:
        if variant[0] in raw:
            raw = _replace_sequence(raw, variant, (NOT_A_REPAIR,))
    return [stem(word) for word in raw if is_meaningful(word)]


def _replace_sequence(
    seq: list[str], variant: tuple[str, ...], canonical: tuple[str, ...]
) -> list[str]:
    n = len(variant)
    out: list[str] = []
    i = 0
    while i < len(seq):
        if tuple(seq[i : i + n]) == variant:
            out.extend(canonical)
            i += n
        else:
            out.append(seq[i])
            i += 1
    return out


def _cutoff(length: int) -> float | None:
    """The least rapidfuzz ratio a word of this length may have with a catalogue word."""
    if length <= 2:
        return None  # exact only: «wc», «co»
    if length == 3:
        return 85.0
    if length <= 5:
        return 80.0
    return 75.0


def _match_token(token: str, index: _Index, *, partial: bool = False) -> dict[str, float]:
    """Catalogue words this query word may be, with a similarity in 0..1. A `partial` word
    (being typed) also stands for every catalogue word it begins, from two letters."""
    found: dict[str, float] = {}

    def keep(word: str, similarity: float) -> None:
        if similarity > found.get(word, 0.0):
            found[word] = similarity

    synonyms = _synonyms()
    for word, similarity in _near_words(token, index.vocabulary, index.near_words):
        keep(word, similarity)
    if partial and 2 <= len(token) < 4:
        for word in _words_starting(token, index):
            keep(word, PREFIX_SIMILARITY)
    if not found and len(token) >= 4 and token[0] in _GLUED_ELISIONS:
        # «leau», «lascenseur», «jai»: an elision typed without its apostrophe.
        return _match_token(token[1:], index)
    for alias, similarity in _near_words(token, index.aliases, index.near_aliases):
        for word in synonyms.words[alias]:
            if word in index.idf:
                keep(word, similarity * SYNONYM_SIMILARITY)
    return found


def _near_words(
    token: str, choices: tuple[str, ...], memo: dict[str, list[tuple[str, float]]]
) -> list[tuple[str, float]]:
    # Memoised per index: a process sees few distinct words, and the index is rebuilt (with a
    # fresh memo) when the catalogue changes. Bounded so a flood of junk queries cannot grow it.
    if token in memo:
        return memo[token]
    if len(memo) > 20_000:
        memo.clear()
    near: dict[str, float] = {}
    cutoff = _cutoff(len(token))
    if token in choices:
        near[token] = 1.0
    if len(token) >= 4:
        for word in choices:
            if word != token and word.startswith(token):
                near[word] = max(near.get(word, 0.0), PREFIX_SIMILARITY)
    if cutoff is not None:
        for word, ratio, _ in process.extract(
            token, choices, scorer=fuzz.ratio, score_cutoff=cutoff, limit=8
        ):
            if word != token:
                near[word] = max(near.get(word, 0.0), (ratio / 100) ** 2)
    memo[token] = result = list(near.items())
    return result


def _words_starting(prefix: str, index: _Index) -> tuple[str, ...]:
    memo = index.prefixes
    if prefix not in memo:
        memo[prefix] = tuple(word for word in index.vocabulary if word.startswith(prefix))
    return memo[prefix]


def _allowed_entries(index: _Index, scope: str | None, place: str | None) -> set[int] | None:
    if scope is None and place is None:
        return None
    return {
        i
        for i, entry in enumerate(index.entries)
        if (scope is None or entry.place.scope == scope)
        and (place is None or entry.place.code == place)
    }


# --- the index ---------------------------------------------------------------------------


_held_index = held.Held(lambda: build_index())


def _current_index() -> _Index:
    return _held_index.get()


def build_index(entries: list[CatalogueEntry] | None = None) -> _Index:
    """Index `entries` (default: the active catalogue)."""
    if entries is None:
        entries = list(snapshot.current().entries)
    raw_phrases: list[tuple[int, float, list[str]]] = []
    entry_tokens: list[set[str]] = []
    for i, entry in enumerate(entries):
        labels = f"{entry.place.label} {entry.equipment.label} {entry.symptom.label}"
        phrases = [(TITLE, entry.title), (LABELS, labels)]
        phrases += [(KEYWORD, keyword) for keyword in entry.keywords or []]
        union: set[str] = set()
        for weight, text in phrases:
            phrase_tokens = list(dict.fromkeys(tokens(text)))
            if phrase_tokens:
                raw_phrases.append((i, weight, phrase_tokens))
                union.update(phrase_tokens)
        entry_tokens.append(union)

    # Rarity across entries (not phrases): a word in every keyword of one entry is still rare.
    document_frequency: dict[str, int] = defaultdict(int)
    for union in entry_tokens:
        for token in union:
            document_frequency[token] += 1
    n = max(len(entries), 1)
    idf = {token: math.log(1 + n / df) for token, df in document_frequency.items()}
    default_idf = sorted(idf.values())[len(idf) // 2] if idf else 1.0

    phrases: list[_Phrase] = []
    phrase_postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for entry_id, weight, phrase_tokens in raw_phrases:
        phrase_id = len(phrases)
        phrases.append(_Phrase(entry_id, weight, sum(idf[t] for t in phrase_tokens)))
        for token in phrase_tokens:
            phrase_postings[token].append((phrase_id, idf[token]))
    entry_postings: dict[str, list[int]] = defaultdict(list)
    for entry_id, union in enumerate(entry_tokens):
        for token in union:
            entry_postings[token].append(entry_id)
    natural = sorted(
        range(len(entries)),
        key=lambda i: (
            entries[i].place.scope != "dwelling",
            entries[i].place.position,
            entries[i].equipment.position,
            entries[i].symptom.position,
            entries[i].code,
        ),
    )
    order = [0] * len(entries)
    for rank, i in enumerate(natural):
        order[i] = rank
    return _Index(
        entries=entries,
        phrases=phrases,
        phrase_postings=dict(phrase_postings),
        entry_postings=dict(entry_postings),
        idf=idf,
        place_tokens=_place_words(entries),
        order=order,
        vocabulary=tuple(sorted(idf)),
        aliases=tuple(sorted(_synonyms().words)),
        default_idf=default_idf,
    )


def _place_words(entries: list[CatalogueEntry]) -> list[frozenset[str]]:
    """Per entry, the words that name its place and no other («salle de bain», not «tout»)."""
    labels = {entry.place.code: set(tokens(entry.place.label)) for entry in entries}
    seen: dict[str, int] = defaultdict(int)
    for words_of_place in labels.values():
        for word in words_of_place:
            seen[word] += 1
    own = {
        code: frozenset(w for w in words_of_place if seen[w] == 1 and w not in {"tout"})
        for code, words_of_place in labels.items()
    }
    return [own[entry.place.code] for entry in entries]


@cache
def _synonyms() -> _Synonyms:
    with SYNONYMS_FILE.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle) or {}
    single: dict[str, set[str]] = defaultdict(set)
    multi: list[tuple[tuple[str, ...], tuple[str, ...]]] = []
    for canonical, variants in (data.get("synonyms") or {}).items():
        canonical_words = tuple(words(str(canonical)))
        canonical_tokens = tokens(str(canonical))
        for variant in variants or []:
            variant_words = tuple(words(str(variant)))
            if len(variant_words) == 1:
                single[stem(variant_words[0])].update(canonical_tokens)
            elif variant_words:
                multi.append((variant_words, canonical_words))
    # Longest expressions first, so «marche pas du tout» wins over «marche pas».
    multi.sort(key=lambda pair: -len(pair[0]))
    not_repairs = sorted(
        (tuple(words(str(text))) for text in data.get("not_repairs") or []), key=lambda w: -len(w)
    )
    return _Synonyms(
        words={alias: tuple(sorted(found)) for alias, found in single.items()},
        phrases=tuple(multi),
        not_repairs=tuple(w for w in not_repairs if w),
    )
