"""The work order sent to a contractor by email, through the outbox (retried, logged).

Queued with agir.notify.personal and rendered here when the worker sends it: the PDF copy and
the signed link are made then, so no live link waits in the outbox table, and an order
cancelled meanwhile is not sent (the delivery log says why).
"""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from agir.core.pdf import html_to_pdf
from agir.notify import personal
from agir.notify.channels import PermanentFailure
from agir.notify.message import RenderedMessage
from agir.notify.models import Notification

from .links import link_for, valid_days
from .models import WorkOrder

WORK_ORDER = "work_order"


def key_base(order: WorkOrder) -> str:
    return f"work-order-{order.pk}-v{order.link_version}"


def queue_order_email(order: WorkOrder) -> Notification:
    """Queue the work order's email to its contractor; once per order and link version."""
    return personal.queue_email(
        WORK_ORDER,
        address=order.contractor.email,
        recipient_name=order.contractor.name,
        key_base=key_base(order),
        context={"order": order.pk, "version": order.link_version},
    )


def emails_of(order: WorkOrder):
    return Notification.objects.filter(idempotency_key__startswith=f"work-order-{order.pk}-v")


def order_pdf(order: WorkOrder) -> bytes:
    with translation.override("fr"):
        html = render_to_string(
            "works/pdf/order.html", {"order": order, "landlord": settings.LANDLORD}
        )
    return html_to_pdf(html)


def render_work_order(notification: Notification) -> RenderedMessage:
    order = (
        WorkOrder.objects.select_related("contractor", "request")
        .filter(pk=notification.context.get("order"))
        .first()
    )
    if order is None:
        raise PermanentFailure("not sent: the work order no longer exists")
    if not order.is_active or order.link_version != notification.context.get("version"):
        raise PermanentFailure("not sent: the work order was cancelled or reassigned since")
    with_account = order.contractor.users.filter(is_active=True).exists()
    base = settings.PUBLIC_BASE_URL.rstrip("/")
    context = {
        "order": order,
        "landlord": settings.LANDLORD,
        "link": link_for(order),
        "valid_days": valid_days(),
        "account_url": base + reverse("works:contractor_order", args=[order.code])
        if with_account
        else "",
    }
    with translation.override("fr"):
        subject = render_to_string("works/email/subject.txt", context)
        text = render_to_string("works/email/body.txt", context)
        html = render_to_string("works/email/body.html", context)
    return RenderedMessage(
        subject=" ".join(subject.split()),
        text=text,
        html=html,
        attachments=[(f"bon-de-travaux-{order.number}.pdf", order_pdf(order), "application/pdf")],
    )


def register_renderers() -> None:
    personal.register(WORK_ORDER, render_work_order)
