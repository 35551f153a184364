"""The catalogue on the JSON API: suggestions from a tenant's own words. Public: the catalogue
is no secret. Each result says who pays, from `agir.catalogue.payer.who_pays`: with `building`,
that building's maintenance contracts count; without it, the answer is who pays where no
contract covers the problem.

`q` may be a tenant's whole message (GET, or POST as JSON when it is too long for a URL):
texts over LONG_TEXT_LIMIT characters are read from their beginning and their end, and the
answer says so (`shortened`, `length`, `read`). When the search is not confident it answers no
result, `confident: false`, and the landlord's phone number (`fallback`)."""

from __future__ import annotations

from typing import Annotated, Literal

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from pydantic import WithJsonSchema

from agir.api.errors import responses
from agir.api.params import NOT_BLANK, BlankIsNone, between
from agir.catalogue.payer import WhoPays, who_pays
from agir.catalogue.payer_words import words_for
from agir.catalogue.search import LONG_TEXT_LIMIT, Answer, Suggestion, answer
from agir.estate.models import Building

router = Router(tags=["catalogue"])

MAX_LIMIT = 50
# Longer than any message a tenant writes: beyond it, the text is refused rather than read.
MAX_TEXT_LENGTH = 20_000


class ContractOut(Schema):
    reference: str
    kind: str
    contractor: str
    phone: str
    hours: str
    covers: str


class WhoPaysOut(Schema):
    """Who pays (agir.catalogue.payer.who_pays), «en principe» until an officer decides."""

    payer: str
    payer_label: str
    in_principle: bool
    legal_basis: str
    without_contract: str
    contract_kind: str | None
    contract: ContractOut | None
    exceptions: list[str]
    text: str


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
    who_pays: WhoPaysOut
    urgency: str
    urgency_code: str
    emergency: bool
    score: float


class FallbackOut(Schema):
    message: str
    phone: str


class SuggestOut(Schema):
    query: str
    length: int
    read: int
    shortened: bool
    confident: bool
    note: str | None = None
    fallback: FallbackOut | None = None
    results: list[SuggestionOut]


Q_DESCRIPTION = (
    "The problem in the tenant's own words («fuite sous l'évier»), up to a whole message; "
    f"over {LONG_TEXT_LIMIT} characters, its beginning and its end are read."
)


class SuggestParams(Schema):
    q: str = Query(
        ..., min_length=1, max_length=MAX_TEXT_LENGTH, pattern=NOT_BLANK, description=Q_DESCRIPTION
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
    building: Annotated[str | None, BlankIsNone] = Query(
        None,
        max_length=32,
        description="A building code: who pays then counts its maintenance contracts.",
    )


class SuggestBody(Schema):
    """The same fields, as a JSON body: for a message too long for a URL."""

    q: str = Field(
        ..., min_length=1, max_length=MAX_TEXT_LENGTH, pattern=NOT_BLANK, description=Q_DESCRIPTION
    )
    scope: Literal["dwelling", "common"] | None = Field(
        None, description="Only entries of the dwelling, or of the common areas."
    )
    place: Annotated[str | None, BlankIsNone] = Field(
        None, max_length=32, description="Only entries of this place code (e.g. `kitchen`)."
    )
    limit: between(1, MAX_LIMIT, 10) = Field(10, description="How many results at most.")
    building: Annotated[str | None, BlankIsNone] = Field(
        None,
        max_length=32,
        description="A building code: who pays then counts its maintenance contracts.",
    )


@router.get(
    "suggest",
    response=responses({200: SuggestOut}, 400, 404),
    auth=None,
    url_name="catalogue-suggest",
    summary="Catalogue entries that match a tenant's words, best first",
)
def catalogue_suggest(
    request: HttpRequest, response: HttpResponse, params: Query[SuggestParams]
) -> SuggestOut:
    found = _suggest(params)
    patch_cache_control(response, public=True, max_age=60)
    return found


@router.post(
    "suggest",
    response=responses({200: SuggestOut}, 400, 404),
    auth=None,
    url_name="catalogue-suggest",
    summary="The same, for a long message sent as JSON",
)
def catalogue_suggest_long(request: HttpRequest, body: SuggestBody) -> SuggestOut:
    return _suggest(body)


def _suggest(params: SuggestParams | SuggestBody) -> SuggestOut:
    if not params.q.strip():
        raise HttpError(400, "Parameter 'q' is required and must not be empty.")
    building = None
    if params.building is not None:
        building = Building.objects.filter(code=params.building).first()
        if building is None:
            raise HttpError(404, "Parameter 'building' is not a known building code.")
    found = answer(params.q, scope=params.scope, place=params.place, limit=params.limit)
    return SuggestOut(
        query=params.q,
        length=found.length,
        read=found.read,
        shortened=found.shortened,
        confident=found.confident,
        note=_note(found),
        fallback=None if found.confident else _fallback(),
        results=[_result(s, building) for s in found.suggestions],
    )


def _note(found: Answer) -> str | None:
    if not found.shortened:
        return None
    return (
        f"The text is over {LONG_TEXT_LIMIT} characters: its first and last "
        f"{LONG_TEXT_LIMIT // 2} were read."
    )


def _fallback() -> FallbackOut:
    return FallbackOut(
        message="No confident match: describe the problem in your own words, or call the landlord.",
        phone=settings.LANDLORD["phone"],
    )


def _result(suggestion: Suggestion, building: Building | None) -> SuggestionOut:
    entry = suggestion.entry
    # Without a building, who pays where no contract covers it; with one, its contracts too.
    who = who_pays(entry, building)
    return SuggestionOut(
        code=entry.code,
        title=entry.title,
        place=entry.place.label,
        place_code=entry.place.code,
        equipment=entry.equipment.label,
        equipment_code=entry.equipment.code,
        symptom=entry.symptom.label,
        symptom_code=entry.symptom.code,
        responsibility=who.payer_label,
        responsibility_code=who.payer,
        who_pays=_who_pays(who),
        urgency=entry.get_urgency_display(),
        urgency_code=entry.urgency,
        emergency=entry.is_emergency,
        score=suggestion.score,
    )


def _who_pays(who: WhoPays) -> WhoPaysOut:
    contract = who.contract
    return WhoPaysOut(
        payer=who.payer,
        payer_label=who.payer_label,
        in_principle=who.in_principle,
        legal_basis=who.legal_basis,
        without_contract=who.without_contract,
        contract_kind=who.contract_kind or None,
        contract=None
        if contract is None
        else ContractOut(
            reference=contract.reference,
            kind=contract.kind,
            contractor=contract.contractor,
            phone=contract.phone,
            hours=contract.hours,
            covers=contract.covers,
        ),
        exceptions=list(who.exceptions),
        text=words_for(who).plain(),
    )
