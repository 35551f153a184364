"""The work order goes to the contractor by email through the outbox: retried, logged, with
its PDF; the link is made when it is sent, and a cancelled order is not sent."""

from __future__ import annotations

import pytest

from agir.notify import dispatch
from agir.notify.models import Notification, NotificationState
from agir.repairs.lifecycle import Actor
from agir.works import orders
from tests.smtp import SmtpServer, use_smtp_port

CONTRACTOR = "interventions@plomberie-lys.example"


def _to_contractor(smtp):
    return [m for m in smtp.received if m["To"] == CONTRACTOR]


@pytest.fixture
def smtp(settings):
    with SmtpServer() as server:
        use_smtp_port(settings, server.port)
        yield server


def test_the_contractor_gets_the_order_with_its_pdf_and_link(works, smtp):
    order = works.order()
    dispatch.send_due()
    [message] = _to_contractor(smtp)
    assert order.number in message["Subject"]
    [attachment] = list(message.iter_attachments())
    assert attachment.get_filename() == f"bon-de-travaux-{order.number}.pdf"
    assert attachment.get_content().startswith(b"%PDF")
    assert "/prestataire/bons/" in message.get_body(("plain",)).get_content()


def test_a_contractor_without_an_account_gets_a_signed_link(works, smtp):
    works.company.users.clear()
    works.order()
    dispatch.send_due()
    assert "/bon/" in _to_contractor(smtp)[0].get_body(("plain",)).get_content()


def test_the_outbox_keeps_no_link(works, smtp):
    order = works.order()
    notification = Notification.objects.get(template="work_order")
    assert "bon/" not in str(notification.context)
    assert notification.context == {"order": order.pk, "version": order.link_version}


def test_a_refused_delivery_is_retried_and_logged(works, smtp):
    dispatch.send_due()  # the tenant's messages so far
    smtp.handler.refusals = ["451 4.3.0 Mailbox busy, try later"]
    works.order()
    dispatch.send_due()
    notification = Notification.objects.get(template="work_order")
    assert notification.state == NotificationState.QUEUED and notification.attempts == 1
    assert "451" in notification.last_error
    notification.next_attempt_at = notification.created_at
    notification.save(update_fields=["next_attempt_at"])
    dispatch.send_due()
    notification.refresh_from_db()
    assert notification.state == NotificationState.SENT
    assert len(_to_contractor(smtp)) == 1


def test_an_order_cancelled_before_sending_is_not_sent(works, smtp):
    order = works.order()
    orders.cancel(order, actor=Actor.of(works.officer), reason="Erreur d'entreprise.")
    dispatch.send_due()
    assert _to_contractor(smtp) == []
    notification = Notification.objects.get(template="work_order")
    assert notification.state == NotificationState.FAILED
    assert "cancelled" in notification.last_error
