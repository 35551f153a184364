"""French text normalisation for the catalogue search (no Django here).

A tenant writes «les chiottes sont bouchées», «plu d'eau chaude», «ascenceur en pane»: before any
fuzzy comparison, both the query and the catalogue go through the same steps, so that case,
accents, elision (l', d', qu'), plurals and feminine endings no longer matter.
"""

from __future__ import annotations

import re
import unicodedata

# Words that carry no meaning for finding a repair. «plus», «pas», «sous», «sans» are kept:
# «plus de chauffage» and «fuite sous l'évier» need them. «voisin» only says who else is
# there, never what is broken («bruit des voisins» is no repair).
_STOP_WORDS_TEXT = """
    a ai aie as au aux avec c ca ce cet cette ces chez d dans de des du elle elles en est et etait
    eu il ils j je l la le les leur leurs lui m ma mais me mes mon moi n ne nos notre nous on ont
    ou par pour qu que qui s sa se ses son sont sur t ta te tes toi ton tu un une vos votre vous
    y ya svp stp merci bonjour madame monsieur aussi tres trop deja encore fait faire
    depuis hier aujourd hui matin soir nuit semaine semaines mois jour jours toujours souvent
    vraiment beaucoup partout urgent entre tout toute tous toutes
    voisin voisins voisine voisines
"""
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())

# «l'évier» → «évier»; the apostrophe may be typed as ' or ’ or left out with a space.
_ELISION = re.compile(r"\b(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu)['’`´]", re.IGNORECASE)
_NON_WORD = re.compile(r"[^a-z0-9]+")


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def words(text: str) -> list[str]:
    """Lower-case, accent-free words, with elided articles removed; stop words are kept."""
    text = _ELISION.sub(" ", text.replace("œ", "oe").replace("Œ", "oe"))
    text = strip_accents(text).lower()
    return [word for word in _NON_WORD.split(text) if word]


def stem(word: str) -> str:
    """A light French stemmer: plural and feminine endings go, the rest stays.

    «bouchées», «bouchée», «bouché», «boucher» → «bouch»; «fuites», «fuite», «fuit» → «fuit»;
    «tuyaux» → «tuyau». It over-merges a little, which suits a search that then ranks.
    """
    if len(word) <= 3 or word.isdigit():
        return word
    if word.endswith(("s", "x")):
        word = word[:-1]
    if len(word) > 5 and word.endswith(("er", "ez")):
        return word[:-2]
    while len(word) > 3 and word.endswith("e"):
        word = word[:-1]
    return word


def tokens(text: str) -> list[str]:
    """The stemmed meaningful words of `text`, in order."""
    return [stem(word) for word in words(text) if is_meaningful(word)]


def is_meaningful(word: str) -> bool:
    """Not a stop word, nor a lone letter («entrée B», «bât. C»)."""
    return word not in STOP_WORDS and (len(word) > 1 or word.isdigit())


def normalise(text: str) -> str:
    """`text` as a plain string of its tokens (for whole-phrase comparisons)."""
    return " ".join(tokens(text))
