"""Emails about a request link to where the tenant follows it: the request's page for its
author (the acknowledgement first), the home page for a neighbour who follows it."""

import pytest
from django.urls import reverse

from agir.notify import dispatch
from agir.repairs import followers, lifecycle
from agir.repairs.lifecycle import Actor
from tests.builders import build_household, build_staff, common_area_request, submitted_request
from tests.smtp import SmtpServer, use_smtp_port


@pytest.fixture
def smtp(settings):
    settings.PUBLIC_BASE_URL = "https://agir.val-de-lys.example"
    with SmtpServer() as server:
        use_smtp_port(settings, server.port)
        yield server


def bodies(message) -> tuple[str, str]:
    return (
        message.get_body(("plain",)).get_content(),
        message.get_body(("html",)).get_content(),
    )


def test_the_acknowledgement_email_links_to_the_requests_page(smtp, household):
    request = submitted_request(household)
    dispatch.send_due()

    [message] = smtp.received
    assert message["Subject"] == f"Demande enregistrée n° {request.reference}"
    url = "https://agir.val-de-lys.example" + reverse("portal:request", args=[request.code])
    text, html = bodies(message)
    assert url in text
    assert f'href="{url}"' in html


def test_a_neighbour_who_follows_a_request_gets_a_link_to_their_home_not_its_page(
    smtp, estate, household
):
    neighbour = build_household(estate.dwellings[1])
    request = common_area_request(household, estate.common_areas["lift"])
    followers.join(request, neighbour.holder, actor=Actor.of(neighbour.holder.user))
    dispatch.send_due()
    smtp.received.clear()
    lifecycle.acknowledge(request, actor=Actor.of(build_staff()))
    dispatch.send_due()

    to_neighbour = next(m for m in smtp.received if m["To"] == neighbour.holder.email)
    text, html = bodies(to_neighbour)
    assert "https://agir.val-de-lys.example" + reverse("portal:home") in text
    assert str(request.code) not in text and str(request.code) not in html
