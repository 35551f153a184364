"""The rules of quotes. Nothing here changes a request's status: sending and answering a quote
are messages in the request's history, written through agir.repairs.lifecycle."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from agir.catalogue.models import Responsibility
from agir.catalogue.payer import who_pays_for_request
from agir.repairs import lifecycle
from agir.repairs.lifecycle import Actor, InvalidRequest
from agir.repairs.models import RepairRequest

from .models import Quote, QuoteState


def quote_refusal(request: RepairRequest) -> str | None:
    """Why no quote may be sent for `request` now, in French; None when one may."""
    if not request.is_open:
        return _("La demande n'est plus en cours.")
    if who_pays_for_request(request).payer != Responsibility.TENANT:
        return _("Un devis ne s'envoie que pour une réparation à la charge du locataire.")
    return None


def send(request: RepairRequest, *, amount: Decimal, covers: str, actor: Actor) -> Quote:
    """Send a quote to the tenant; a quote still waiting for an answer is replaced."""
    refusal = quote_refusal(request)
    if refusal is not None:
        raise InvalidRequest("no quote for this request", refusal)
    if amount is None or amount <= 0:
        raise InvalidRequest("amount must be positive", _("Le montant doit être positif."))
    covers = covers.strip()
    if not covers:
        raise InvalidRequest("covers is required", _("Dites ce que le devis comprend."))
    with transaction.atomic():
        request.quotes.filter(state=QuoteState.SENT).update(state=QuoteState.WITHDRAWN)
        quote = Quote.objects.create(
            request=request,
            amount=amount,
            covers=covers,
            sent_by=actor.user,
            sent_at=timezone.now(),
        )
        lifecycle.comment(
            request,
            actor=actor,
            message=_(
                "Devis : %(amount)s € TTC pour %(covers)s. Acceptez-le ou refusez-le sur la "
                "page de votre demande : rien ne sera commandé sans votre accord."
            )
            % {"amount": quote.amount_text, "covers": covers},
            data={"quote": str(quote.code), "amount": f"{amount:.2f}"},
        )
    return quote


def waiting(request: RepairRequest) -> Quote | None:
    return request.quotes.filter(state=QuoteState.SENT).order_by("-sent_at").first()


def accept(quote: Quote, *, actor: Actor) -> Quote:
    return _answer(quote, actor=actor, state=QuoteState.ACCEPTED, reason="")


def refuse(quote: Quote, *, actor: Actor, reason: str = "") -> Quote:
    return _answer(quote, actor=actor, state=QuoteState.REFUSED, reason=reason.strip())


def _answer(quote: Quote, *, actor: Actor, state: str, reason: str) -> Quote:
    with transaction.atomic():
        current = Quote.objects.select_for_update().get(pk=quote.pk)
        if current.state != QuoteState.SENT:
            raise InvalidRequest(
                f"quote {quote.code} is {current.state}",
                _("Ce devis a déjà une réponse ou a été remplacé."),
            )
        current.state = state
        current.answered_by = actor.user
        current.answered_at = timezone.now()
        current.refusal_reason = reason[:500]
        current.save(update_fields=["state", "answered_by", "answered_at", "refusal_reason"])
        if state == QuoteState.ACCEPTED:
            message = _("Devis de %(amount)s € TTC accepté.") % {"amount": current.amount_text}
        else:
            message = _("Devis de %(amount)s € TTC refusé.") % {"amount": current.amount_text}
            if reason:
                message = f"{message} {reason}"
        lifecycle.comment(
            current.request,
            actor=actor,
            message=message,
            data={"quote": str(current.code), "answer": state},
        )
    return current


def work_may_be_ordered(request: RepairRequest) -> bool:
    """Work is ordered for a repair the tenant pays only once they accepted a quote (for the
    work orders' part of the back office)."""
    if who_pays_for_request(request).payer != Responsibility.TENANT:
        return True
    return request.quotes.filter(state=QuoteState.ACCEPTED).exists()
