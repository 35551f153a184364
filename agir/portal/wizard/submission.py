"""Confirming the wizard: one request, through repairs.lifecycle, with its photos."""

from __future__ import annotations

from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _

from agir.catalogue import payer, snapshot
from agir.catalogue.payer import WhoPays
from agir.estate.models import Dwelling
from agir.notify.rules import known_for
from agir.portal import access
from agir.repairs import lifecycle, photos
from agir.repairs.lifecycle import Actor, LifecycleError, NewRequest
from agir.repairs.models import Origin, RepairRequest

from . import drafts
from .flow import Answers


class ChargeNotAccepted(LifecycleError):
    def __init__(self) -> None:
        super().__init__("the tenant has not acknowledged a tenant repair")
        self.user_message = _(
            "Cochez « J'ai compris que cette réparation peut m'être facturée » pour envoyer "
            "votre demande."
        )


def who_pays(answers: Answers) -> WhoPays:
    """Who pays, en principe, for the problem chosen at the place chosen (with its contracts)."""
    place = answers.place
    where = place.common_area if place is not None and place.is_common else answers.dwelling
    return payer.who_pays(answers.entry, where)


def needs_acknowledgement(answers: Answers, answer: WhoPays | None = None) -> bool:
    """The tenant may be billed: they tick «J'ai compris…» before sending."""
    return (answer or who_pays(answers)).tenant_pays


def title(answers: Answers) -> str:
    """The request's title, saying which room when the catalogue's words do not."""
    place = answers.place
    if answers.entry is None:
        base = _("%(equipment)s : autre problème") % {"equipment": answers.equipment.label}
    else:
        base = answers.entry.title
    if place is not None and place.room is not None:
        base = f"{base} ({place.label})"
    return base[:120]


def confirm(
    answers: Answers, user, *, accept_charge: bool, origin: str = Origin.TENANT_WEB
) -> RepairRequest:
    """Submit the request (idempotent by the wizard's id) and attach the waiting photos.

    `user` is who enters it: the tenant, or an officer taking it by phone or at the counter
    (`origin`), for the tenant of `answers`, who gets the same acknowledgement either way."""
    # Who pays is asked twice, for the tick box and for the saved request: one look-up of the
    # place's contracts serves both. The acknowledgement's letter address is the tenant's home,
    # which the pages read already.
    with payer.contracts_remembered(), known_for((), homes=_homes_read(answers, user)):
        return _confirm(answers, user, accept_charge=accept_charge, origin=origin)


def _homes_read(answers: Answers, user) -> dict[int, Dwelling]:
    """The tenant's home as the wizard's pages read it (their current lease begun last, with
    its dwelling, entrance, building and site); nothing when an officer enters the request."""
    tenant = answers.tenant
    if tenant is None or tenant.user_id != user.pk:
        return {}
    try:
        return {tenant.pk: access.current_lease(user).dwelling}
    except Http404:
        return {}


def _confirm(answers: Answers, user, *, accept_charge: bool, origin: str) -> RepairRequest:
    if not answers.has_problem:
        raise lifecycle.InvalidRequest(
            "the wizard has no problem chosen", _("Dites-nous d'abord quel est le problème.")
        )
    if answers.entry is not None:
        # The pages read the catalogue a process keeps; what is saved (and who pays) comes
        # from the database, in case an officer changed the entry a moment ago.
        answers.entry = snapshot.entry(answers.entry.code, fresh=True)
        if answers.entry is None:
            raise lifecycle.InvalidRequest(
                "the catalogue entry is no longer active",
                _(
                    "Ce problème ne correspond pas à ce lieu. Choisissez-le à nouveau, "
                    "s'il vous plaît."
                ),
            )
    tenant_pays = needs_acknowledgement(answers)
    if tenant_pays and not accept_charge:
        raise ChargeNotAccepted
    state = answers.state
    place = answers.place
    new = NewRequest(
        idempotency_key=state.key,
        origin=origin,
        title=title(answers),
        dwelling=None if place.is_common else answers.dwelling,
        common_area=place.common_area,
        catalogue_entry=answers.entry,
        description=state.description,
        requested_by=answers.tenant,
        lease=answers.lease,
        availability=list(state.availability),
        access_notes=state.access_notes,
        tenant_accepted_charge=bool(accept_charge and tenant_pays),
    )
    with transaction.atomic():
        submission = lifecycle.submit_new(new, actor=Actor.of(user))
        if submission.created:
            for photo in state.photos:
                jpeg = drafts.read(photo)
                if jpeg is not None:
                    photos.attach(submission.request, jpeg, uploaded_by=user)
    if submission.created:
        for photo in state.photos:
            drafts.remove(photo)
    return submission.request
