"""French phone numbers, as people type them and as gateways want them."""

from __future__ import annotations

import re

_DIGITS = re.compile(r"\D")


def to_e164(number: str) -> str:
    """`06 12 34 56 78`, `+33 6 12…`, `0033612…` → `+33612345678`; other numbers keep their
    digits with a leading +. Returns "" when nothing dial-able is left."""
    text = (number or "").strip()
    plus = text.startswith("+")
    digits = _DIGITS.sub("", text)
    if not digits:
        return ""
    if plus:
        return f"+{digits}"
    if digits.startswith("00"):
        return f"+{digits[2:]}"
    if digits.startswith("0") and len(digits) == 10:
        return f"+33{digits[1:]}"
    return f"+{digits}"


def is_french_mobile(number: str) -> bool:
    """06 and 07 numbers (metropolitan France) can receive an SMS."""
    return bool(re.fullmatch(r"\+33[67]\d{8}", to_e164(number)))


def national_digits(number: str) -> str:
    """The number as dialled in France (`0612345678`), digits only: safe in file names and in
    dial strings, whatever was typed."""
    e164 = to_e164(number)
    if e164.startswith("+33") and len(e164) == 12:
        return "0" + e164[3:]
    return e164.lstrip("+")
