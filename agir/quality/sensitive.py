"""Words that suggest health or other sensitive data (GDPR art. 9, and offences, art. 10) in a
text staff write: the form warns them, and keeps the text (the officer decides). The same list
is in static/quality/sensitive.js, which warns while typing; a test keeps the two equal.

Stems, compared without accents or case at the start of a word: «hospitalis» finds
«hospitalisée». Kept short and unambiguous, so that the warning is read rather than ignored.
"""

from __future__ import annotations

import re
import unicodedata

from django.utils.translation import gettext as _

STEMS = (
    # health
    "malade", "maladie", "hopital", "hospitalis", "handicap", "fauteuil roulant", "enceinte",
    "grossesse", "cancer", "chimio", "depression", "psychiatr", "medecin", "medicament",
    "diabete", "vih", "sida", "dialyse", "alzheimer", "invalidite", "asthme", "allergi",
    "infirmier", "infirmiere", "covid", "handicape",
    # other special categories, offences
    "religion", "musulman", "juif", "chretien", "orientation sexuelle", "homosexuel",
    "syndicat", "syndique", "casier judiciaire", "condamne", "prison", "incarcer",
)  # fmt: skip


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_PATTERN = re.compile(r"\b(" + "|".join(re.escape(s) for s in STEMS) + r")", re.UNICODE)


def sensitive_words(text: str) -> list[str]:
    """The stems found in `text`, each once, in the order of the list."""
    found = set(_PATTERN.findall(_plain(text or "")))
    return [stem for stem in STEMS if stem in found]


def warning_for(texts) -> str:
    """A warning for staff when any of `texts` holds such words, else ''."""
    found: list[str] = []
    for text in texts:
        for stem in sensitive_words(text if isinstance(text, str) else ""):
            if stem not in found:
                found.append(stem)
    if not found:
        return ""
    return _(
        "Attention : ce texte semble parler de santé ou d'une autre donnée sensible (%(words)s). "
        "N'écrivez que ce qui est nécessaire à la réparation."
    ) % {"words": ", ".join(found)}


def warn_if_sensitive(request, data: dict) -> None:
    """Add the warning to the page's messages when the form's texts call for it."""
    from django.contrib import messages

    warning = warning_for(data.values())
    if warning:
        messages.warning(request, warning)
