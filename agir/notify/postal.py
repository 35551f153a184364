"""The address block of a letter, by the French postal rules (AFNOR NF Z10-011, La Poste).

Rules applied, in order:
- At most 6 lines of at most 38 characters, spaces included (7 lines are only for abroad).
- The lines, each optional but the first and the last, in this order:
  1. the recipient (civility, first name, name);
  2. inside the building: apartment, floor, staircase or entrance;
  3. outside the building: building, residence;
  4. number and street;
  5. special delivery or locality (lieu-dit, BP);
  6. postcode and town.
  An empty line is dropped, never left blank.
- Lines 2 to 6 in capitals, without accents nor punctuation, as sorting machines read them;
  line 1 keeps the name as written.
- Whatever a person typed, line breaks and control characters become spaces and runs of
  spaces one space: a name cannot add a line.
- A line over 38 characters is shortened: first La Poste's standard abbreviations
  (BOULEVARD → BD, RESIDENCE → RES, SAINT → ST …), applied from the end of the line; then, on
  line 1, the civility is shortened and the first name reduced to its initial; then the line
  is cut: lines 2 to 6 at the last whole word that fits (at 38 characters if no word does),
  line 1 at 38 characters (a surname cut short still finds its letter box; a surname dropped
  whole does not).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

MAX_LINES = 6
MAX_WIDTH = 38

# La Poste's abbreviations of street types and address words (the common ones).
ABBREVIATIONS = {
    "ALLEE": "ALL",
    "APPARTEMENT": "APP",
    "AVENUE": "AV",
    "BATIMENT": "BAT",
    "BOULEVARD": "BD",
    "CHEMIN": "CHE",
    "COMMANDANT": "CDT",
    "DOCTEUR": "DR",
    "ENTREE": "ENT",
    "ESCALIER": "ESC",
    "ETAGE": "ETG",
    "FAUBOURG": "FG",
    "GENERAL": "GAL",
    "HAMEAU": "HAM",
    "IMMEUBLE": "IMM",
    "IMPASSE": "IMP",
    "LOTISSEMENT": "LOT",
    "MARECHAL": "MAL",
    "PLACE": "PL",
    "PRESIDENT": "PDT",
    "PROFESSEUR": "PR",
    "RESIDENCE": "RES",
    "ROUTE": "RTE",
    "SAINT": "ST",
    "SAINTE": "STE",
    "SQUARE": "SQ",
}
TITLES = {"madame": "Mme", "monsieur": "M.", "mademoiselle": "Mlle"}

_SPACES = re.compile(r"\s+")
_NOT_WORD = re.compile(r"[^A-Z0-9 ]+")


@dataclass(frozen=True)
class PostalAddress:
    name: str  # line 1, e.g. "Mme Nadia Benali"
    inside: str = ""  # line 2, e.g. "Appartement 101, étage 1, entrée A"
    outside: str = ""  # line 3, e.g. "Bâtiment 3, résidence des Acacias"
    street: str = ""  # line 4, e.g. "3 rue des Acacias"
    locality: str = ""  # line 5, e.g. "Lieu-dit Les Prés" or "BP 12"
    postcode: str = ""
    town: str = ""
    title: str = ""  # the civility alone, when the name starts with it
    first_name: str = ""  # the first name alone, to shorten it to an initial


def clean(text: str) -> str:
    """One line of plain text: no control characters, no line breaks, single spaces."""
    if text.isprintable():
        # No character of the categories below but the plain space: only runs of spaces to
        # make one (the usual case, told without looking at each character).
        return _SPACES.sub(" ", text).strip()
    text = "".join(" " if unicodedata.category(c).startswith(("C", "Z")) else c for c in text)
    return _SPACES.sub(" ", text).strip()


# Remembered: the lines of a building (its name, street, town) come back in every letter to
# its tenants, and a bulk import addresses thousands of them.
@functools.lru_cache(maxsize=8192)
def machine_line(text: str) -> str:
    """Capitals without accents nor punctuation (lines 2 to 6)."""
    bare = unicodedata.normalize("NFKD", clean(text))
    bare = "".join(c for c in bare if not unicodedata.combining(c)).upper()
    bare = bare.replace("Œ", "OE").replace("Æ", "AE").replace("ß", "SS")
    return _SPACES.sub(" ", _NOT_WORD.sub(" ", bare)).strip()


def abbreviate(line: str) -> str:
    """Apply the standard abbreviations from the end of the line until it fits."""
    words = line.split(" ")
    for index in range(len(words) - 1, -1, -1):
        if len(" ".join(words)) <= MAX_WIDTH:
            break
        short = ABBREVIATIONS.get(words[index])
        if short:
            words[index] = short
    return " ".join(words)


def cut(line: str) -> str:
    if len(line) <= MAX_WIDTH:
        return line
    head = line[: MAX_WIDTH + 1]
    if " " in head:
        return head[: head.rindex(" ")].rstrip()
    return line[:MAX_WIDTH]


def shorten_name(address: PostalAddress) -> str:
    line = clean(address.name)
    if len(line) <= MAX_WIDTH:
        return line
    title, first = clean(address.title), clean(address.first_name)
    if title and line.startswith(title):
        short_title = TITLES.get(title.lower().rstrip("."), title)
        line = short_title + line[len(title) :]
    if len(line) > MAX_WIDTH and first and f" {first} " in f" {line} ":
        line = clean(f" {line} ".replace(f" {first} ", f" {first[0]}. ", 1))
    return line[:MAX_WIDTH].rstrip()


# Remembered as `machine_line` is: a building's lines come back in every letter to its tenants.
@functools.lru_cache(maxsize=8192)
def printed_line(text: str) -> str:
    """One of lines 2 to 6 as printed: in capitals, abbreviated and cut to fit."""
    return cut(abbreviate(machine_line(text)))


def address_block(address: PostalAddress) -> list[str]:
    """The lines to print in the window of the envelope: at most 6 of at most 38 characters."""
    lines = [
        shorten_name(address),
        *(
            printed_line(part)
            for part in (address.inside, address.outside, address.street, address.locality)
        ),
        printed_line(f"{address.postcode} {address.town}"),
    ]
    lines = [line for line in lines if line]
    assert len(lines) <= MAX_LINES  # one line a field: cannot be more
    return lines


def parse_free_address(text: str) -> PostalAddress:
    """An address typed on one line with commas or on several lines (`agir notify test`):
    the first part is the name, the last the postcode and town, the others in between."""
    parts = [clean(p) for p in re.split(r"[,\n]", text) if clean(p)]
    if not parts:
        return PostalAddress(name="")
    name, rest = parts[0], parts[1:]
    postcode = town = ""
    if rest:
        match = re.match(r"^(\d{5})\s+(.*)$", rest[-1])
        if match:
            postcode, town = match.groups()
            rest = rest[:-1]
    # The last part is the street; the one before, the building; any before that, inside.
    inside = outside = street = ""
    if rest:
        street, before = rest[-1], rest[:-1]
        if before:
            outside, inside = before[-1], " ".join(before[:-1])
    middle = [inside, outside, street, ""]
    return PostalAddress(
        name=name,
        inside=middle[0],
        outside=middle[1],
        street=middle[2],
        locality=middle[3],
        postcode=postcode,
        town=town,
    )
