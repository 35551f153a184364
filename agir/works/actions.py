"""What the person sent (a contractor, signed in or through its link) may do with a work
order, from a posted form: one place for both doors, so they behave the same."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from agir.repairs import photos
from agir.repairs.lifecycle import Actor
from agir.repairs.photos import PhotoRejected

from . import forms, orders
from .models import WorkOrder
from .orders import WorkError

CONTRACTOR_ACTIONS = ("accept", "refuse", "appointment", "postpone", "report")
STAFF_ACTIONS = ("appointment", "postpone", "report", "cancel")

FORMS = {
    "refuse": forms.ReasonForm,
    "cancel": forms.ReasonForm,
    "appointment": forms.AppointmentForm,
    "postpone": forms.PostponeForm,
    "report": forms.ReportForm,
}


@dataclass(frozen=True)
class Outcome:
    ok: bool
    message: str


def blank_forms(order: WorkOrder, allowed: tuple[str, ...]) -> dict:
    """The forms of the actions open on `order`, each with its own prefix."""
    if not order.is_active:
        return {}
    return {
        action: FORMS[action](prefix=action)
        for action in allowed
        if action in FORMS and (action != "refuse" or order.status == "ordered")
    }


def perform(
    order: WorkOrder,
    action: str,
    *,
    post,
    files,
    actor: Actor,
    allowed: tuple[str, ...],
    uploaded_by=None,
) -> Outcome:
    if action not in allowed:
        return Outcome(False, _("Action inconnue."))
    form = FORMS[action](post, prefix=action) if action in FORMS else None
    if form is not None and not form.is_valid():
        return Outcome(False, _("Vérifiez les champs : %(errors)s") % {"errors": _errors(form)})
    data = form.cleaned_data if form is not None else {}
    try:
        match action:
            case "accept":
                orders.accept(order, actor=actor)
                return Outcome(True, _("Bon accepté. Proposez maintenant un rendez-vous."))
            case "refuse":
                orders.refuse(order, actor=actor, reason=data["reason"])
                return Outcome(True, _("Bon refusé : le bailleur en est informé."))
            case "cancel":
                orders.cancel(order, actor=actor, reason=data["reason"])
                return Outcome(True, _("Bon annulé : le lien envoyé ne s'ouvre plus."))
            case "appointment":
                orders.set_appointment(
                    order, actor=actor, start=data["start"], end=data["end"], reason=data["reason"]
                )
                return Outcome(True, _("Rendez-vous enregistré : le locataire est prévenu."))
            case "postpone":
                orders.postpone(
                    order,
                    actor=actor,
                    reason=data["reason"],
                    start=data.get("start"),
                    end=data.get("end"),
                )
                return Outcome(True, _("Report enregistré : le locataire est prévenu."))
            case "report":
                jpegs = [
                    photos.clean_photo(upload, name=upload.name, size=upload.size)
                    for upload in files.getlist(f"{action}-photos")
                    if upload.size
                ]
                orders.report(
                    order,
                    actor=actor,
                    done=data["done"],
                    reason=data["reason"],
                    notes=data["notes"],
                    visited_on=data["visited_on"],
                    photo_files=jpegs,
                    uploaded_by=uploaded_by,
                )
                return Outcome(True, _("Compte rendu enregistré. Merci."))
    except (WorkError, PhotoRejected) as error:
        return Outcome(False, error.user_message)
    return Outcome(False, _("Action inconnue."))


def _errors(form) -> str:
    return " ".join(
        f"{form.fields[name].label} : {' '.join(errors)}"
        if name in form.fields
        else " ".join(errors)
        for name, errors in form.errors.items()
    )
