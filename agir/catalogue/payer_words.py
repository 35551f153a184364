"""Who pays, in the tenant's words: the sentences every page, message and API answer shows.

The decision is `agir.catalogue.payer.who_pays`; this module only says it. Rules for the words
(issue 8, /work/shared/UX.md):
- «en principe» and «à confirmer» until an officer has taken the request in hand;
- the landlord confirms who pays, and the price where the tenant pays, before any work;
- a tenant repair caused by wear and tear, a defect, a construction fault or force majeure
  stays the landlord's (law 89-462 art. 7 d), said in plain words;
- decree 87-712's list is indicative («notamment»): never «only» what it names.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from agir.catalogue.models import Responsibility
from agir.catalogue.payer import WhoPays


@dataclass(frozen=True)
class PayerWords:
    """The sentences of one answer, in the order a page shows them."""

    decided: bool
    status: str  # «À confirmer» or «Décidé par votre bailleur»
    headline: str  # who pays, in one sentence
    reason: str  # the officer's reason, when given
    contact: str  # «Vous pouvez l'appeler directement (horaires) :», before the phone number
    phone: str  # the contractor's number for tenants (where a contract applies)
    explanation: str  # what a tenant repair is (only where the tenant may pay)
    exceptions: str  # law 89-462 art. 7 d in plain words (where the tenant may pay)
    confirmation: str  # who confirms what, before any work

    def plain(self) -> str:
        """All of it as one paragraph (messages, timeline, API)."""
        contact = f"{self.contact} {self.phone}." if self.phone else ""
        confirmation = self.confirmation
        if confirmation and not self.decided:
            confirmation = f"{self.status} : {confirmation[:1].lower()}{confirmation[1:]}"
        parts = [self.headline, self.reason, contact, self.exceptions, confirmation]
        return " ".join(part for part in parts if part)


def words_for(answer: WhoPays) -> PayerWords:
    contract = answer.contract
    phone = ""
    if answer.payer == Responsibility.CONTRACT and contract is not None and contract.phone:
        phone = contract.phone
    return PayerWords(
        decided=answer.decided,
        status=_("Décidé par votre bailleur") if answer.decided else _("À confirmer"),
        headline=headline(answer),
        reason=(_("Raison : %(reason)s") % {"reason": _full_stop(answer.reason)})
        if answer.decided and answer.reason
        else "",
        contact=_contact(answer) if phone else "",
        phone=phone,
        explanation=_explanation(answer),
        exceptions=exceptions_sentence(answer),
        confirmation=_confirmation(answer),
    )


def headline(answer: WhoPays) -> str:
    payer, decided, contract = answer.payer, answer.decided, answer.contract
    if payer == Responsibility.TENANT:
        if decided:
            return _(
                "Votre bailleur a examiné votre demande : cette réparation est à votre charge "
                "(réparation locative)."
            )
        return _(
            "En principe, cette réparation est à votre charge : c'est une réparation locative."
        )
    if payer == Responsibility.CONTRACT:
        if contract is None:
            return _(
                "L'entreprise sous contrat d'entretien avec votre bailleur s'en occupe : "
                "l'intervention ne vous est pas facturée en plus de vos charges."
            )
        if decided:
            lead = _(
                "Votre bailleur a examiné votre demande : %(company)s s'en occupe, sous contrat "
                "avec lui."
            )
        else:
            lead = _(
                "Cet équipement est entretenu par %(company)s, sous contrat avec votre bailleur."
            )
        return " ".join(
            [
                lead % {"company": contract.contractor},
                _(
                    "L'intervention est comprise dans le contrat : elle ne vous est pas facturée "
                    "en plus de vos charges."
                ),
            ]
        )
    if payer == Responsibility.LANDLORD:
        if decided:
            return _(
                "Votre bailleur a examiné votre demande : c'est à lui de faire et de payer cette "
                "réparation."
            )
        return _("En principe, c'est à votre bailleur de faire et de payer cette réparation.")
    if decided:
        return _(
            "Votre bailleur cherche d'abord d'où vient le problème, puis il vous dira qui paie."
        )
    return _(
        "Nous regarderons d'abord d'où vient le problème, puis nous vous dirons qui paie la "
        "réparation."
    )


def exceptions_sentence(answer: WhoPays) -> str:
    """Law 89-462 art. 7 d, where the tenant may end up paying (the same causes as
    `payer.EXCEPTIONS`, in one sentence that translates as a whole)."""
    if not answer.exceptions:
        return ""
    return _(
        "Une réparation locative reste à la charge de votre bailleur si elle est due à l'usure "
        "normale liée à l'âge (vétusté), à un défaut de l'équipement ou à un travail mal fait "
        "(malfaçon), à un défaut de construction, ou à un cas fortuit ou de force majeure "
        "(tempête, inondation…)."
    )


def _explanation(answer: WhoPays) -> str:
    if answer.payer != Responsibility.TENANT:
        return ""
    return _(
        "Une réparation locative est une petite réparation ou un entretien que la loi met à la "
        "charge du locataire. Le décret n° 87-712 du 26 août 1987 en donne une liste d'exemples."
    )


def _contact(answer: WhoPays) -> str:
    hours = answer.contract.hours if answer.contract else ""
    if hours:
        return _("Vous pouvez l'appeler directement (%(hours)s) :") % {"hours": hours}
    return _("Vous pouvez l'appeler directement :")


def _confirmation(answer: WhoPays) -> str:
    if answer.decided:
        if answer.payer == Responsibility.TENANT:
            return _("Votre bailleur vous dit ce qu'elle coûte avant toute intervention.")
        if answer.payer == Responsibility.ASSESS:
            return _("Il vous le dira avant toute intervention.")
        return ""
    if answer.payer == Responsibility.TENANT:
        return _(
            "Votre bailleur vous dira qui paie, et ce que coûte la réparation, avant toute "
            "intervention."
        )
    return _("Votre bailleur vous confirmera qui paie avant toute intervention.")


def _full_stop(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?", "…")) else f"{text}."
