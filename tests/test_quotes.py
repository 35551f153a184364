"""Quotes: where the tenant pays, the officer sends a price the tenant accepts or refuses on
their request's page before any work is ordered; nobody else sees or answers it."""

import html

import pytest

from agir.notify.models import Notification
from agir.quotes import service
from agir.quotes.models import Quote, QuoteState
from agir.repairs.lifecycle import Actor, InvalidRequest
from agir.repairs.models import EventKind
from tests.builders import build_staff, submitted_request
from tests.staff_sign_in import sign_in

TENANT_REPAIR = "KIT-SINK-BLOCKED"


def taken_in_hand(request, officer) -> None:
    from agir.repairs import lifecycle

    lifecycle.take_in_hand(
        request, actor=Actor.of(officer), responsibility="tenant", urgency=request.urgency
    )


def send_by_http(client, request, amount="95", covers="Débouchage de l'évier"):
    return client.post(
        f"/bureau/demandes/{request.code}/quote/",
        {"quote-amount": amount, "quote-covers": covers},
        follow=True,
    )


@pytest.fixture
def tenant_repair(household):
    return submitted_request(household, entry_code=TENANT_REPAIR)


@pytest.fixture
def quote(tenant_repair, officer):
    return service.send(
        tenant_repair, amount=95, covers="Débouchage de l'évier", actor=Actor.of(officer)
    )


@pytest.mark.parametrize("role", ["officer", "manager"])
def test_staff_send_a_quote_for_a_tenant_repair(client, tenant_repair, role):
    sign_in(client, build_staff(role))
    send_by_http(client, tenant_repair)
    quote = Quote.objects.get(request=tenant_repair)
    assert quote.state == QuoteState.SENT
    event = tenant_repair.events.get(kind=EventKind.COMMENTED)
    assert event.public and event.data["quote"] == str(quote.code)
    assert Notification.objects.filter(event=event, template="landlord_message").exists()


@pytest.mark.parametrize("role", ["caretaker", "contractor"])
def test_other_staff_cannot_send_a_quote(client, tenant_repair, role):
    sign_in(client, build_staff(role))
    response = client.post(
        f"/bureau/demandes/{tenant_repair.code}/quote/",
        {"quote-amount": "95", "quote-covers": "Débouchage"},
    )
    assert response.status_code == 404
    assert not Quote.objects.exists()


def test_no_quote_for_a_repair_the_landlord_pays(client, household, officer):
    request = submitted_request(household)  # to be assessed: not the tenant's charge
    sign_in(client, officer)
    page = client.get(f"/bureau/demandes/{request.code}/").content.decode()
    assert 'id="action-quote"' not in page
    response = send_by_http(client, request)
    assert "Un devis ne s'envoie que pour une réparation" in html.unescape(
        response.content.decode()
    )
    assert not Quote.objects.exists()


def test_the_tenant_sees_the_quote_on_their_request_page(client, household, quote):
    sign_in(client, household.holder.user)
    page = client.get(f"/locataire/demandes/{quote.request.code}/").content.decode()
    assert "95,00 € TTC" in page
    assert f"/devis/{quote.code}/accepter/" in page


def test_the_tenant_accepts_the_quote(client, household, quote):
    sign_in(client, household.holder.user)
    response = client.post(f"/locataire/demandes/{quote.request.code}/devis/{quote.code}/accepter/")
    assert response.status_code == 302
    quote.refresh_from_db()
    assert quote.state == QuoteState.ACCEPTED
    assert service.work_may_be_ordered(quote.request)


def test_the_tenant_refuses_the_quote_with_a_reason(client, household, quote):
    sign_in(client, household.holder.user)
    client.post(
        f"/locataire/demandes/{quote.request.code}/devis/{quote.code}/refuser/",
        {"reason": "Je le ferai moi-même."},
    )
    quote.refresh_from_db()
    assert quote.state == QuoteState.REFUSED
    assert quote.refusal_reason == "Je le ferai moi-même."
    assert not service.work_may_be_ordered(quote.request)


def test_work_is_not_ordered_before_the_quote_is_accepted(quote):
    assert not service.work_may_be_ordered(quote.request)


def test_tenant_b_cannot_see_or_accept_tenant_as_quote(client, neighbour, quote):
    sign_in(client, neighbour.holder.user)
    assert client.get(f"/locataire/demandes/{quote.request.code}/").status_code == 404
    url = f"/locataire/demandes/{quote.request.code}/devis/{quote.code}/accepter/"
    assert client.post(url).status_code == 404
    quote.refresh_from_db()
    assert quote.state == QuoteState.SENT


def test_a_quote_answered_once_cannot_be_answered_again(household, quote):
    actor = Actor.of(household.holder.user)
    service.accept(quote, actor=actor)
    with pytest.raises(InvalidRequest):
        service.refuse(quote, actor=actor)


def test_a_new_quote_replaces_the_one_waiting(tenant_repair, officer, quote):
    service.send(tenant_repair, amount=80, covers="Débouchage seul", actor=Actor.of(officer))
    quote.refresh_from_db()
    assert quote.state == QuoteState.WITHDRAWN
    assert service.waiting(tenant_repair).amount == 80


def test_no_work_order_for_a_tenant_repair_before_the_quote_is_accepted(tenant_repair, officer):
    from agir.works.orders import WorkError, order_work

    lifecycle_actor = Actor.of(officer)
    taken_in_hand(tenant_repair, officer)
    service.send(tenant_repair, amount=90, covers="Débouchage", actor=lifecycle_actor)
    with pytest.raises(WorkError) as refused:
        order_work(
            tenant_repair, actor=lifecycle_actor, assignee="technician", job="Déboucher",
            technician="Régie",
        )  # fmt: skip
    assert "devis" in refused.value.user_message


def test_work_is_ordered_once_the_tenant_accepted_the_quote(tenant_repair, household, officer):
    from agir.works.orders import order_work

    taken_in_hand(tenant_repair, officer)
    quote = service.send(tenant_repair, amount=90, covers="Débouchage", actor=Actor.of(officer))
    service.accept(quote, actor=Actor.of(household.holder.user))
    order = order_work(
        tenant_repair, actor=Actor.of(officer), assignee="technician", job="Déboucher",
        technician="Régie", send=False,
    )  # fmt: skip
    assert order.pk
