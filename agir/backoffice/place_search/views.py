"""The suggestions of the place field as the officer types (htmx fills the field's <datalist>)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from agir.backoffice.access import sector_ids, staff_required

from . import search

# Where the field is: the inbox (sites and buildings of the officer's sectors) or a notice
# (sites, buildings and entrances, anywhere: a notice may be posted on any place).
FOR_NOTICES = "avis"


@staff_required
@require_GET
def suggestions(request: HttpRequest) -> HttpResponse:
    text = request.GET.get("place", "")
    if request.GET.get("pour") == FOR_NOTICES:
        found = search.suggest(text, entrances=True)
    else:
        found = search.suggest(text, sectors=sector_ids(request.user))
    return render(request, "backoffice/place_search/_suggestions.html", {"suggestions": found})
