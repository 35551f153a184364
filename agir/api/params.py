"""Parameter types shared by the API's operations, with English messages for bad values."""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, WithJsonSchema
from pydantic_core import PydanticCustomError


def _blank_is_none(value: Any) -> Any:
    # "The response should be the same whether a parameter is passed and is empty or is not
    # passed at all" (Open311's rule, and ours).
    return None if value == "" else value


BlankIsNone = BeforeValidator(_blank_is_none)


def between(low: int, high: int, default: int) -> Any:
    """An integer from `low` to `high` whose error message names both bounds."""

    def check(value: int) -> int:
        if not low <= value <= high:
            raise PydanticCustomError(
                "between", "must be between {low} and {high}", {"low": low, "high": high}
            )
        return value

    schema = {"type": "integer", "minimum": low, "maximum": high, "default": default}
    return Annotated[int, AfterValidator(check), WithJsonSchema(schema)]


# A text with something in it: one character that str.strip() keeps. Said as a pattern so that
# the schema and the server agree («\x1c» is blank for Python, not for a JSON schema's «\s»).
NOT_BLANK = r"[^\s\x1c-\x1f\x85\ufeff]"


def after_id(after: str | None) -> int:
    """The keyset cursor of a list (`after` = the previous page's `next`): a row id, said as an
    opaque string so that it may change shape one day."""
    if after is None:
        return 0
    if not after.isascii() or not after.isdigit() or len(after) > 18:
        from ninja.errors import HttpError

        raise HttpError(400, "Parameter 'after' must be a cursor given as 'next' by this list.")
    return int(after)


def keyset_page(rows: Any, after: str | None, limit: int) -> tuple[list, str | None]:
    """One page of `rows` (a queryset) in primary key order after the cursor `after`, and the
    `next` cursor (None on the last page)."""
    page = list(rows.filter(pk__gt=after_id(after)).order_by("pk")[: limit + 1])
    more = len(page) > limit
    page = page[:limit]
    return page, str(page[-1].pk) if more else None


# `after`'s schema: a row id, or empty (the same as none).
AFTER_PATTERN = r"^[0-9]{0,18}$"


def refuse_unknown(request, params: Any) -> None:
    """A parameter the operation does not know is refused, not ignored: `stauts=done` would
    otherwise answer every request as if it had filtered them."""
    known = set(type(params).model_fields)
    unknown = sorted(set(request.GET) - known)
    if unknown:
        from ninja.errors import HttpError

        raise HttpError(400, f"Parameter '{unknown[0]}' is not known.")


def _iso_datetime(value: Any) -> Any:
    # pydantic also takes a number of seconds since 1970; this API speaks ISO 8601 only.
    if isinstance(value, str) and value and not re.match(r"^\d{4}-\d{2}-\d{2}", value):
        raise PydanticCustomError("datetime_parsing", "not an ISO 8601 date-time")
    return value


IsoDateTime = BeforeValidator(_iso_datetime)
