"""French written to be heard: references digit by digit, dates and times in words.

The text-to-speech engine reads "2026-000123" as a number of two thousand; a person on the
phone needs «deux, zéro, deux, six, tiret, zéro, …» to write it down.
"""

from __future__ import annotations

import unicodedata
from datetime import datetime

from django.utils import timezone

DIGITS = ["zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf"]
DAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
MONTHS = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]


def digit_by_digit(reference: str) -> str:
    """`2026-000123` → «deux, zéro, deux, six, tiret, zéro, zéro, zéro, un, deux, trois»."""
    words = []
    for char in reference or "":
        if char.isdigit():
            words.append(DIGITS[int(char)])
        elif char == "-":
            words.append("tiret")
        elif char.isalpha():
            words.append(char.upper())
    return ", ".join(words)


def phone_in_pairs(number: str) -> str:
    """`03 20 00 00 99` → «zéro trois, vingt, zéro zéro, zéro zéro, quatre-vingt-dix-neuf»,
    the way French numbers are said; a pair starting with 0 is said digit by digit."""
    digits = "".join(c for c in number or "" if c.isdigit())
    pairs = [digits[i : i + 2] for i in range(0, len(digits), 2)]
    said = []
    for pair in pairs:
        if pair.startswith("0") or len(pair) == 1:
            said.append(" ".join(DIGITS[int(d)] for d in pair))
        else:
            said.append(pair)  # the engine says two-digit numbers well in French
    return ", ".join(said)


def part_of_day(moment: datetime) -> str:
    hour = moment.hour
    if hour < 12:
        return "le matin"
    if hour < 18:
        return "l'après-midi"
    return "en soirée"


def date_in_words(moment: datetime | str | None, *, with_part_of_day: bool = True) -> str:
    """«le mardi 12 mars, le matin» (the year is said when it is not the current one)."""
    if not moment:
        return ""
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    local = timezone.localtime(moment) if timezone.is_aware(moment) else moment
    day = "1er" if local.day == 1 else str(local.day)
    text = f"le {DAYS[local.weekday()]} {day} {MONTHS[local.month - 1]}"
    if local.year != timezone.localdate().year:
        text += f" {local.year}"
    if with_part_of_day:
        text += f", {part_of_day(local)}"
    return text


def time_in_words(moment: datetime | str | None) -> str:
    """«8 heures», «14 heures 30»."""
    if not moment:
        return ""
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    local = timezone.localtime(moment) if timezone.is_aware(moment) else moment
    return f"{local.hour} heures" + (f" {local.minute:02d}" if local.minute else "")


def plain_for_speech(text: str) -> str:
    """Text a person typed, made safe to read aloud: no control characters, no markup signs
    the engine would spell out, one line."""
    kept = []
    for char in text or "":
        category = unicodedata.category(char)
        if category.startswith("C") or char in "<>{}[]|\\^~`*_#":
            kept.append(" ")
        else:
            kept.append(char)
    return " ".join("".join(kept).split())
