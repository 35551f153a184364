"""Emergencies stop the wizard: what to do now, the number to call, then record anyway."""

from tests.portal.helpers import text_of


def test_a_gas_smell_shows_the_emergency_page_first(wizard, settings):
    settings.EMERGENCY_NUMBERS = {**settings.EMERGENCY_NUMBERS, "gas_emergency": "0 800 47 33 33"}

    response = wizard.choose("kitchen", "KIT-HOB-GAS_SMELL")

    assert response.url == wizard.url("wizard_emergency")
    page = wizard.get("wizard_emergency")
    html = page.content.decode()
    assert "Urgence : appelez maintenant" in text_of(page)
    assert 'href="tel:0800473333"' in html
    assert "Appeler le 0 800 47 33 33" in text_of(page)
    assert html.count("<li>") >= 3  # what to do now, step by step
    assert "Enregistrer quand même ma demande" in text_of(page)


def test_after_the_emergency_page_the_request_can_still_be_recorded(wizard):
    wizard.choose("kitchen", "KIT-HOB-GAS_SMELL")
    page = wizard.get("wizard_emergency")
    assert wizard.url("wizard_details") in page.content.decode()

    assert wizard.get("wizard_details").status_code == 200


def test_details_are_closed_until_the_emergency_page_is_seen(wizard):
    wizard.choose("kitchen", "KIT-HOB-GAS_SMELL")

    assert wizard.get("wizard_details").url == wizard.url("wizard_emergency")


def test_an_ordinary_problem_has_no_emergency_page(wizard):
    wizard.choose("kitchen", "KIT-SINK-LEAK")

    assert wizard.get("wizard_emergency").url == wizard.url("wizard_details")
