"""GET /api/catalogue/suggest: public, JSON, French labels, English errors."""

from __future__ import annotations

import pytest

from agir.catalogue import search

URL = "/api/catalogue/suggest"


@pytest.fixture(autouse=True)
def fresh_index():
    search.invalidate()
    yield
    search.invalidate()


@pytest.mark.django_db
def test_it_answers_without_login_with_ranked_entries(client):
    response = client.get(URL, {"q": "fuite sous l'évier"})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    body = response.json()
    assert body["query"] == "fuite sous l'évier"
    first = body["results"][0]
    assert first["code"] == "KIT-SINK-LEAK"
    assert first["score"] == 1.0
    scores = [r["score"] for r in body["results"]]
    assert scores == sorted(scores, reverse=True)


@pytest.mark.django_db
def test_each_result_has_french_labels(client):
    first = client.get(URL, {"q": "fuite sous l'évier"}).json()["results"][0]

    assert first["title"] == "Fuite sous l'évier"
    assert first["place"] == "Cuisine"
    assert first["equipment"] == "Évier"
    assert first["symptom"] == "Fuite"
    assert first["responsibility"] == "Bailleur"
    assert first["urgency"] == "Urgent"
    assert first["responsibility_code"] == "landlord"
    assert first["urgency_code"] == "urgent"
    assert first["emergency"] is False
    assert set(first) >= {
        "code",
        "title",
        "place",
        "equipment",
        "symptom",
        "responsibility",
        "urgency",
        "score",
    }


@pytest.mark.django_db
def test_an_emergency_entry_says_so(client):
    first = client.get(URL, {"q": "ça sent le gaz"}).json()["results"][0]
    assert first["emergency"] is True


@pytest.mark.django_db
def test_a_query_that_matches_nothing_gives_an_empty_list(client):
    response = client.get(URL, {"q": "zzqx wxkj"})
    assert response.status_code == 200
    assert response.json() == {"query": "zzqx wxkj", "results": []}


@pytest.mark.django_db
def test_limit_and_scope_narrow_the_results(client):
    body = client.get(URL, {"q": "plus de lumière", "scope": "common", "limit": 3}).json()
    assert len(body["results"]) == 3
    assert all(
        r["place_code"] in {"hall", "stairwell", "cellar", "car_park", "outdoor"}
        for r in body["results"]
    )


@pytest.mark.django_db
@pytest.mark.parametrize("params", [{}, {"q": ""}, {"q": "   "}])
def test_a_missing_or_empty_query_is_a_400_in_english(client, params):
    response = client.get(URL, params)
    assert response.status_code == 400
    assert response.json() == {"error": "Parameter 'q' is required and must not be empty."}


@pytest.mark.django_db
def test_a_query_over_200_characters_is_a_400(client):
    response = client.get(URL, {"q": "a" * 201})
    assert response.status_code == 400
    assert "at most 200 characters" in response.json()["error"]


@pytest.mark.django_db
def test_a_query_of_exactly_200_characters_is_accepted(client):
    assert client.get(URL, {"q": "fuite " + "x" * 194}).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "fragment"),
    [
        ({"q": "fuite", "scope": "garden"}, "'scope' must be one of"),
        ({"q": "fuite", "limit": "ten"}, "'limit' must be an integer"),
        ({"q": "fuite", "limit": "0"}, "'limit' must be between 1 and 50"),
        ({"q": "fuite", "limit": "51"}, "'limit' must be between 1 and 50"),
    ],
)
def test_bad_parameters_are_a_400_in_english(client, params, fragment):
    response = client.get(URL, params)
    assert response.status_code == 400
    assert fragment in response.json()["error"]


@pytest.mark.django_db
def test_post_is_not_allowed(client):
    assert client.post(URL, {"q": "fuite"}).status_code == 405


@pytest.mark.django_db
def test_each_result_says_who_pays_in_principle(client):
    first = client.get(URL, {"q": "fuite sous l'évier"}).json()["results"][0]

    assert first["who_pays"]["payer"] == first["responsibility_code"]
    assert first["who_pays"]["in_principle"] is True
    assert first["who_pays"]["text"]


@pytest.mark.django_db
def test_an_unknown_building_is_a_404_in_english(client):
    response = client.get(URL, {"q": "fuite", "building": "NOWHERE"})

    assert response.status_code == 404
    assert response.json() == {"error": "Parameter 'building' is not a known building code."}
