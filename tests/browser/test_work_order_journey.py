"""Issue 9's journey, in Debian's chromium against the live server: an officer finds a
tenant's request by the tenant's name, takes it in hand, orders it from the proposed
contractor; the contractor, signed in, proposes an appointment; the officer postpones it with
a reason (the tenant's voice message is made); the contractor reports it done with a photo; the
tenant's timeline tells each step in plain French."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from playwright.sync_api import Page, expect

from agir.notify import dispatch
from agir.notify.files import notify_path
from agir.notify.models import Notification
from agir.repairs.models import Status
from agir.works.models import WorkOrder
from tests.browser.conftest import Shots, new_page
from tests.personas import build_personas
from tests.staff_sign_in import sign_in
from tests.tracking import images
from tests.works.conftest import plumbing_contract

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _signed_in(browser, live_server, user) -> Page:
    page = new_page(browser)
    client = Client()
    sign_in(client, user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}]
    )
    return page


def _working_day(days: int) -> str:
    day = timezone.localdate() + timedelta(days=days)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day.isoformat()


def test_a_request_goes_from_the_officer_to_the_contractor_and_back_to_the_tenant(
    browser, live_server, settings, tmp_path, request
):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.NOTIFY_VOICE_GATEWAY = "local"
    shots = Shots(request.node.name)
    p = build_personas()
    plumbing_contract(p)
    alice = p.alice.holder
    alice.email = ""
    alice.mobile_phone = "06 11 22 33 44"
    alice.preferred_channels = ["voice"]
    alice.save()
    repair = p.alice_request
    base = live_server.url

    # The officer finds the request by the tenant's name and takes it in hand.
    officer = _signed_in(browser, live_server, p.officer)
    officer.goto(f"{base}/bureau/demandes/")
    officer.get_by_label("Rechercher").fill(alice.last_name)
    officer.keyboard.press("Enter")
    officer.wait_for_url(re.compile("q="))
    found = officer.locator("table.inbox tbody")
    expect(found).to_contain_text(repair.reference)
    expect(found).not_to_contain_text(p.bob_request.reference)
    shots.take(officer, "officer-finds-the-request-by-name")
    found.get_by_role("link", name=re.compile(repair.reference)).first.click()
    expect(officer.get_by_role("heading", level=1)).to_contain_text(repair.reference)
    officer.get_by_role("button", name="Prendre en compte").click()
    expect(officer.locator(".messages")).to_contain_text("enregistré")
    shots.take(officer, "officer-request-taken-in-hand")

    # … and orders it from the proposed contractor.
    officer.get_by_role("link", name="Commander les travaux").click()
    expect(officer.locator("body")).to_contain_text("Entreprise proposée : Plomberie Lys Services")
    expect(officer.get_by_role("radio", name="Entreprise")).to_be_checked()
    expect(officer.get_by_role("combobox", name="Entreprise")).to_have_value(
        str(p.contractor.contractors.get().pk)
    )
    shots.take(officer, "officer-order-form")
    officer.get_by_role("button", name="Envoyer le bon de travaux").click()
    expect(officer.locator(".messages")).to_contain_text("envoyé à Plomberie Lys Services")
    order = WorkOrder.objects.get(request=repair)

    # The contractor, signed in, finds it in its list and proposes an appointment.
    firm = _signed_in(browser, live_server, p.contractor)
    firm.goto(f"{base}/prestataire/")
    firm.get_by_role("link", name=order.number).click()
    firm.get_by_label("Jour").first.fill(_working_day(3))
    firm.locator("#form-appointment").get_by_label("Moment").select_option("morning")
    shots.take(firm, "contractor-order")
    firm.get_by_role("button", name="Enregistrer le rendez-vous").click()
    expect(firm.locator(".messages")).to_contain_text("le locataire est prévenu")
    repair.refresh_from_db()
    assert repair.status == Status.SCHEDULED

    # The officer postpones it with a reason; the tenant's voice message is made.
    officer.goto(f"{base}/bureau/bons/{order.code}/")
    form = officer.locator("#form-postpone")
    form.get_by_label("Raison du report").fill("L'entreprise attend une pièce.")
    form.get_by_label("Nouveau jour").fill(_working_day(6))
    form.get_by_label("Moment").select_option("afternoon")
    form.get_by_role("button", name="Reporter").click()
    expect(officer.locator(".messages")).to_contain_text("Report enregistré")
    dispatch.send_due()
    voice = Notification.objects.get(request=repair, template="visit_postponed")
    assert voice.channel == "voice"
    assert voice.artifact and notify_path(voice.artifact).exists()
    assert notify_path(voice.artifact).read_bytes()[:4] == b"RIFF"

    # The contractor reports it done, with a photo.
    firm.reload()
    report = firm.locator("#form-report")
    report.get_by_label("Oui, c'est réparé").check()
    report.get_by_label("Observations").fill("Joint du siphon changé, plus de fuite.")
    report.get_by_label("Date du passage").fill(timezone.localdate().isoformat())
    photo = tmp_path / "apres.jpg"
    photo.write_bytes(images.jpeg())
    report.get_by_label("Photos").set_input_files(str(photo))
    report.get_by_role("button", name="Envoyer le compte rendu").click()
    expect(firm.locator(".messages")).to_contain_text("Compte rendu enregistré")
    repair.refresh_from_db()
    assert repair.status == Status.DONE and repair.photos.count() == 1

    # The tenant reads each step in plain French.
    tenant = _signed_in(browser, live_server, p.alice_user)
    tenant.goto(f"{base}/locataire/demandes/{repair.code}/")
    timeline = tenant.locator(".timeline")
    expect(timeline).to_contain_text("Votre demande est prise en charge")
    expect(timeline).to_contain_text("Intervention prévue le")
    expect(timeline).to_contain_text("Intervention reportée au")
    expect(timeline).to_contain_text("l'entreprise attend une pièce")
    expect(timeline).to_contain_text("Les travaux ont commencé")
    expect(timeline).to_contain_text("Travaux terminés : joint du siphon changé")
    shots.take(tenant, "tenant-timeline")
    for page in (officer, firm, tenant):
        page.context.close()
