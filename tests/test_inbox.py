"""The officer's inbox: what needs someone first, each row in words, filters, search, saved
views, scope by sector, pages by keyset, and the same queries for 10 rows or 1,000."""

import importlib
import itertools
import uuid
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from agir.accounts.models import Role
from agir.backoffice.models import SavedInboxView
from agir.repairs import lifecycle
from agir.repairs.lifecycle import Actor
from agir.repairs.models import RepairRequest, Status
from tests.builders import (
    build_estate,
    build_household,
    build_staff,
    new_request,
)
from tests.staff_sign_in import sign_in


@pytest.fixture
def inbox(client, officer):
    sign_in(client, officer)

    def get(**params):
        response = client.get("/bureau/demandes/", params)
        assert response.status_code == 200
        return response

    return get


def submitted(household, *, ago=timedelta(0), entry="KIT-SINK-BLOCKED", **kwargs):
    return lifecycle.submit_new(
        new_request(household, entry_code=entry, **kwargs),
        actor=Actor.system("test"),
        at=timezone.now() - ago,
    ).request


def position(response, *repairs):
    text = response.text
    return [text.index(r.reference) for r in repairs]


def test_emergencies_and_overdue_come_first_then_by_time_left(inbox, estate):
    households = [build_household(d) for d in estate.dwellings[:4]]
    late = submitted(households[0], ago=timedelta(days=10))  # normal, overdue
    fresh = submitted(households[1])  # normal, 2 working days left
    soon = submitted(households[2], entry="KIT-SINK-LEAK")  # urgent: 24 h left
    emergency = submitted(households[3], entry="KIT-HOB-GAS_SMELL")
    first, second, third, fourth = position(inbox(), emergency, late, soon, fresh)
    assert first < second < third < fourth


def test_a_row_says_urgency_place_who_pays_age_and_time_left(inbox, household):
    repair = submitted(household, ago=timedelta(days=10))
    text = inbox().text
    assert "Normal" in text
    assert f"logement {household.lease.dwelling.number}" in text
    assert "Locataire" in text and "(en principe)" in text
    assert "10 j" in text
    assert 'class="late"' in text and "en retard de" in text
    assert repair.reference in text


def test_a_request_with_time_left_is_not_red(inbox, household):
    submitted(household)
    text = inbox().text
    assert "reste" in text
    assert "en retard de" not in text


def test_closed_requests_are_not_in_the_inbox_but_can_be_asked_for(inbox, household, officer):
    repair = submitted(household)
    actor = Actor.of(officer)
    for step in ("acknowledge", "start", "finish", "close"):
        getattr(lifecycle, step)(repair, actor=actor)
    assert repair.reference not in inbox().text
    assert repair.reference in inbox(status="closed").text


@pytest.mark.parametrize(
    ("param", "matching", "other"),
    [
        ("urgency", "urgent", "normal"),
        ("responsibility", "tenant", "landlord"),
        ("origin", "caretaker", "tenant_web"),
    ],
)
def test_filters_on_the_requests_columns(inbox, estate, param, matching, other):
    households = [build_household(d) for d in estate.dwellings[:2]]
    wanted, unwanted = submitted(households[0]), submitted(households[1])
    RepairRequest.objects.filter(pk=wanted.pk).update(**{param: matching})
    RepairRequest.objects.filter(pk=unwanted.pk).update(**{param: other})
    text = inbox(**{param: matching}).text
    assert wanted.reference in text and unwanted.reference not in text


def two_places():
    here, there = build_estate(), build_estate()
    return (
        submitted(build_household(here.dwellings[0])),
        submitted(build_household(there.dwellings[0]), entry="KIT-SINK-LEAK"),
        here,
    )


def test_filters_on_the_sector(inbox, db):
    wanted, unwanted, here = two_places()
    text = inbox(sector=here.sector.pk).text
    assert wanted.reference in text and unwanted.reference not in text


@pytest.mark.parametrize("kind", ["site", "building"])
def test_filters_on_the_place_whose_code_is_chosen(inbox, db, kind):
    wanted, unwanted, here = two_places()
    text = inbox(place=getattr(here, kind).code).text
    assert wanted.reference in text and unwanted.reference not in text


def test_a_code_typed_in_small_letters_is_kept_as_the_places_code(inbox, db):
    _wanted, _unwanted, here = two_places()
    response = inbox(place=here.building.code.lower())
    assert response.context["query"] == f"place={here.building.code}"


def test_typed_words_filter_on_every_place_they_name_without_javascript(inbox, db):
    north = build_estate(name="Les Ormes Nord")
    south = build_estate(name="Les Ormes Sud")
    elsewhere = build_estate(name="Le Clos Fleuri")
    requests = [
        submitted(build_household(estate.dwellings[0])) for estate in (north, south, elsewhere)
    ]
    text = inbox(place="ormes").text
    assert requests[0].reference in text and requests[1].reference in text
    assert requests[2].reference not in text


def test_typed_words_offer_a_link_to_keep_each_place_they_name(inbox, db):
    north, south = build_estate(name="Les Ormes Nord"), build_estate(name="Les Ormes Sud")
    links = [url for _place, url in inbox(place="ormes").context["place_links"]]
    assert f"?place={north.site.code}" in links and f"?place={south.site.code}" in links


def test_a_place_that_matches_nothing_is_said_in_french(inbox, household):
    text = inbox(place="Nulle part").text
    assert "Aucune résidence ni aucun bâtiment ne correspond à « Nulle part »." in text


@pytest.mark.parametrize("typed", ["\x00", "%", "_", "x" * 500, "B1 / A", "'; --"])
def test_a_strange_place_gets_an_answer_not_an_error(inbox, household, typed):
    assert inbox(place=typed).status_code == 200


def test_a_saved_view_keeps_the_place(client, officer, estate):
    sign_in(client, officer)
    client.post(
        "/bureau/demandes/vues/",
        {"name": "Mon bâtiment", "query": f"place={estate.building.code.lower()}&urgency=urgent"},
    )
    saved = SavedInboxView.objects.get(owner=officer)
    assert saved.query == f"urgency=urgent&place={estate.building.code}"


def test_the_next_page_keeps_the_place(client, officer, household):
    make_requests(household, 60)
    sign_in(client, officer)
    building = household.lease.dwelling.entrance.building
    response = client.get("/bureau/demandes/", {"place": building.code})
    assert response.context["next_url"].startswith(f"?place={building.code}&apres=")


def test_filters_on_the_catalogue_family(inbox, db):
    blocked, leak, _here = two_places()
    text = inbox(family=blocked.catalogue_entry.equipment_id).text
    assert blocked.reference in text
    leak.refresh_from_db()
    if leak.catalogue_entry.equipment_id != blocked.catalogue_entry.equipment_id:
        assert leak.reference not in text


def test_filters_on_the_age(inbox, estate):
    old = submitted(build_household(estate.dwellings[0]), ago=timedelta(days=40))
    new = submitted(build_household(estate.dwellings[1]))
    text = inbox(age="older").text
    assert old.reference in text and new.reference not in text
    text = inbox(age="day").text
    assert new.reference in text and old.reference not in text


def test_filters_on_the_contractor_of_the_work_orders(inbox, estate, officer):
    from agir.estate.models import Contractor
    from agir.works import orders
    from agir.works.models import Assignee

    households = [build_household(d) for d in estate.dwellings[:2]]
    wanted, unwanted = submitted(households[0]), submitted(households[1])
    plumber = Contractor.objects.create(name="Plomberie Lys Services")
    # The landlord pays: a tenant's repair waits for an accepted quote before any order.
    lifecycle.acknowledge(wanted, actor=Actor.of(officer), responsibility="landlord")
    orders.order_work(
        wanted,
        actor=Actor.of(officer),
        assignee=Assignee.CONTRACTOR,
        contractor=plumber,
        job="Déboucher l'évier.",
        send=False,
    )
    text = inbox(contractor=plumber.pk).text
    assert wanted.reference in text and unwanted.reference not in text


# The same answer whether a search's keys are few (their requests gathered), many (listed,
# each request tested against them) or more than are listed (subqueries).
SEARCH_SIZES = {"few": {}, "many": {"FEW_KEYS": 0}, "more": {"FEW_KEYS": 0, "LISTED_KEYS": 0}}


@pytest.mark.parametrize("keys", SEARCH_SIZES)
@pytest.mark.parametrize("how", ["reference", "name", "address", "dwelling", "phone", "email"])
def test_search_finds_a_request_by(inbox, estate, how, keys, monkeypatch):
    for name, value in SEARCH_SIZES[keys].items():
        monkeypatch.setattr(f"agir.backoffice.inbox.filters.{name}", value)
    household = build_household(estate.dwellings[3])
    wanted = submitted(household)
    other_estate = build_estate(name="Résidence du Moulin")
    other_household = build_household(other_estate.dwellings[0])
    other_household.holder.mobile_phone = "07 99 99 99 99"
    other_household.holder.save()
    other = submitted(other_household)
    holder = household.holder
    holder.mobile_phone = "06 55 44 33 22"
    holder.save()
    q = {
        "reference": wanted.reference,
        "name": holder.last_name,
        "address": estate.building.street_address,
        "dwelling": household.lease.dwelling.code,
        "phone": "0655443322",
        "email": holder.email.upper(),
    }[how]
    text = inbox(q=q).text
    assert wanted.reference in text
    assert other.reference not in text


@pytest.mark.parametrize("keys", SEARCH_SIZES)
@pytest.mark.parametrize("how", ["building name", "building code", "site name", "entrance street"])
def test_search_finds_a_request_by_its_place(inbox, estate, how, keys, monkeypatch):
    for name, value in SEARCH_SIZES[keys].items():
        monkeypatch.setattr(f"agir.backoffice.inbox.filters.{name}", value)
    entrance = estate.entrances[1]
    entrance.street_address = "2 allée des Tilleuls"
    entrance.save()
    wanted = submitted(build_household(estate.dwellings[0]))
    other = submitted(build_household(build_estate(name="Résidence du Moulin").dwellings[0]))
    q = {
        "building name": estate.building.name,
        "building code": estate.building.code.lower(),
        "site name": estate.building.site.name,
        "entrance street": "allée des tilleuls",
    }[how]
    text = inbox(q=q).text
    assert wanted.reference in text
    assert other.reference not in text


@pytest.mark.parametrize("keys", ["few", "many"])
def test_a_search_reads_the_tenants_it_names_once_a_page(inbox, estate, keys, monkeypatch):
    # The count and each rank are queries of their own: a name read again by each of them
    # cost a common surname seconds on a large estate.
    for name, value in SEARCH_SIZES[keys].items():
        monkeypatch.setattr(f"agir.backoffice.inbox.filters.{name}", value)
    household = build_household(estate.dwellings[3])
    submitted(household)
    with CaptureQueriesContext(connection) as queries:
        inbox(q=household.holder.last_name)
    reading_tenants = [q for q in queries if 'FROM "estate_tenant"' in q["sql"]]
    assert len(reading_tenants) == 1


@pytest.mark.parametrize("scope", ["mine", "overdue", "to_qualify", "emergencies"])
def test_ready_made_views(inbox, estate, officer, scope):
    households = [build_household(d) for d in estate.dwellings[:2]]
    wanted, unwanted = submitted(households[0]), submitted(households[1])
    if scope == "mine":
        lifecycle.acknowledge(wanted, actor=Actor.of(officer))
        lifecycle.acknowledge(unwanted, actor=Actor.of(build_staff(Role.OFFICER)))
    elif scope == "overdue":
        RepairRequest.objects.filter(pk=wanted.pk).update(
            next_due=timezone.now() - timedelta(hours=1)
        )
    elif scope == "to_qualify":
        lifecycle.acknowledge(unwanted, actor=Actor.of(officer))
    else:
        RepairRequest.objects.filter(pk=wanted.pk).update(urgency="emergency")
    text = inbox(scope=scope).text
    assert wanted.reference in text and unwanted.reference not in text


def test_an_officer_saves_a_view_and_finds_it_again(client, officer, household):
    submitted(household)
    sign_in(client, officer)
    response = client.post(
        "/bureau/demandes/vues/", {"name": "Mes urgences", "query": "urgency=urgent&bogus=1"}
    )
    saved = SavedInboxView.objects.get(owner=officer)
    assert saved.query == "urgency=urgent"
    assert response.url == "/bureau/demandes/?urgency=urgent"
    assert "Mes urgences" in client.get("/bureau/demandes/").text


def test_a_view_without_a_name_is_refused_in_plain_french(client, officer):
    sign_in(client, officer)
    response = client.post("/bureau/demandes/vues/", {"name": "", "query": ""}, follow=True)
    assert "Donnez un nom à la vue" in response.text
    assert not SavedInboxView.objects.exists()


def test_an_officer_cannot_delete_someone_elses_view(client, officer):
    other = build_staff(Role.OFFICER)
    view = SavedInboxView.objects.create(owner=other, name="La sienne", query="")
    sign_in(client, officer)
    assert client.post(f"/bureau/demandes/vues/{view.code}/supprimer/").status_code == 404
    assert SavedInboxView.objects.filter(pk=view.pk).exists()


def test_an_officer_deletes_their_view(client, officer):
    view = SavedInboxView.objects.create(owner=officer, name="La mienne", query="")
    sign_in(client, officer)
    assert client.post(f"/bureau/demandes/vues/{view.code}/supprimer/").status_code == 302
    assert not SavedInboxView.objects.exists()


def test_a_scoped_officer_sees_only_their_sectors(client, db):
    wanted, unwanted, here = two_places()
    officer = build_staff(Role.OFFICER)
    officer.sectors.set([here.sector])
    sign_in(client, officer)
    text = client.get("/bureau/demandes/").text
    assert wanted.reference in text and unwanted.reference not in text


def test_bad_filters_get_a_message_not_an_error(inbox, household):
    submitted(household)
    response = inbox(sector="abc", status="nonsense")
    assert "Il y a un problème" in response.text


def test_pages_follow_each_other_without_repeating(client, officer, household):
    make_requests(household, 120)
    sign_in(client, officer)
    seen = []
    url = "/bureau/demandes/"
    while url:
        response = client.get(url)
        page = [
            r
            for r in RepairRequest.objects.values_list("reference", flat=True)
            if f">{r}<" in response.text
        ]
        seen += page
        next_link = response.context["next_url"]
        url = f"/bureau/demandes/{next_link}" if next_link else ""
    assert len(seen) == len(set(seen)) == 120


def test_pages_run_through_emergencies_then_waiting_then_the_rest_in_order(
    client, officer, household
):
    make_requests(household, 130)
    now = timezone.now()
    # a third wait on nothing (work under way): they come last, the oldest first
    for i, repair in enumerate(RepairRequest.objects.order_by("pk")[:45]):
        RepairRequest.objects.filter(pk=repair.pk).update(
            next_due=None, submitted_at=now - timedelta(hours=i % 7)
        )
    expected = sorted(
        RepairRequest.objects.all(),
        key=lambda r: (
            2 if r.next_due is None else 0 if r.urgency == "emergency" else 1,
            r.next_due or r.submitted_at,
            r.pk,
        ),
    )
    sign_in(client, officer)
    seen, url = [], "/bureau/demandes/"
    while url:
        response = client.get(url)
        seen += [r.reference for r in response.context["page"].rows]
        next_link = response.context["next_url"]
        url = f"/bureau/demandes/{next_link}" if next_link else ""
    assert seen == [r.reference for r in expected]


def test_a_tampered_page_link_shows_the_first_page(inbox, household):
    repair = submitted(household)
    assert repair.reference in inbox(apres="bm90IGEgY3Vyc29y").text


_references = itertools.count(1)


def make_requests(household, count: int) -> None:
    """Many waiting requests at once (the lifecycle is tested elsewhere; this is volume)."""
    model = RepairRequest.objects.get(pk=submitted(household).pk)
    now = timezone.now()
    rows = []
    for i in range(count - 1):
        model.pk = None
        model.code = uuid.uuid4()
        model.idempotency_key = uuid.uuid4()
        model.reference = f"2099-{next(_references):06d}"
        model.next_due = now + timedelta(minutes=i % 500)
        model.urgency = ["emergency", "urgent", "normal", "planned"][i % 4]
        rows.append(
            RepairRequest(
                **{
                    f.attname: getattr(model, f.attname)
                    for f in RepairRequest._meta.concrete_fields
                }
            )
        )
    RepairRequest.objects.bulk_create(rows, batch_size=500)


def queries_for_inbox(client, **params) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/bureau/demandes/", params).status_code == 200
    return len(queries)


def test_the_inbox_makes_the_same_queries_for_10_rows_and_1000(client, officer, estate):
    sign_in(client, officer)
    few = build_household(estate.dwellings[0])
    make_requests(few, 10)
    with_ten = queries_for_inbox(client)
    with_ten_searched = queries_for_inbox(client, q="Benali", urgency="normal")
    make_requests(build_household(estate.dwellings[1]), 990)
    assert RepairRequest.objects.filter(status=Status.SUBMITTED).count() == 1000
    assert queries_for_inbox(client) == with_ten
    assert queries_for_inbox(client, q="Benali", urgency="normal") == with_ten_searched


def test_the_sectors_list_is_read_in_one_query(inbox, db):
    for _n in range(3):
        build_estate()
    with CaptureQueriesContext(connection) as queries:
        inbox()
    listed = [
        q["sql"]
        for q in queries
        if 'FROM "estate_sector"' in q["sql"] and "accounts_user_sectors" not in q["sql"]
    ]  # the officer's own sectors (their scope) are another question
    assert len(listed) == 1


def test_the_inbox_lists_no_site_and_no_building(inbox, estate):
    text = inbox().text
    assert estate.site.name not in text and estate.building.code not in text
    assert 'list="place-suggestions"' in text


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("scope=to_qualify&site=3", "scope=to_qualify&place=TIL"),
        ("site=3&building=7", "place=TIL-A"),
        ("urgency=urgent&building=999", "urgency=urgent"),
    ],
)
def test_saved_views_of_a_site_or_building_id_are_rewritten_with_its_code(before, after):
    migration = importlib.import_module("agir.backoffice.migrations.0003_saved_views_place")
    assert migration.rewrite(before, {"3": "TIL"}, {"7": "TIL-A"}) == after
