"""SMS length: the GSM 03.38 (GSM-7) alphabet, its escape table and concatenated segments.

A GSM-7 SMS holds 160 characters (153 a part once split); one character outside the alphabet
makes it UCS-2: 70 characters (67 a part). `to_gsm7` keeps French readable within GSM-7 by
taking accents off the letters the alphabet lacks (ê → e, ç → c), as French SMS providers do.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

BASIC = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\x1bÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
EXTENDED = set("^{}\\[~]|€\f")

_REPLACEMENTS = {
    "’": "'",
    "‘": "'",
    "«": '"',
    "»": '"',
    "“": '"',
    "”": '"',
    "–": "-",
    "—": "-",
    "…": "...",
    "°": "o",  # «n°» reads «no», as French SMS write it
    "œ": "oe",
    "Œ": "OE",
    "\u00a0": " ",
    "\u202f": " ",
    "\t": " ",
}


@dataclass(frozen=True)
class SmsLength:
    encoding: str  # "GSM-7" or "UCS-2"
    units: int  # septets (GSM-7, escapes count 2) or UTF-16 code units (UCS-2)
    segments: int


def is_gsm7(text: str) -> bool:
    return all(char in BASIC or char in EXTENDED for char in text)


def measure(text: str) -> SmsLength:
    if is_gsm7(text):
        units = sum(2 if char in EXTENDED else 1 for char in text)
        single, part, encoding = 160, 153, "GSM-7"
    else:
        units = len(text.encode("utf-16-le")) // 2
        single, part, encoding = 70, 67, "UCS-2"
    if units <= single:
        return SmsLength(encoding, units, 1 if units else 0)
    return SmsLength(encoding, units, -(-units // part))


def to_gsm7(text: str) -> str:
    """The same French text in the GSM-7 alphabet where it can be (accents GSM-7 lacks go)."""
    out = []
    for char in text:
        char = _REPLACEMENTS.get(char, char)
        if all(c in BASIC or c in EXTENDED for c in char):
            out.append(char)
            continue
        bare = "".join(
            c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c)
        )
        out.append(bare if bare and all(c in BASIC for c in bare) else char)
    return "".join(out)


def fit(text: str, max_segments: int) -> str:
    """Cut `text` so that it takes at most `max_segments` SMS, ending with "..." when cut."""
    if measure(text).segments <= max_segments:
        return text
    low, high = 0, len(text)
    while low < high:  # the longest prefix that fits with its ellipsis
        middle = (low + high + 1) // 2
        if measure(text[:middle].rstrip() + "...").segments <= max_segments:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + "..."
