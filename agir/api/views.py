"""The public JSON API. Error bodies are in English: they are read by developers."""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET

from agir.catalogue.models import PlaceScope
from agir.catalogue.search import MAX_QUERY_LENGTH, Suggestion, suggest

MAX_LIMIT = 50


def _error(message: str, status: int = 400) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)


@require_GET
def catalogue_suggest(request: HttpRequest) -> JsonResponse:
    """GET /api/catalogue/suggest?q=…[&scope=dwelling|common][&place=CODE][&limit=N]

    Public: the catalogue is no secret.
    """
    query = request.GET.get("q", "")
    if not query.strip():
        return _error("Parameter 'q' is required and must not be empty.")
    if len(query) > MAX_QUERY_LENGTH:
        return _error(f"Parameter 'q' must be at most {MAX_QUERY_LENGTH} characters long.")
    scope = request.GET.get("scope") or None
    if scope is not None and scope not in PlaceScope.values:
        return _error(f"Parameter 'scope' must be one of: {', '.join(PlaceScope.values)}.")
    place = request.GET.get("place") or None
    try:
        limit = int(request.GET.get("limit", "10"))
    except ValueError:
        return _error("Parameter 'limit' must be an integer.")
    if not 1 <= limit <= MAX_LIMIT:
        return _error(f"Parameter 'limit' must be between 1 and {MAX_LIMIT}.")

    results = suggest(query, scope=scope, place=place, limit=limit)
    response = JsonResponse({"query": query, "results": [_result(s) for s in results]})
    patch_cache_control(response, public=True, max_age=60)
    return response


def _result(suggestion: Suggestion) -> dict:
    entry = suggestion.entry
    return {
        "code": entry.code,
        "title": entry.title,
        "place": entry.place.label,
        "place_code": entry.place.code,
        "equipment": entry.equipment.label,
        "equipment_code": entry.equipment.code,
        "symptom": entry.symptom.label,
        "symptom_code": entry.symptom.code,
        "responsibility": entry.get_responsibility_display(),
        "responsibility_code": entry.responsibility,
        "urgency": entry.get_urgency_display(),
        "urgency_code": entry.urgency,
        "emergency": entry.is_emergency,
        "score": suggestion.score,
    }
