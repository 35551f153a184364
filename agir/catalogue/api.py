"""The catalogue on the JSON API: suggestions from a tenant's own words. Public: the catalogue
is no secret."""

from __future__ import annotations

from typing import Annotated, Literal

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from pydantic import WithJsonSchema

from agir.api.errors import responses
from agir.api.params import BlankIsNone, between
from agir.catalogue.search import MAX_QUERY_LENGTH, Suggestion, suggest

router = Router(tags=["catalogue"])

MAX_LIMIT = 50


class SuggestionOut(Schema):
    code: str
    title: str
    place: str
    place_code: str
    equipment: str
    equipment_code: str
    symptom: str
    symptom_code: str
    responsibility: str
    responsibility_code: str
    urgency: str
    urgency_code: str
    emergency: bool
    score: float


class SuggestOut(Schema):
    query: str
    results: list[SuggestionOut]


class SuggestParams(Schema):
    q: str = Query(
        ...,
        min_length=1,
        max_length=MAX_QUERY_LENGTH,
        description="The problem in the tenant's own words («fuite sous l'évier»).",
    )
    scope: Annotated[
        Literal["dwelling", "common"] | None,
        BlankIsNone,
        # An empty value is the same as none (all entries), and the schema says so.
        WithJsonSchema({"type": "string", "enum": ["dwelling", "common", ""]}),
    ] = Query(None, description="Only entries of the dwelling, or of the common areas.")
    place: Annotated[str | None, BlankIsNone] = Query(
        None, max_length=32, description="Only entries of this place code (e.g. `kitchen`)."
    )
    limit: between(1, MAX_LIMIT, 10) = Query(10, description="How many results at most.")


@router.get(
    "suggest",
    response=responses({200: SuggestOut}, 400),
    auth=None,
    summary="Catalogue entries that match a tenant's words, best first",
)
def catalogue_suggest(
    request: HttpRequest, response: HttpResponse, params: Query[SuggestParams]
) -> SuggestOut:
    if not params.q.strip():
        raise HttpError(400, "Parameter 'q' is required and must not be empty.")
    results = suggest(params.q, scope=params.scope, place=params.place, limit=params.limit)
    patch_cache_control(response, public=True, max_age=60)
    return SuggestOut(query=params.q, results=[_result(s) for s in results])


def _result(suggestion: Suggestion) -> SuggestionOut:
    entry = suggestion.entry
    return SuggestionOut(
        code=entry.code,
        title=entry.title,
        place=entry.place.label,
        place_code=entry.place.code,
        equipment=entry.equipment.label,
        equipment_code=entry.equipment.code,
        symptom=entry.symptom.label,
        symptom_code=entry.symptom.code,
        responsibility=entry.get_responsibility_display(),
        responsibility_code=entry.responsibility,
        urgency=entry.get_urgency_display(),
        urgency_code=entry.urgency,
        emergency=entry.is_emergency,
        score=suggestion.score,
    )
