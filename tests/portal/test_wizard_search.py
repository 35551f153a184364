"""«Ou décrivez le problème en quelques mots»: results that jump to the entry."""

from tests.builders import build_estate, build_household
from tests.portal.helpers import TenantWizard, text_of


def test_a_search_links_straight_to_the_entry(wizard):
    response = wizard.get("wizard_search", q="fuite sous l'évier")

    assert response.status_code == 200
    assert wizard.url("wizard_choose", "kitchen", "KIT-SINK-LEAK") in response.content.decode()
    assert "Fuite sous l'évier" in text_of(response)


def test_following_a_result_records_the_problem(wizard):
    wizard.get("wizard_search", q="fuite sous l'évier")

    response = wizard.choose("kitchen", "KIT-SINK-LEAK")

    assert response.url == wizard.url("wizard_details")


def test_a_search_leaves_out_places_the_tenant_does_not_have(client, db):
    low = build_estate(floors=3)  # no lift
    wizard = TenantWizard(client, build_household(low.dwellings[0])).start()

    response = wizard.get("wizard_search", q="ascenseur en panne")

    assert "LIFT-" not in response.content.decode()


def test_a_bedroom_result_lands_on_the_first_bedroom(wizard):
    response = wizard.get("wizard_search", q="volet de la chambre bloqué")

    assert "/choix/bedroom-1/" in response.content.decode()


def test_the_fragment_for_suggestions_as_you_type_is_a_list_only(wizard):
    response = wizard.get("wizard_search", q="plus de chauffage", fragment="1")

    html = response.content.decode()
    assert "<html" not in html
    assert 'class="choice-list"' in html


def test_nothing_found_says_so_in_french(wizard):
    response = wizard.get("wizard_search", q="zzzz qqqq")

    assert "Nous n'avons rien trouvé de sûr." in text_of(response)


def test_when_unsure_it_offers_the_free_description_and_the_phone(wizard, settings):
    response = wizard.get("wizard_search", q="bruit des voisins")

    page = text_of(response)
    assert "Décrivez le problème avec vos mots" in page
    assert "« Autre problème »" in page
    assert settings.LANDLORD["phone"] in page
    assert f'href="{wizard.url("wizard_where")}"' in response.content.decode()


def test_a_long_message_is_read_whole(wizard):
    message = "Bonjour, je vous écris encore une fois pour mon problème. " * 30
    response = wizard.get("wizard_search", q=message + "Le robinet de la cuisine goutte.")

    assert "Robinet qui goutte" in text_of(response)
    assert "Votre texte est long" not in text_of(response)


def test_a_message_too_long_to_read_whole_says_so(wizard):
    message = "Bonjour, je vous écris encore une fois pour mon problème. " * 80
    response = wizard.get("wizard_search", q=message + "Le robinet de la cuisine goutte.")

    assert "Votre texte est long : nous avons lu son début et sa fin." in text_of(response)
    assert "Robinet qui goutte" in text_of(response)


def test_an_empty_search_shows_the_form_again(wizard):
    response = wizard.get("wizard_search", q="")

    assert response.status_code == 200
    assert "Ou décrivez le problème en quelques mots" in text_of(response)
