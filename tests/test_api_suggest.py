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
    assert first["responsibility"] == "À déterminer"
    assert first["urgency"] == "Urgent"
    assert first["responsibility_code"] == "assess"
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
    body = response.json()
    assert body["results"] == []
    assert body["confident"] is False


@pytest.mark.django_db
def test_below_the_confidence_threshold_it_answers_nothing_and_gives_the_phone(client, settings):
    body = client.get(URL, {"q": "bruit des voisins"}).json()

    assert body["results"] == []
    assert body["confident"] is False
    assert body["fallback"]["phone"] == settings.LANDLORD["phone"]


@pytest.mark.django_db
def test_an_english_sentence_about_gas_answers_the_gas_emergency(client):
    first = client.get(URL, {"q": "I can smell gas"}).json()["results"][0]

    assert first["emergency"] is True
    assert "gaz" in first["title"].lower()


@pytest.mark.django_db
def test_a_partial_word_as_you_type_already_finds_the_entry(client):
    first = client.get(URL, {"q": "fuite ev"}).json()["results"][0]

    assert first["title"] == "Fuite sous l'évier"


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


LONG_MESSAGE = (
    "Bonjour, je vous écris parce que depuis des semaines j'attends et personne ne vient. "
    "J'ai appelé plusieurs fois, on m'a dit que c'était noté, mes enfants sont petits et ma "
    "mère vit avec nous. "
    * 12
    + "Le problème : les toilettes sont bouchées depuis hier soir, l'eau monte quand on tire."
)


@pytest.mark.django_db
def test_a_long_message_is_read_to_its_end_and_not_shortened(client):
    assert 2000 < len(LONG_MESSAGE) < 4000

    body = client.get(URL, {"q": LONG_MESSAGE}).json()

    assert body["results"][0]["code"] == "WC-BOWL-BLOCKED"
    assert body["shortened"] is False
    assert body["length"] == body["read"] == len(LONG_MESSAGE)


@pytest.mark.django_db
def test_a_very_long_message_is_shortened_and_says_so_keeping_its_end(client):
    text = "Bonjour. " + "Je vous raconte ma journée, rien de cassé. " * 200 + LONG_MESSAGE

    response = client.post(URL, {"q": text}, content_type="application/json")

    body = response.json()
    assert response.status_code == 200
    assert body["shortened"] is True
    assert body["length"] == len(text)
    assert body["read"] < body["length"]
    assert "were read" in body["note"]
    assert body["results"][0]["code"] == "WC-BOWL-BLOCKED"


@pytest.mark.django_db
def test_a_long_message_may_be_posted_as_json(client):
    response = client.post(URL, {"q": LONG_MESSAGE}, content_type="application/json")

    assert response.status_code == 200
    assert response.json()["results"][0]["code"] == "WC-BOWL-BLOCKED"


@pytest.mark.django_db
def test_a_json_body_that_is_not_an_object_is_a_400(client):
    response = client.post(URL, "[1, 2]", content_type="application/json")

    assert response.status_code == 400
    assert "error" in response.json()


@pytest.mark.django_db
def test_a_text_longer_than_any_message_is_a_400(client):
    response = client.post(URL, {"q": "fuite " * 5000}, content_type="application/json")

    assert response.status_code == 400
    assert "error" in response.json()


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
def test_put_is_not_allowed(client):
    assert client.put(URL, {"q": "fuite"}).status_code == 405


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
