"""What a tenant types is text: it cannot change an email's headers nor its HTML."""

from datetime import datetime

import pytest
import time_machine
from django.utils import timezone

from agir.notify import dispatch
from agir.repairs import lifecycle
from agir.repairs.lifecycle import Actor
from tests.builders import submitted_request
from tests.smtp import SmtpServer, use_smtp_port


@pytest.fixture
def smtp(settings):
    with SmtpServer() as server:
        use_smtp_port(settings, server.port)
        yield server


def test_markup_in_a_message_is_escaped_in_the_html_email(household, officer, smtp):
    with time_machine.travel(timezone.make_aware(datetime(2026, 3, 11, 10)), tick=True):
        request = submitted_request(household)
        lifecycle.comment(
            request, actor=Actor.of(officer), message='<script>alert(1)</script><a href="x">'
        )
        dispatch.send_due()
    message = next(m for m in smtp.received if "Nouveau message" in m["Subject"])
    html = message.get_body(("html",)).get_content()
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)</script>" in message.get_body(("plain",)).get_content()


def test_a_line_break_in_a_quoted_field_cannot_add_a_header(household, smtp):
    from agir.notify.models import MessageTemplate

    # A manager puts the request's title in the subject; a tenant typed line breaks in it.
    MessageTemplate.objects.filter(kind="request_submitted").update(
        email_subject="Demande {{ reference }} : {{ title }}"
    )
    request = submitted_request(household)
    from agir.notify.models import Notification

    notification = Notification.objects.get(request=request)
    notification.context["title"] = "Fuite\r\nBcc: victim@example.org\r\nX-Injected: 1"
    notification.save()
    dispatch.send_due()
    [message] = smtp.received
    assert message["Bcc"] is None and message["X-Injected"] is None
    assert message["Subject"] == (
        f"Demande {request.reference} : Fuite Bcc: victim@example.org X-Injected: 1"
    )
