"""The caretaker's phone without signal, in Debian's chromium at a phone's size.

Offline, the caretaker looks up a building's requests from the cache, enters three requests
(one with a photo) and sees «3 en attente»; back online, the server holds exactly those three,
with their photo, and the counter falls to 0. An answer lost on the way changes nothing. A
busy building's list of open requests reads page by page from the cache.
"""

from __future__ import annotations

import time

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from playwright.sync_api import Page, Route, expect

from agir.catalogue.models import Urgency
from agir.repairs.models import Origin, RepairRequest
from agir.rounds import places
from agir.rounds.sector_views import BUILDING_LINES, REQUESTS_PAGE
from tests.browser.conftest import axe_violations, csp_violations, new_page
from tests.builders import request_copies
from tests.personas import build_personas
from tests.tracking.images import jpeg

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def personas(transactional_db):
    return build_personas()


@pytest.fixture
def phone(browser, live_server, personas, tmp_path) -> Page:
    page = new_page(browser, viewport=PHONE, is_mobile=True, has_touch=True)
    client = Client()
    client.force_login(personas.caretaker.user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}]
    )
    yield page
    violations = csp_violations(page)
    page.context.close()
    assert violations == []


def wait_until(page: Page, condition: str, timeout: float = 30.0) -> None:
    """Poll `condition` (a JS function) until it holds: the pages' CSP forbids the string
    evaluation `wait_for_function` would use."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(condition):
        if time.monotonic() > deadline:
            raise AssertionError(f"never true: {condition}")
        page.wait_for_timeout(100)


def open_ready(page: Page, url: str) -> None:
    """Open `url` and wait until the phone has kept the sector for offline use."""
    page.goto(url)
    wait_until(page, "() => document.body.dataset.offlineReady === 'yes'")
    wait_until(page, "() => navigator.serviceWorker.controller !== null")


NOTHING_WAITING = (
    "() => document.querySelector('#queue-summary [data-pending-count]').textContent === '0'"
)


def pending(page: Page) -> str:
    """The tab bar's counter, once the page's script has counted the queue (the HTML's own
    figure is a placeholder until then)."""
    return page.evaluate(
        """async () => {
          await window.agirRounds.ready;
          return document.querySelector('.tabbar [data-pending-count]').textContent;
        }"""
    )


def enter_request(page: Page, base: str, key: str, entry: str, photo: str | None = None) -> None:
    page.goto(f"{base}{reverse('rounds:new_request')}?lieu={key}&probleme={entry}")
    page.get_by_label("Ce que vous voyez").fill("Vu pendant la tournée.")
    if photo:
        page.set_input_files("input[name=photos]", photo)
    page.get_by_role("button", name="Enregistrer la demande").click()
    page.wait_for_url(f"{base}{reverse('rounds:home')}")


def test_three_requests_made_offline_reach_the_server_once_with_their_photo(
    phone, live_server, personas, tmp_path
):
    base = live_server.url
    estate = personas.estate
    open_ready(phone, f"{base}{reverse('rounds:home')}")
    before = RepairRequest.objects.count()

    phone.context.set_offline(True)
    phone.goto(f"{base}{reverse('rounds:building', args=[estate.building.code])}")
    assert personas.alice_request.reference in phone.content()  # from the cache
    assert phone.locator("#offline-banner").is_visible()
    phone.goto(f"{base}{reverse('rounds:home')}")
    phone.get_by_label("Chercher un logement, un nom, un numéro de demande").fill(
        personas.alice.holder.last_name
    )
    phone.get_by_role("button", name="Chercher").click()
    # Drawn from the kept data once the click's script has read it.
    expect(phone.locator("#search-results")).to_contain_text(
        f"Logement {personas.alice.lease.dwelling.number}"
    )

    picture = tmp_path / "fuite.jpg"
    picture.write_bytes(jpeg(1200, 900))
    entrance_key = places.entrance_key(estate.entrances[0])
    # The new-request steps are drawn from the kept data: the entrance, then a dwelling.
    phone.goto(f"{base}{reverse('rounds:new_request')}?lieu={entrance_key}")
    phone.get_by_role("link", name=f"Logement {estate.dwellings[0].number}").first.click()
    phone.get_by_role("link", name="Cuisine").click()
    # Drawn by the page's script from the kept data: waited for, not read at once.
    expect(phone.get_by_role("link", name="Évier")).to_be_visible()
    enter_request(phone, base, places.dwelling_key(estate.dwellings[0]), "KIT-SINK-LEAK", picture)
    enter_request(phone, base, places.area_key(estate.common_areas["lift"]), "LIFT-CAR-NOT_WORKING")
    enter_request(
        phone, base, places.area_key(estate.common_areas["hall"]), "HALL-MAIN_DOOR-BROKEN"
    )
    assert pending(phone) == "3"
    phone.goto(f"{base}{reverse('rounds:queue')}")
    # The page's own figure is a placeholder until its script has counted the queue.
    expect(phone.locator("#queue-summary")).to_contain_text("3 en attente")
    assert RepairRequest.objects.count() == before

    phone.context.set_offline(False)
    wait_until(phone, NOTHING_WAITING)
    made = RepairRequest.objects.filter(origin=Origin.CARETAKER)
    assert made.count() == 3 and RepairRequest.objects.count() == before + 3
    assert sorted(r.photos.count() for r in made) == [0, 0, 1]
    assert {r.catalogue_entry.code for r in made} == {
        "KIT-SINK-LEAK",
        "LIFT-CAR-NOT_WORKING",
        "HALL-MAIN_DOOR-BROKEN",
    }


def test_a_busy_buildings_list_of_open_requests_reads_page_by_page_offline(
    phone, live_server, personas
):
    base = live_server.url
    building = personas.estate.building
    # 3 open requests of the personas, an old emergency and enough for two pages of the list
    (emergency,) = request_copies(
        personas.alice_request, 1, urgency=Urgency.EMERGENCY, hours_ago=2000
    )
    request_copies(personas.alice_request, REQUESTS_PAGE + 5)
    total = REQUESTS_PAGE + 9
    assert total > BUILDING_LINES
    open_ready(phone, f"{base}{reverse('rounds:home')}")

    phone.context.set_offline(True)
    phone.goto(f"{base}{reverse('rounds:building', args=[building.code])}")  # from the cache
    assert phone.locator("#offline-banner").is_visible()
    assert phone.locator("main .rows").first.locator("li").count() == BUILDING_LINES
    expect(phone.locator("main .rows li").first).to_contain_text(emergency.reference)
    expect(phone.locator("main .rows li").first).to_contain_text("Urgence absolue")
    phone.evaluate("window.agirRounds.ready")
    assert axe_violations(phone) == []
    phone.get_by_role("link", name=f"Voir les {total} demandes ouvertes").click()
    expect(phone.locator("h1")).to_have_text(f"{total} demandes en cours")
    first = phone.locator("main .rows li a").evaluate_all("(links) => links.map((a) => a.href)")
    phone.get_by_role("link", name="Suivantes").click()
    expect(phone.locator("main")).to_contain_text("Page 2 sur 2")
    second = phone.locator("main .rows li a").evaluate_all("(links) => links.map((a) => a.href)")
    assert len(first) == REQUESTS_PAGE and len(second) == total - REQUESTS_PAGE
    assert len(set(first + second)) == total
    assert axe_violations(phone) == []
    phone.get_by_role("link", name="Précédentes").click()
    expect(phone.locator("main")).to_contain_text("Page 1 sur 2")
    phone.locator("main .rows li a").last.click()  # a request's page, kept too
    expect(phone.locator("h1")).to_have_text(personas.alice_request.title)


def test_an_answer_lost_on_the_way_does_not_double_the_request(phone, live_server, personas):
    base = live_server.url
    open_ready(phone, f"{base}{reverse('rounds:home')}")
    before = RepairRequest.objects.count()
    calls = []

    def lose_first_answer(route: Route) -> None:
        calls.append(route.request.url)
        if len(calls) == 1:
            route.fetch()  # the server commits…
            route.abort()  # …and the phone never hears
        else:
            route.continue_()

    phone.route("**/api/rounds/sync", lose_first_answer)
    lift = places.area_key(personas.estate.common_areas["lift"])
    enter_request(phone, base, lift, "LIFT-CAR-NOISE")
    phone.goto(f"{base}{reverse('rounds:queue')}")
    phone.get_by_role("button", name="Envoyer maintenant").click()
    wait_until(phone, NOTHING_WAITING)
    assert len(calls) >= 2  # sent again after the lost answer
    made = RepairRequest.objects.filter(catalogue_entry__code="LIFT-CAR-NOISE")
    assert made.count() == 1 and RepairRequest.objects.count() == before + 1
    assert made.get().reference in phone.locator("#sent-list").inner_text()


def test_signing_out_with_unsent_items_asks_then_clears_the_phone(phone, live_server, personas):
    base = live_server.url
    open_ready(phone, f"{base}{reverse('rounds:home')}")
    # No way through for the sync from here on, whatever the emulated network says when.
    phone.route("**/api/rounds/sync", lambda route: route.abort())
    phone.context.set_offline(True)
    enter_request(
        phone,
        base,
        places.area_key(personas.estate.common_areas["hall"]),
        "HALL-LIGHTING-NOT_WORKING",
    )
    phone.context.set_offline(False)
    waiting = "async () => (await window.agirRounds.all('queue')).length"
    assert phone.evaluate(waiting) == 1
    questions = []
    phone.once("dialog", lambda dialog: (questions.append(dialog.message), dialog.dismiss()))
    phone.get_by_role("button", name="Se déconnecter").click()
    deadline = time.monotonic() + 15  # the question comes after the queue is read
    while not questions and time.monotonic() < deadline:
        phone.wait_for_timeout(100)
    assert questions and "pas encore envoyée" in questions[0]
    assert phone.evaluate(waiting) == 1
    assert phone.url.endswith(reverse("rounds:home"))
    phone.once("dialog", lambda dialog: dialog.accept())
    phone.get_by_role("button", name="Se déconnecter").click()
    phone.wait_for_url("**/compte/connexion/**")
    kept = phone.evaluate(
        """async () => {
          const names = await caches.keys();
          const db = await new Promise(r => {
            const q = indexedDB.open('agir-rounds', 1); q.onsuccess = () => r(q.result);
          });
          const count = await new Promise(r => {
            const q = db.transaction('queue').objectStore('queue').count();
            q.onsuccess = () => r(q.result);
          });
          return {names, count};
        }"""
    )
    assert "agir-sector" not in kept["names"] and kept["count"] == 0


def test_cached_data_holds_no_tenant_detail_beyond_the_pages(phone, live_server, personas):
    open_ready(phone, f"{live_server.url}{reverse('rounds:home')}")
    kept = phone.evaluate(
        """async () => {
          const cache = await caches.open('agir-sector');
          const texts = [];
          for (const request of await cache.keys()) {
            texts.push(await (await cache.match(request)).text());
          }
          return texts.join('\\n');
        }"""
    )
    assert personas.alice.holder.last_name in kept  # the name on the door, as the pages show
    for household in (personas.alice, personas.bob, personas.former_now):
        assert household.lease.reference not in kept
        for tenant in household.tenants:
            assert tenant.email not in kept
            assert tenant.mobile_phone not in kept
            assert tenant.external_ref not in kept


def test_every_caretaker_page_passes_axe(phone, live_server, personas):
    base = live_server.url
    estate = personas.estate
    entrance = estate.entrances[0]
    lift = places.area_key(estate.common_areas["lift"])
    urls = [
        reverse("rounds:home"),
        reverse("rounds:building", args=[estate.building.code]),
        reverse("rounds:building_requests", args=[estate.building.code]),
        reverse("rounds:entrance", args=[entrance.building.code, entrance.code]),
        reverse("rounds:dwelling", args=[estate.dwellings[0].code]),
        reverse("rounds:search") + f"?q={personas.alice.holder.last_name}",
        reverse("rounds:request", args=[personas.alice_request.code]),
        reverse("rounds:new_request"),
        reverse("rounds:new_request") + f"?lieu={places.entrance_key(entrance)}",
        reverse("rounds:new_request") + f"?lieu={lift}",
        reverse("rounds:new_request") + f"?lieu={lift}&equipement=lift_car",
        reverse("rounds:new_request") + f"?lieu={lift}&probleme=LIFT-CAR-NOT_WORKING",
        reverse("rounds:rounds"),
        reverse("rounds:round", args=[estate.building.code]),
        reverse("rounds:queue"),
    ]
    found = {}
    for url in urls:
        phone.goto(f"{base}{url}")
        phone.evaluate("window.agirRounds.ready")
        violations = axe_violations(phone)
        if violations:
            found[url] = violations
    assert found == {}


def test_the_app_shell_weighs_under_150_kb(phone, live_server):
    page = phone
    sizes = []
    page.on(
        "response",
        lambda r: sizes.append((r.url, len(r.body()) if r.ok and r.request.method == "GET" else 0)),
    )
    page.goto(f"{live_server.url}{reverse('rounds:queue')}", wait_until="networkidle")
    for path in (reverse("rounds:service_worker"), reverse("rounds:manifest")):
        sizes.append((path, len(page.request.get(f"{live_server.url}{path}").body())))
    shell = [
        (url, size) for url, size in sizes if "donnees.json" not in url and "pictures" not in url
    ]
    total = sum(size for _url, size in shell)
    assert any(url.endswith("rounds.js") for url, _size in shell)
    assert 10 * 1024 < total < 150 * 1024, shell
