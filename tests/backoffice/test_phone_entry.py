"""Phone and counter entry: the officer finds the tenant, then the problem with the tenant's
catalogue and who-pays answer, and the tenant gets the same acknowledgement."""

import html
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from agir.notify.models import Notification
from agir.repairs.models import Origin, RepairRequest
from tests.builders import build_household, build_staff
from tests.staff_sign_in import sign_in

TENANT_REPAIR = "KIT-SINK-BLOCKED"


def url_for(household) -> str:
    return f"/bureau/saisie/{household.holder.code}/bail/{household.lease.pk}/"


@pytest.mark.parametrize(
    "query",
    ["{last_name}", "{lease}", "06 12 34 56 78", "0612345678", "{last_name} acacias"],
)
def test_the_officer_finds_the_tenant(client, household, officer, query):
    sign_in(client, officer)
    query = query.format(last_name=household.holder.last_name, lease=household.lease.reference)
    page = client.get("/bureau/saisie/", {"q": query}).content.decode()
    assert url_for(household) in page


def test_a_former_lease_is_not_offered(client, estate, officer):
    from datetime import timedelta

    from django.utils import timezone

    gone = build_household(estate.dwellings[2], end=timezone.localdate() - timedelta(days=3))
    sign_in(client, officer)
    page = client.get("/bureau/saisie/", {"q": gone.holder.last_name}).content.decode()
    assert url_for(gone) not in page


def test_the_problem_search_says_who_pays_as_for_the_tenant(client, household, officer):
    sign_in(client, officer)
    page = html.unescape(client.get(url_for(household), {"q": "évier bouché"}).content.decode())
    assert f"kitchen|{TENANT_REPAIR}" in page
    assert "qui paie : Locataire" in page


def test_a_phone_request_is_recorded_for_the_tenant_and_acknowledged(client, household, officer):
    sign_in(client, officer)
    response = client.post(
        url_for(household),
        {
            "choice": "kitchen|KIT-SINK-LEAK",
            "origin": Origin.PHONE,
            "description": "Fuite sous l'évier, appel de la locataire.",
            "key": str(uuid.uuid4()),
        },
    )
    made = RepairRequest.objects.get(requested_by=household.holder)
    assert response.status_code == 302
    assert response["Location"] == f"/bureau/demandes/{made.code}/"
    assert made.origin == Origin.PHONE
    assert made.entered_by == officer
    assert made.reference
    assert Notification.objects.filter(
        request=made, tenant=household.holder, template="request_submitted"
    ).exists()


def test_sending_twice_makes_one_request(client, household, officer):
    sign_in(client, officer)
    body = {"choice": "kitchen|KIT-SINK-LEAK", "origin": Origin.COUNTER, "key": str(uuid.uuid4())}
    client.post(url_for(household), body)
    client.post(url_for(household), body)
    assert RepairRequest.objects.filter(requested_by=household.holder).count() == 1


def test_a_tenant_repair_needs_the_tenant_told_first(client, household, officer):
    sign_in(client, officer)
    response = client.post(
        url_for(household),
        {"choice": f"kitchen|{TENANT_REPAIR}", "origin": Origin.PHONE, "key": str(uuid.uuid4()),
         "q": "évier bouché"},
    )  # fmt: skip
    assert response.status_code == 200
    assert "dites-le-lui" in html.unescape(response.content.decode())
    assert not RepairRequest.objects.filter(requested_by=household.holder).exists()


def test_a_forged_choice_is_refused_in_french(client, household, officer):
    sign_in(client, officer)
    response = client.post(
        url_for(household),
        {"choice": "attic|NOPE", "origin": Origin.PHONE, "key": str(uuid.uuid4()), "q": "x"},
    )
    assert "Choisissez le problème dans la liste." in html.unescape(response.content.decode())


@pytest.mark.parametrize("role", ["caretaker", "contractor"])
def test_other_staff_cannot_enter_by_phone(client, household, role):
    sign_in(client, build_staff(role))
    assert client.get("/bureau/saisie/").status_code == 404
    response = client.post(
        url_for(household),
        {"choice": "kitchen|KIT-SINK-LEAK", "origin": Origin.PHONE, "key": str(uuid.uuid4())},
    )
    assert response.status_code == 404
    assert not RepairRequest.objects.exists()


def test_a_tenant_cannot_enter_for_another(client, household, neighbour):
    sign_in(client, neighbour.holder.user)
    assert client.get(url_for(household)).status_code == 404


def test_the_tenant_search_makes_the_same_queries_however_many_tenants_match(
    client, estate, officer
):
    def count(q):
        with CaptureQueriesContext(connection) as queries:
            client.get("/bureau/saisie/", {"q": q})
        return len(queries)

    sign_in(client, officer)
    for _i in range(3):
        build_household(estate.dwellings[0], with_account=False)
    client.get("/bureau/saisie/", {"q": "Benali"})
    few = count("Benali")
    for _i in range(30):
        build_household(estate.dwellings[1], with_account=False)
    assert count("Benali") == few


def test_as_the_officer_types_only_the_results_come_back(client, household, officer):
    sign_in(client, officer)
    response = client.get(
        "/bureau/saisie/", {"q": household.holder.last_name}, headers={"HX-Request": "true"}
    )
    page = response.content.decode()
    assert url_for(household) in page
    assert "<html" not in page
