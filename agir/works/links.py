"""The signed link a contractor without an account answers a work order with.

The link names one work order and the version of its link (`WorkOrder.link_version`); it is
signed (django.core.signing) and expires. Cancelling, reassigning, refusing or finishing the
order bumps the version: a link sent before opens nothing, whatever its signature says.
"""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.urls import reverse

from .models import WorkOrder

SALT = "agir.works.link"
DEFAULT_DAYS = 60


def valid_days() -> int:
    return int(getattr(settings, "WORKS_LINK_DAYS", DEFAULT_DAYS))


def make_token(order: WorkOrder) -> str:
    return signing.dumps({"o": str(order.code), "v": order.link_version}, salt=SALT, compress=True)


def link_for(order: WorkOrder) -> str:
    path = reverse("works:link", kwargs={"token": make_token(order)})
    return settings.PUBLIC_BASE_URL.rstrip("/") + path


class LinkProblem(Exception):
    """Why a link opens nothing: `status` (404 or 403) and a French message for the person."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def order_for_token(token: str) -> WorkOrder:
    """The work order the link opens, or LinkProblem."""
    from django.utils.translation import gettext as _

    try:
        payload = signing.loads(token, salt=SALT, max_age=valid_days() * 86400)
    except signing.SignatureExpired:
        raise LinkProblem(
            403,
            _("Ce lien a expiré. Demandez au bailleur de vous renvoyer le bon de travaux."),
        ) from None
    except signing.BadSignature:
        raise LinkProblem(404, _("Ce lien n'existe pas.")) from None
    order = (
        WorkOrder.objects.select_related(
            "request__building", "request__dwelling", "request__common_area", "contractor"
        )
        .filter(code=payload.get("o"))
        .first()
    )
    if order is None:
        raise LinkProblem(404, _("Ce lien n'existe pas."))
    if payload.get("v") != order.link_version or not order.is_active:
        raise LinkProblem(
            403,
            _(
                "Ce lien n'est plus valable : le bon de travaux a été annulé, confié à un "
                "autre ou terminé."
            ),
        )
    return order
