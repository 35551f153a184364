"""The public JSON API. Error bodies are in English: they are read by developers."""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET

from agir.catalogue.models import PlaceScope
from agir.catalogue.payer import WhoPays, who_pays
from agir.catalogue.payer_words import words_for
from agir.catalogue.search import MAX_QUERY_LENGTH, Suggestion, suggest
from agir.estate.models import Building

MAX_LIMIT = 50


def _error(message: str, status: int = 400) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)


@require_GET
def catalogue_suggest(request: HttpRequest) -> JsonResponse:
    """GET /api/catalogue/suggest?q=…[&scope=dwelling|common][&place=CODE][&limit=N]
    [&building=CODE]

    Public: the catalogue is no secret. Each result says who pays (`who_pays`, from
    `agir.catalogue.payer.who_pays`): with `building`, that building's maintenance contracts
    count; without it, the answer is who pays where no contract covers the problem.
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

    building = None
    building_code = request.GET.get("building") or None
    if building_code is not None:
        building = Building.objects.filter(code=building_code).first()
        if building is None:
            return _error("Parameter 'building' is not a known building code.", status=404)

    results = suggest(query, scope=scope, place=place, limit=limit)
    response = JsonResponse({"query": query, "results": [_result(s, building) for s in results]})
    patch_cache_control(response, public=True, max_age=60)
    return response


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
