"""Every error of the JSON API is `{"error": "<an English sentence>"}` with its HTTP status.

Developers read these bodies, so they are in English and say what to change.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from ninja import Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError

from .params import NOT_BLANK

if TYPE_CHECKING:
    from ninja import NinjaAPI

log = logging.getLogger(__name__)

API_PREFIX = "/api/"


class ErrorOut(Schema):
    """What every error answers."""

    error: str


def error_body(message: str) -> dict[str, str]:
    return {"error": message}


def responses(ok: dict[int, Any], *codes: int) -> dict[int, Any]:
    """An operation's documented answers: its successes, then its error statuses."""
    return {**ok, **dict.fromkeys(codes, ErrorOut)}


def install(api: NinjaAPI) -> None:
    """Replace ninja's default handlers (`{"detail": …}`, 422) by ours."""

    def respond(request: HttpRequest, message: str, status: int) -> HttpResponse:
        return api.create_response(request, error_body(message), status=status)

    def on_validation(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        return respond(request, describe(exc.errors), 400)

    def on_authentication(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        response = respond(
            request, "Authentication required: send 'Authorization: Bearer <token>'.", 401
        )
        response["WWW-Authenticate"] = "Bearer"
        return response

    def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        message = exc.message
        if exc.status_code == 403 and message == "Forbidden":
            message = "This token may not do that."
        return respond(request, message, exc.status_code)

    def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return respond(request, "Not found.", 404)

    api.add_exception_handler(ValidationError, on_validation)
    api.add_exception_handler(AuthenticationError, on_authentication)
    api.add_exception_handler(HttpError, on_http_error)
    api.add_exception_handler(Http404, on_not_found)


def describe(errors: list[dict[str, Any]]) -> str:
    """One English sentence per problem, in the order pydantic found them."""
    sentences = []
    for error in errors:
        sentence = _sentence(error)
        if sentence not in sentences:
            sentences.append(sentence)
    return " ".join(sentences) or "The request is not valid."


def _sentence(error: dict[str, Any]) -> str:
    loc = [str(part) for part in error.get("loc", ())]
    where, name = (loc[0], ".".join(loc[1:])) if loc else ("", "")
    if where == "body":
        subject = f"Field '{name}'" if name else "The request body"
    else:
        subject = f"Parameter '{name}'" if name else "The request"
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    blank = kind == "string_pattern_mismatch" and ctx.get("pattern") == NOT_BLANK
    if kind == "missing" or blank or (kind == "string_too_short" and ctx.get("min_length") == 1):
        return f"{subject} is required and must not be empty."
    if kind in {"int_parsing", "int_type", "int_from_float"}:
        return f"{subject} must be an integer."
    if kind in {"float_parsing", "float_type", "decimal_parsing"}:
        return f"{subject} must be a number."
    if kind in {"bool_parsing", "bool_type"}:
        return f"{subject} must be true or false."
    if kind in {"datetime_parsing", "datetime_from_date_parsing", "datetime_type"}:
        return f"{subject} must be an ISO 8601 date-time with a time zone."
    if kind in {"date_parsing", "date_from_datetime_parsing", "date_type"}:
        return f"{subject} must be an ISO 8601 date (YYYY-MM-DD)."
    if kind in {"uuid_parsing", "uuid_type"}:
        return f"{subject} must be a UUID."
    if kind == "string_too_long":
        return f"{subject} must be at most {ctx.get('max_length')} characters long."
    if kind == "string_too_short":
        return f"{subject} must be at least {ctx.get('min_length')} characters long."
    if kind in {"greater_than_equal", "greater_than", "less_than_equal", "less_than"}:
        bound = {
            "greater_than_equal": ("at least", "ge"),
            "greater_than": ("greater than", "gt"),
            "less_than_equal": ("at most", "le"),
            "less_than": ("less than", "lt"),
        }[kind]
        return f"{subject} must be {bound[0]} {ctx.get(bound[1])}."
    if kind == "string_pattern_mismatch":
        return f"{subject} does not follow the pattern {ctx.get('pattern')}."
    if kind == "between":
        return f"{subject} must be between {ctx.get('low')} and {ctx.get('high')}."
    if kind in {"literal_error", "enum"}:
        expected = str(ctx.get("expected", "")).replace("' or '", "', '").replace("'", "")
        return f"{subject} must be one of: {expected}."
    if kind == "json_invalid":
        return "The request body is not valid JSON."
    if kind == "timezone_aware":
        return f"{subject} must carry a time zone."
    message = str(error.get("msg", "is not valid")).rstrip(".")
    return f"{subject}: {message[:1].lower()}{message[1:]}."


class JsonErrorsMiddleware:
    """Answers under /api/ that Django or ninja make outside an operation (unknown URL, wrong
    method, CSRF, server error) get the same JSON body as the API's own errors."""

    REASONS = {
        400: "Bad request.",
        403: "Forbidden.",
        404: "Not found.",
        405: "Method not allowed.",
        413: "Request body too large.",
        415: "Unsupported media type.",
        500: "Internal server error: the error was logged.",
    }

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            request.path.startswith(API_PREFIX)
            and response.status_code >= 400
            and not response.get("Content-Type", "").startswith("application/json")
        ):
            message = self.REASONS.get(response.status_code, response.reason_phrase + ".")
            replacement = JsonResponse(error_body(message), status=response.status_code)
            if response.has_header("Allow"):
                replacement["Allow"] = response["Allow"]
            return replacement
        return response
