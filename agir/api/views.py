"""The public JSON API. Error bodies are in English: they are read by developers."""

from __future__ import annotations

import json

from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.utils.cache import patch_cache_control
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from agir.catalogue.models import PlaceScope
from agir.catalogue.payer import WhoPays, who_pays
from agir.catalogue.payer_words import words_for
from agir.catalogue.search import LONG_TEXT_LIMIT, Suggestion, answer
from agir.estate.models import Building

MAX_LIMIT = 50


def _error(message: str, status: int = 400) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)


# Read-only and public, no cookie involved: a POST is only a way to send a long text.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def catalogue_suggest(request: HttpRequest) -> JsonResponse:
    """GET /api/catalogue/suggest?q=…[&scope=dwelling|common][&place=CODE][&limit=N]
    [&building=CODE]; or POST the same fields (form or JSON) for a long text.

    Public: the catalogue is no secret. `q` may be a tenant's whole message: texts over
    LONG_TEXT_LIMIT characters are read from their beginning and their end, and the answer
    says so (`shortened`, `length`, `read`). When the search is not confident it answers no
    result and `confident: false`, with the landlord's phone number (`fallback`).
    Each result says who pays (`who_pays`, from `agir.catalogue.payer.who_pays`): with
    `building`, that building's maintenance contracts count; without it, the answer is who
    pays where no contract covers the problem.
    """
    params = _params(request)
    if params is None:
        return _error("The body must be a form or a JSON object.")
    query = str(params.get("q") or "")
    if not query.strip():
        return _error("Parameter 'q' is required and must not be empty.")
    scope = params.get("scope") or None
    if scope is not None and scope not in PlaceScope.values:
        return _error(f"Parameter 'scope' must be one of: {', '.join(PlaceScope.values)}.")
    place = params.get("place") or None
    try:
        limit = int(params.get("limit") or "10")
    except (TypeError, ValueError):
        return _error("Parameter 'limit' must be an integer.")
    if not 1 <= limit <= MAX_LIMIT:
        return _error(f"Parameter 'limit' must be between 1 and {MAX_LIMIT}.")

    building = None
    building_code = params.get("building") or None
    if building_code is not None:
        building = Building.objects.filter(code=building_code).first()
        if building is None:
            return _error("Parameter 'building' is not a known building code.", status=404)

    found = answer(query, scope=scope, place=place, limit=limit)
    body = {
        "query": query,
        "length": found.length,
        "read": found.read,
        "shortened": found.shortened,
        "confident": found.confident,
        "results": [_result(s, building) for s in found.suggestions],
    }
    if found.shortened:
        body["note"] = (
            f"The text is over {LONG_TEXT_LIMIT} characters: its first and last "
            f"{LONG_TEXT_LIMIT // 2} were read."
        )
    if not found.confident:
        body["fallback"] = {
            "message": "No confident match: describe the problem in your own words, "
            "or call the landlord.",
            "phone": settings.LANDLORD["phone"],
        }
    response = JsonResponse(body)
    if request.method == "GET":
        patch_cache_control(response, public=True, max_age=60)
    return response


def _params(request: HttpRequest) -> dict | None:
    if request.method == "GET":
        return request.GET
    if request.content_type == "application/json":
        try:
            data = json.loads(request.body or b"{}")
        except (ValueError, UnicodeDecodeError):
            return None
        return data if isinstance(data, dict) else None
    return request.POST


def _result(suggestion: Suggestion, building: Building | None) -> dict:
    entry = suggestion.entry
    # Without a building, who pays where no contract covers it; with one, its contracts too.
    who = who_pays(entry, building)
    return {
        "code": entry.code,
        "title": entry.title,
        "place": entry.place.label,
        "place_code": entry.place.code,
        "equipment": entry.equipment.label,
        "equipment_code": entry.equipment.code,
        "symptom": entry.symptom.label,
        "symptom_code": entry.symptom.code,
        "responsibility": who.payer_label,
        "responsibility_code": who.payer,
        "who_pays": _who_pays(who),
        "urgency": entry.get_urgency_display(),
        "urgency_code": entry.urgency,
        "emergency": entry.is_emergency,
        "score": suggestion.score,
    }


def _who_pays(who: WhoPays) -> dict:
    contract = who.contract
    return {
        "payer": who.payer,
        "payer_label": who.payer_label,
        "in_principle": who.in_principle,
        "legal_basis": who.legal_basis,
        "without_contract": who.without_contract,
        "contract_kind": who.contract_kind or None,
        "contract": None
        if contract is None
        else {
            "reference": contract.reference,
            "kind": contract.kind,
            "contractor": contract.contractor,
            "phone": contract.phone,
            "hours": contract.hours,
            "covers": contract.covers,
        },
        "exceptions": list(who.exceptions),
        "text": words_for(who).plain(),
    }
