"""The satisfaction survey of a closed request: a score from 1 to 5 and a comment, once."""

import pytest
from django.db import IntegrityError

from agir.quality.models import SatisfactionSurvey
from agir.repairs.models import Status
from tests.builders import build_staff
from tests.personas import add_occupant_account, advance
from tests.staff_sign_in import sign_in


@pytest.fixture
def closed(personas):
    advance(personas.alice_request, Status.CLOSED, personas.officer)
    return personas.alice_request


def url(repair) -> str:
    return f"/locataire/demandes/{repair.code}/avis/"


def answer(personas, repair, data, user=None):
    return personas.client_for(user or personas.alice_user).post(url(repair), data)


def test_it_asks_two_questions(personas, closed):
    response = personas.client_for(personas.alice_user).get(url(closed))
    assert "Êtes-vous satisfait(e) de la réparation ?" in response.text
    assert response.text.count('type="radio"') == 5
    assert "Voulez-vous ajouter quelque chose ? (facultatif)" in response.text


def test_it_records_the_score_and_the_comment(personas, closed):
    response = answer(personas, closed, {"score": "4", "comment": "Rapide et poli."})
    assert response.status_code == 302
    survey = SatisfactionSurvey.objects.get()
    assert (survey.request, survey.tenant, survey.score, survey.comment) == (
        closed,
        personas.alice.holder,
        4,
        "Rapide et poli.",
    )


def test_the_comment_is_optional(personas, closed):
    assert answer(personas, closed, {"score": "5"}).status_code == 302
    assert SatisfactionSurvey.objects.get().comment == ""


def test_the_request_page_thanks_the_tenant_for_their_answer(personas, closed):
    answer(personas, closed, {"score": "4"})
    response = personas.client_for(personas.alice_user).get(f"/locataire/demandes/{closed.code}/")
    assert "Vous avez donné votre avis : 4 sur 5. Merci !" in response.text
    assert "Donner mon avis" not in response.text


def test_answering_twice_changes_nothing_and_says_so(personas, closed):
    answer(personas, closed, {"score": "2", "comment": "Trop long."})
    client = personas.client_for(personas.alice_user)
    response = client.post(url(closed), {"score": "5", "comment": "Finalement bien."}, follow=True)
    assert "Vous avez déjà donné votre avis" in response.text
    survey = SatisfactionSurvey.objects.get()
    assert (survey.score, survey.comment) == (2, "Trop long.")


def test_the_survey_page_says_it_is_already_answered(personas, closed):
    answer(personas, closed, {"score": "3"})
    response = personas.client_for(personas.alice_user).get(url(closed))
    assert "Vous avez déjà donné votre avis : 3 sur 5." in response.text
    assert 'type="radio"' not in response.text


@pytest.mark.parametrize("score", ["", "0", "6", "beaucoup"])
def test_a_missing_or_wrong_score_is_refused_and_the_comment_kept(personas, closed, score):
    response = answer(personas, closed, {"score": score, "comment": "Le plombier était poli."})
    assert response.status_code == 400
    assert "Choisissez une note de 1 à 5." in response.text
    assert "Le plombier était poli." in response.text
    assert not SatisfactionSurvey.objects.exists()


def test_no_survey_before_the_request_is_closed(personas):
    repair = personas.alice_request
    advance(repair, Status.DONE, personas.officer)
    response = answer(personas, repair, {"score": "5"})
    assert response.status_code == 409
    assert "une fois la demande close" in response.text
    assert not SatisfactionSurvey.objects.exists()


def test_each_occupant_answers_for_themselves(personas, closed):
    occupant = add_occupant_account(personas.alice)
    answer(personas, closed, {"score": "5"})
    answer(personas, closed, {"score": "3"}, user=occupant)
    assert sorted(SatisfactionSurvey.objects.values_list("score", flat=True)) == [3, 5]


def test_the_database_refuses_a_score_out_of_range(personas, closed):
    with pytest.raises(IntegrityError):
        SatisfactionSurvey.objects.create(request=closed, tenant=personas.alice.holder, score=6)


def test_staff_read_answers_in_the_admin_and_cannot_add_any(personas, closed, client):
    answer(personas, closed, {"score": "4"})
    admin = build_staff()
    admin.is_staff = admin.is_superuser = True
    admin.save()
    sign_in(client, admin)
    assert client.get("/admin/quality/satisfactionsurvey/").status_code == 200
    assert client.get("/admin/quality/satisfactionsurvey/add/").status_code == 403
