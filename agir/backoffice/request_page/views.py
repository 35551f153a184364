"""Thin views of the officer's request page: read through `story`, act through `actions`."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from agir.backoffice.access import get_request_for_staff, staff_required
from agir.backoffice.models import CannedAnswer
from agir.catalogue.payer import contracts_remembered, who_pays_for_request
from agir.portal.tracking.files import make_thumbnail
from agir.quality.access_log import log_personal_data_access
from agir.quality.sensitive import warn_if_sensitive
from agir.repairs import lifecycle
from agir.repairs.models import RequestPhoto

from . import actions, story


@staff_required
@require_GET
# Who pays is shown and asked again to offer a quote: one look-up of the contracts for both.
@contracts_remembered()
def request_page(request: HttpRequest, code: str) -> HttpResponse:
    repair = get_request_for_staff(request.user, code)
    log_personal_data_access(request.user, repair)
    who = who_pays_for_request(repair)
    canned = list(CannedAnswer.objects.in_use())
    initial = {
        # Who pays en principe today (the place's contracts), for the officer to confirm.
        "acknowledge": {"responsibility": who.payer, "urgency": repair.urgency},
    }
    context = {
        "repair": repair,
        "who": who,
        "contact": story.contact_of(repair.requested_by),
        "occupants": story.occupants_of(repair),
        "followers": story.followers_of(repair),
        "availability": story.availability_of(repair),
        "events": story.events_of(repair),
        "photos": story.photos_of(repair),
        "notifications": story.notifications_of(repair),
        "past_requests": story.past_requests(repair),
        "merge_candidates": story.merge_candidates(repair),
        "canned_answers": canned,
        "quotes": list(repair.quotes.order_by("-sent_at", "-pk")),
        "forms": actions.offered(repair, initial, canned),
    }
    return render(request, "backoffice/request_page/page.html", context)


@staff_required
@require_POST
def request_action(request: HttpRequest, code: str, intent: str) -> HttpResponse:
    repair = get_request_for_staff(request.user, code)
    if intent not in actions.ACTIONS:
        messages.error(request, _("Action inconnue."))
        return redirect("backoffice:request", code=repair.code)
    form = actions.bound_form(intent, request.POST)
    if not form.is_valid():
        messages.error(request, _("Vérifiez les champs : %(errors)s") % {"errors": _errors(form)})
        return redirect("backoffice:request", code=repair.code)
    try:
        actions.perform(intent, repair, lifecycle.Actor.of(request.user), form.cleaned_data)
    except lifecycle.LifecycleError as error:
        messages.error(request, error.user_message)
    else:
        messages.success(request, _("C'est enregistré."))
        warn_if_sensitive(request, form.cleaned_data)
    return redirect("backoffice:request", code=repair.code)


@staff_required
@require_GET
def photo(request: HttpRequest, code: str, photo: str) -> HttpResponse:
    stored = _photo_for_staff(request, code, photo)
    try:
        handle = stored.image.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return _private(FileResponse(handle, content_type="image/jpeg"), stored, "photo")


@staff_required
@require_GET
def thumbnail(request: HttpRequest, code: str, photo: str) -> HttpResponse:
    stored = _photo_for_staff(request, code, photo)
    try:
        with stored.image.open("rb") as handle:
            data = make_thumbnail(handle.read())
    except FileNotFoundError:
        raise Http404 from None
    return _private(HttpResponse(data, content_type="image/jpeg"), stored, "vignette")


def _photo_for_staff(request: HttpRequest, code: str, photo: str) -> RequestPhoto:
    repair = get_request_for_staff(request.user, code)
    try:
        stored = repair.photos.get(code=photo)
    except (RequestPhoto.DoesNotExist, ValueError):
        raise Http404 from None
    stored.request = repair
    return stored


def _private(response: HttpResponse, stored: RequestPhoto, prefix: str) -> HttpResponse:
    # As the tenant's photo views (agir/portal/tracking/files.py): no shared cache, no sniffing.
    response["Cache-Control"] = "private, max-age=3600"
    response["Content-Disposition"] = (
        f'inline; filename="{prefix}-{stored.request.reference}-{stored.pk}.jpg"'
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _errors(form) -> str:
    return " ".join(
        f"{form.fields[name].label} : {' '.join(errors)}"
        if name in form.fields
        else " ".join(errors)
        for name, errors in form.errors.items()
    )
