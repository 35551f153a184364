"""The guided entry's pages. Each parses its input, calls the wizard's functions, renders.

Every choice is a plain link (a room of the plan, an equipment of the scene, a symptom card),
so the wizard works by keyboard, by a TV remote and without JavaScript; what was chosen is kept
in the session (wizard.state) and a forged or stale choice sends the tenant back with a message,
keeping everything already entered.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from agir.catalogue import snapshot
from agir.catalogue.payer import who_pays_for_request
from agir.core import uploads
from agir.repairs import followers
from agir.repairs.lifecycle import Actor, LifecycleError
from agir.repairs.models import MAX_PHOTOS, RepairRequest
from agir.repairs.photos import PhotoRejected, clean_photo

from .. import access, wording
from ..floorplans import ROOM_SCENES, plan_for
from . import availability, drafts, flow, places, state, submission
from .flow import Answers
from .forms import PHOTO_LIMIT_MESSAGE, DetailsForm
from .places import PlaceNotFound
from .search import suggestions_for

STEP_URLS = {
    "where": "portal:wizard_where",
    "emergency": "portal:wizard_emergency",
    "duplicate": "portal:wizard_duplicate",
    "details": "portal:wizard_details",
    "review": "portal:wizard_review",
}


# --- loading the wizard ------------------------------------------------------------------


class _Gone(Exception):
    """The wizard is not in this session any more (expired, another browser, forged id)."""


def _answers(request: HttpRequest, wizard_id: uuid.UUID) -> Answers:
    tenant = access.tenant_of(request.user)
    current = state.load(request.session, wizard_id)
    if current is None:
        raise _Gone
    lease = access.held_lease(request.user, current.lease_id)
    if lease is None:
        raise _Gone
    return flow.resolve(current, lease, tenant)


def _restart(request: HttpRequest) -> HttpResponse:
    messages.error(
        request,
        _("Cette saisie n'est plus disponible (elle a expiré). Recommencez votre signalement."),
    )
    return redirect("portal:wizard_start")


def _go(step: str, answers: Answers) -> HttpResponse:
    return redirect(STEP_URLS[step], wizard=answers.state.id)


def _url(name: str, answers: Answers, *args) -> str:
    return reverse(name, args=[answers.state.id, *args])


def wizard_page(view):
    """Load the wizard for `view(request, answers, ...)`; a finished one shows its outcome."""

    @login_required
    def wrapper(request: HttpRequest, wizard: uuid.UUID, *args, **kwargs) -> HttpResponse:
        try:
            answers = _answers(request, wizard)
        except _Gone:
            return _restart(request)
        if answers.state.submitted and view.__name__ != "done":
            # Back after confirming: the request exists; never offer to send it again.
            return redirect("portal:wizard_done", wizard=answers.state.id)
        return view(request, answers, *args, **kwargs)

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


def _context(answers: Answers, step: str, **extra) -> dict:
    return {
        "answers": answers,
        "wizard_id": answers.state.id,
        "step": step,
        "step_number": flow.STEP_NUMBERS.get(step),
        "step_count": flow.STEP_COUNT,
        "place_label": places.place_label(answers.place) if answers.place else "",
        **extra,
    }


def _refuse_choice(request: HttpRequest, answers: Answers, message: str, step: str = "where"):
    messages.error(request, message)
    return _go(step, answers)


# --- starting ----------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def start(request: HttpRequest) -> HttpResponse:
    """A new wizard for the tenant's dwelling (asked first when they hold several leases)."""
    access.tenant_of(request.user)
    leases = list(access.current_leases(request.user).select_related("dwelling__entrance"))
    if not leases:
        return render(request, "portal/wizard/no_lease.html", status=403)
    if len(leases) == 1 and request.method == "GET":
        new = state.start(request.session, leases[0].pk)
        return redirect("portal:wizard_where", wizard=new.id)
    error = ""
    if request.method == "POST":
        chosen = request.POST.get("logement", "")
        lease = next((lease for lease in leases if str(lease.pk) == chosen), None)
        if lease is not None:
            new = state.start(request.session, lease.pk)
            return redirect("portal:wizard_where", wizard=new.id)
        error = _("Ce logement n'est pas l'un des vôtres. Choisissez l'un de vos logements.")
    return render(
        request,
        "portal/wizard/choose_dwelling.html",
        {"leases": leases, "error": error},
        status=400 if error else 200,
    )


# --- step 1: où ? ------------------------------------------------------------------------


@wizard_page
@require_GET
def where(request: HttpRequest, answers: Answers) -> HttpResponse:
    dwelling = answers.dwelling
    plan = plan_for(dwelling.dwelling_type)
    rooms = places.plan_rooms(dwelling)
    return render(
        request,
        "portal/wizard/where.html",
        _context(
            answers,
            "where",
            plan=plan,
            rooms=[(room, _url("portal:wizard_what", answers, room.key)) for room in rooms],
            extras=[
                (place, _url("portal:wizard_what", answers, place.key))
                for place in places.extra_places()
            ],
            commons=[
                (place, _url("portal:wizard_what", answers, place.key))
                for place in places.common_places(dwelling)
            ],
            back_url=reverse("portal:home"),
        ),
    )


def _place_or_refuse(request: HttpRequest, answers: Answers, key: str):
    try:
        return places.resolve(key, answers.dwelling)
    except PlaceNotFound:
        return _refuse_choice(request, answers, str(PlaceNotFound.user_message))


# --- step 2: quoi ? ----------------------------------------------------------------------


@wizard_page
@require_GET
def what(request: HttpRequest, answers: Answers, place_key: str) -> HttpResponse:
    place = _place_or_refuse(request, answers, place_key)
    if isinstance(place, HttpResponse):
        return place
    choices = places.equipment_for(place)
    links = [
        (choice, _url("portal:wizard_symptom", answers, place.key, choice.equipment.code))
        for choice in choices
    ]
    scene = ROOM_SCENES.get(place.place.code) if not place.is_common else None
    return render(
        request,
        "portal/wizard/what.html",
        _context(
            answers,
            "what",
            place=place,
            chosen_place_label=places.place_label(place),
            scene=scene,
            scene_links=[(c.scene_item, url) for c, url in links if c.scene_item and scene],
            links=links,
            back_url=_url("portal:wizard_where", answers),
        ),
    )


# --- step 3: quel problème ? -------------------------------------------------------------


@wizard_page
@require_GET
def symptom(request: HttpRequest, answers: Answers, place_key: str, equipment: str):
    place = _place_or_refuse(request, answers, place_key)
    if isinstance(place, HttpResponse):
        return place
    choice = places.find_equipment(place, equipment)
    if choice is None:
        return _refuse_choice(
            request, answers, _("Cet équipement n'est pas proposé pour ce lieu. Choisissez-en un.")
        )
    entries = places.entries_for(place, choice.equipment)
    return render(
        request,
        "portal/wizard/symptom.html",
        _context(
            answers,
            "symptom",
            place=place,
            chosen_place_label=places.place_label(place),
            choice=choice,
            cards=[
                (entry, _url("portal:wizard_choose", answers, place.key, entry.code))
                for entry in entries
            ],
            other_url=_url("portal:wizard_other", answers, place.key, choice.equipment.code),
            back_url=_url("portal:wizard_what", answers, place.key),
        ),
    )


@wizard_page
@require_GET
def choose(request: HttpRequest, answers: Answers, place_key: str, entry: str) -> HttpResponse:
    """Record the chosen problem (from a card or a search result), then go on."""
    place = _place_or_refuse(request, answers, place_key)
    if isinstance(place, HttpResponse):
        return place
    found = snapshot.entry(entry)
    if found is None or not places.entry_fits(place, found):
        return _refuse_choice(
            request,
            answers,
            _("Ce problème ne correspond pas à ce lieu. Choisissez-le à nouveau, s'il vous plaît."),
        )
    answers.state.choose(place.key, found.equipment.code, found.code)
    state.save(request.session, answers.state)
    return _go(flow.next_step(flow.resolve(answers.state, answers.lease, answers.tenant)), answers)


@wizard_page
@require_GET
def other(request: HttpRequest, answers: Answers, place_key: str, equipment: str) -> HttpResponse:
    """«Autre problème»: none of the cards; the description will say what it is."""
    place = _place_or_refuse(request, answers, place_key)
    if isinstance(place, HttpResponse):
        return place
    choice = places.find_equipment(place, equipment)
    if choice is None:
        return _refuse_choice(
            request, answers, _("Cet équipement n'est pas proposé pour ce lieu. Choisissez-en un.")
        )
    answers.state.choose(place.key, choice.equipment.code, other=True)
    answers.state.details_done = False  # the description becomes required: ask for it
    state.save(request.session, answers.state)
    return _go(flow.next_step(flow.resolve(answers.state, answers.lease, answers.tenant)), answers)


# --- emergency ---------------------------------------------------------------------------


def _tel(number: str) -> str:
    return "".join(ch for ch in number if ch.isdigit() or ch == "+")


@wizard_page
@require_GET
def emergency(request: HttpRequest, answers: Answers) -> HttpResponse:
    entry = answers.entry
    if entry is None or not entry.is_emergency:
        return _go(flow.next_step(answers), answers)
    answers.state.emergency_seen = True
    state.save(request.session, answers.state)
    number = settings.EMERGENCY_NUMBERS.get(entry.emergency_call, settings.LANDLORD["phone"])
    after = flow.next_step(answers)
    return render(
        request,
        "portal/wizard/emergency.html",
        _context(
            answers,
            "emergency",
            entry=entry,
            number=number,
            tel=_tel(number),
            call_label=entry.get_emergency_call_display(),
            continue_url=reverse(STEP_URLS[after], args=[answers.state.id]),
            back_url=_url(
                "portal:wizard_symptom", answers, answers.place.key, entry.equipment.code
            ),
        ),
    )


# --- already reported --------------------------------------------------------------------


@wizard_page
@require_http_methods(["GET", "POST"])
def duplicate(request: HttpRequest, answers: Answers) -> HttpResponse:
    """The same equipment of this common area already has an open request: join it?"""
    existing = flow.duplicates(answers)
    if not existing:
        return _go(flow.next_step(answers), answers)
    if request.method == "POST":
        if request.POST.get("action") == "join":
            target = next((r for r in existing if str(r.code) == request.POST.get("demande")), None)
            if target is None:
                messages.error(request, _("Cette demande n'est pas proposée. Choisissez-en une."))
                return redirect("portal:wizard_duplicate", wizard=answers.state.id)
            try:
                followers.join(target, answers.tenant, actor=Actor.of(request.user))
            except LifecycleError as error:
                messages.error(request, error.user_message)
                return redirect("portal:wizard_duplicate", wizard=answers.state.id)
            answers.state.joined = str(target.code)
            state.save(request.session, answers.state)
            return redirect("portal:wizard_joined", wizard=answers.state.id)
        answers.state.duplicates_seen = True
        state.save(request.session, answers.state)
        return _go(flow.next_step(answers), answers)
    return render(
        request,
        "portal/wizard/duplicate.html",
        _context(
            answers,
            "duplicate",
            existing=[_request_line(r) for r in existing],
            back_url=_url(
                "portal:wizard_symptom", answers, answers.place.key, answers.equipment.code
            ),
        ),
    )


def _request_line(request: RepairRequest) -> dict:
    return {
        "request": request,
        "status": wording.status_words(request),
        "planned": wording.planned(request),
        "since": wording.day(request.submitted_at) if request.submitted_at else "",
    }


@wizard_page
@require_GET
def joined(request: HttpRequest, answers: Answers) -> HttpResponse:
    target = RepairRequest.objects.filter(code=answers.state.joined or None).first()
    if target is None or not followers.is_involved(target, answers.tenant):
        return _go(flow.next_step(answers), answers)
    return render(
        request,
        "portal/wizard/joined.html",
        _context(
            answers,
            "joined",
            line=_request_line(target),
            channel=wording.channel_words(answers.tenant),
        ),
    )


# --- step 4: précisions ------------------------------------------------------------------


@wizard_page
@require_http_methods(["GET", "POST"])
def details(request: HttpRequest, answers: Answers) -> HttpResponse:
    if not flow.is_open(answers, "details"):
        return _go(flow.next_step(answers), answers)
    current = answers.state
    today = timezone.localdate()
    photo_errors: list[str] = []
    if request.method == "POST":
        cut = uploads.refusal(request)
        # A photo past the limit stopped the upload: the fields after it never arrived, so
        # they keep what was saved instead of being emptied.
        data = _with_saved_answers(request.POST, current) if cut else request.POST
        form = DetailsForm(data, today=today, description_required=current.other)
        removing = request.POST.get("remove_photo", "")
        photo_errors = _take_photos(request, current) + ([cut] if cut else [])
        valid = form.is_valid()
        # Keep every field that is right, even when another one is not.
        for name in ("description", "availability", "access_notes"):
            if name in form.cleaned_data:
                setattr(current, name, form.cleaned_data[name])
        if removing:
            _remove_photo(current, removing)
        action = request.POST.get("action", "continue")
        if valid and not photo_errors and not removing and action == "continue":
            current.details_done = True
            state.save(request.session, current)
            return _go(flow.next_step(answers), answers)
        state.save(request.session, current)
        if not form.errors and not photo_errors:
            # «Ajouter ces photos» or «Retirer»: show the page again with the photos.
            return redirect("portal:wizard_details", wizard=current.id)
    else:
        form = DetailsForm(
            initial={
                "description": current.description,
                "availability": availability.keep_offered(current.availability, today),
                "access_notes": current.access_notes,
            },
            today=today,
            description_required=current.other,
        )
    chosen = set(form["availability"].value() or [])
    return render(
        request,
        "portal/wizard/details.html",
        _context(
            answers,
            "details",
            form=form,
            grid=form.grid,
            chosen=chosen,
            photo_errors=photo_errors,
            photos=current.photos,
            max_photos=MAX_PHOTOS,
            room_for_photos=len(current.photos) < MAX_PHOTOS,
            back_url=_back_from_details(answers),
        ),
        status=400 if (form.errors or photo_errors) else 200,
    )


def _back_from_details(answers: Answers) -> str:
    if answers.place is None or answers.equipment is None:
        return _url("portal:wizard_where", answers)
    return _url("portal:wizard_symptom", answers, answers.place.key, answers.equipment.code)


def _with_saved_answers(post, current: state.WizardState):
    data = post.copy()
    for name in ("description", "access_notes"):
        if name not in data:
            data[name] = getattr(current, name)
    if "availability" not in data:
        data.setlist("availability", list(current.availability))
    return data


def _take_photos(request: HttpRequest, current: state.WizardState) -> list[str]:
    """Clean and keep the uploaded photos; French messages for the ones refused."""
    errors: list[str] = []
    for upload in request.FILES.getlist("photos"):
        if len(current.photos) >= MAX_PHOTOS:
            errors.append(str(PHOTO_LIMIT_MESSAGE % {"max": MAX_PHOTOS}))
            break
        try:
            jpeg = clean_photo(upload, name=upload.name, size=upload.size)
        except PhotoRejected as refused:
            errors.append(refused.user_message)
            continue
        current.photos.append(drafts.keep(current.id, jpeg, upload.name))
    return errors


def _remove_photo(current: state.WizardState, photo_id: str) -> None:
    for photo in list(current.photos):
        if photo["id"] == photo_id:
            drafts.remove(photo)
            current.photos.remove(photo)


# --- step 5: vérifiez --------------------------------------------------------------------


@wizard_page
@require_http_methods(["GET", "POST"])
def review(request: HttpRequest, answers: Answers) -> HttpResponse:
    if not flow.is_open(answers, "review"):
        return _go(flow.next_step(answers), answers)
    error = ""
    if request.method == "POST":
        accepted = request.POST.get("accept_charge") == "on"
        try:
            made = submission.confirm(answers, request.user, accept_charge=accepted)
        except LifecycleError as refused:
            error = refused.user_message
        else:
            answers.state.submitted = str(made.code)
            answers.state.photos = []
            state.save(request.session, answers.state)
            return redirect("portal:wizard_done", wizard=answers.state.id)
    return render(
        request,
        "portal/wizard/review.html",
        _context(answers, "review", error=error, **_review_context(answers)),
        status=400 if error else 200,
    )


def _review_context(answers: Answers) -> dict:
    entry = answers.entry
    current = answers.state
    who = submission.who_pays(answers)
    place_key = answers.place.key
    return {
        "entry": entry,
        "who": who,
        "needs_acknowledgement": submission.needs_acknowledgement(answers, who),
        "title": submission.title(answers),
        "availability_labels": [availability.describe(v) for v in current.availability],
        "edit_where": _url("portal:wizard_where", answers),
        "edit_what": _url("portal:wizard_what", answers, place_key),
        "edit_problem": _url("portal:wizard_symptom", answers, place_key, answers.equipment.code),
        "edit_details": _url("portal:wizard_details", answers),
        "back_url": _url("portal:wizard_details", answers),
    }


# --- confirmation ------------------------------------------------------------------------


@wizard_page
@require_GET
def done(request: HttpRequest, answers: Answers) -> HttpResponse:
    made = (
        access.visible_requests(request.user)
        .filter(idempotency_key=answers.state.key)
        .submitted()
        .first()
    )
    if made is None:
        return _go(flow.next_step(answers), answers)
    if answers.state.submitted != str(made.code):
        answers.state.submitted = str(made.code)
        answers.state.photos = []
        state.save(request.session, answers.state)
    return render(
        request,
        "portal/wizard/done.html",
        {
            "made": made,
            "delay": wording.acknowledge_delay(made.urgency),
            "channel": wording.channel_words(answers.tenant),
            "who": who_pays_for_request(made),
        },
    )


# --- search, the other road in -----------------------------------------------------------


@wizard_page
@require_GET
def search(request: HttpRequest, answers: Answers) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    found = suggestions_for(query, answers.dwelling) if query else None
    links = [
        (result, _url("portal:wizard_choose", answers, result.place_key, result.entry.code))
        for result in (found.results if found else [])
    ]
    template = (
        "portal/wizard/_suggestions.html"
        if request.GET.get("fragment")
        else "portal/wizard/search.html"
    )
    return render(
        request,
        template,
        _context(
            answers,
            "search",
            query=query,
            links=links,
            shortened=bool(found and found.shortened),
            where_url=_url("portal:wizard_where", answers),
            back_url=_url("portal:wizard_where", answers),
        ),
    )
