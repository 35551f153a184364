"""The page of one request: where it stands, its photos, its history and what the tenant can do."""

from __future__ import annotations

from django import forms
from django.db.models import prefetch_related_objects
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET

from agir.catalogue.payer import who_pays_for_request
from agir.portal.access import get_request_for_tenant, with_rows_read_already
from agir.portal.status import commitment_in_words, planned_visit, status_in_words
from agir.portal.timeline import tenant_timeline
from agir.repairs.models import MAX_PHOTOS, RepairRequest

from . import rules
from .forms import MessageForm, PhotoForm
from .guards import requests_list_url, tenant_required


@tenant_required
@require_GET
def request_page(request: HttpRequest, code: str) -> HttpResponse:
    repair = get_request_for_tenant(request.user, code, related=("common_area",))
    with_rows_read_already(repair, request.user)
    return render_request_page(request, repair)


def render_request_page(
    request: HttpRequest,
    repair: RepairRequest,
    *,
    message_form: forms.Form | None = None,
    photo_form: forms.Form | None = None,
    refusal: str = "",
    status: int = 200,
) -> HttpResponse:
    """Also used by the actions to show the page again with what the tenant typed and why it
    was refused, so that nothing entered is lost."""
    # Read once for the list and for the count rules.photo_refusal makes.
    prefetch_related_objects([repair], "photos")
    photos = list(repair.photos.all())
    message_form = message_form or MessageForm()
    photo_form = photo_form or PhotoForm()
    photo_form.fields["photo"].help_text = _photo_hint(MAX_PHOTOS - len(photos))
    context = {
        "repair": repair,
        "entry": repair.catalogue_entry,
        "who": who_pays_for_request(repair),
        "status_words": status_in_words(repair),
        "planned_visit": planned_visit(repair),
        "commitment": commitment_in_words(repair),
        "timeline": tenant_timeline(repair, request.user),
        "photos": photos,
        "message_form": message_form,
        "photo_form": photo_form,
        "error_forms": [form for form in (message_form, photo_form) if form.errors],
        "can_add_photo": rules.photo_refusal(repair) is None,
        "can_cancel": rules.cancel_refusal(repair) is None,
        "can_reopen": rules.reopen_refusal(repair) is None,
        "survey": _survey_state(repair, request.user),
        "refusal": refusal,
        "back_url": requests_list_url(),
    }
    return render(request, "portal/tracking/request.html", context, status=status)


def _photo_hint(places_left: int) -> str:
    return ngettext(
        "Une photo de votre téléphone, 10 Mo au plus. Encore %(left)d possible.",
        "Une photo de votre téléphone, 10 Mo au plus. Encore %(left)d possibles.",
        places_left,
    ) % {"left": places_left}


def _survey_state(repair: RepairRequest, user) -> dict | None:
    from .survey import survey_state

    return survey_state(repair, user)
