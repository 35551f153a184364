"""Parameter types shared by the API's operations, with English messages for bad values."""

from __future__ import annotations

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
