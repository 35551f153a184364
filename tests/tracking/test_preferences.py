"""«Comment vous prévenir ?»: ordered channels, each checked against what we know."""

from agir.estate.models import Tenant


def url() -> str:
    return "/locataire/preferences/"


def form(**choices) -> dict:
    """{"sms": 1, "email": 2} → the checkboxes ticked and their ranks; others unticked, last."""
    data = {}
    rest = iter(range(len(choices) + 1, 5))
    for channel in ("email", "sms", "voice", "letter"):
        if channel in choices:
            data[f"use_{channel}"] = "on"
            data[f"rank_{channel}"] = str(choices[channel])
        else:
            data[f"rank_{channel}"] = str(next(rest))
    return data


def tenant_of(personas) -> Tenant:
    return Tenant.objects.get(pk=personas.alice.holder.pk)


def test_it_shows_the_current_choice_and_the_addresses(personas):
    response = personas.client_for(personas.alice_user).get(url())
    assert response.status_code == 200
    assert personas.alice.holder.email in response.text
    assert 'id="id_use_email" checked' in response.text
    assert 'id="id_use_letter">' in response.text


def test_it_stores_the_channels_in_the_chosen_order(personas):
    client = personas.client_for(personas.alice_user)
    response = client.post(url(), form(sms=1, letter=2, email=3), follow=True)
    assert "C&#x27;est enregistré" in response.text
    assert tenant_of(personas).preferred_channels == ["sms", "letter", "email"]


def test_at_least_one_channel_is_needed(personas):
    response = personas.client_for(personas.alice_user).post(url(), form())
    assert response.status_code == 400
    assert "Choisissez au moins un moyen de vous prévenir." in response.text
    assert tenant_of(personas).preferred_channels == ["email", "sms"]


def test_email_needs_an_email_address(personas):
    Tenant.objects.filter(pk=personas.alice.holder.pk).update(email="")
    response = personas.client_for(personas.alice_user).post(url(), form(email=1))
    assert response.status_code == 400
    assert "Nous n&#x27;avons pas votre adresse e-mail." in response.text
    assert tenant_of(personas).preferred_channels == ["email", "sms"]


def test_sms_needs_a_mobile_phone(personas):
    Tenant.objects.filter(pk=personas.alice.holder.pk).update(mobile_phone="")
    response = personas.client_for(personas.alice_user).post(url(), form(sms=1))
    assert response.status_code == 400
    assert "votre numéro de téléphone portable" in response.text


def test_a_voice_call_can_use_a_landline(personas):
    Tenant.objects.filter(pk=personas.alice.holder.pk).update(
        mobile_phone="", landline_phone="03 20 11 22 33"
    )
    client = personas.client_for(personas.alice_user)
    assert client.post(url(), form(voice=1)).status_code == 302
    assert tenant_of(personas).preferred_channels == ["voice"]


def test_a_voice_call_needs_some_phone(personas):
    Tenant.objects.filter(pk=personas.alice.holder.pk).update(mobile_phone="", landline_phone="")
    response = personas.client_for(personas.alice_user).post(url(), form(voice=1))
    assert response.status_code == 400
    assert "Nous n&#x27;avons pas votre numéro de téléphone." in response.text


def test_two_channels_at_the_same_rank_are_refused(personas):
    data = form(sms=1, email=2)
    data["rank_email"] = "1"
    response = personas.client_for(personas.alice_user).post(url(), data)
    assert response.status_code == 400
    assert "même rang" in response.text


def test_a_forged_rank_is_refused_in_french(personas):
    data = form(email=1)
    data["rank_email"] = "99"
    response = personas.client_for(personas.alice_user).post(url(), data)
    assert response.status_code == 400
    assert "Choisissez un rang de 1 à 4." in response.text


def test_a_channel_the_tenant_does_not_choose_keeps_its_place_last(personas):
    Tenant.objects.filter(pk=personas.alice.holder.pk).update(preferred_channels=["fax", "email"])
    personas.client_for(personas.alice_user).post(url(), form(letter=1))
    assert tenant_of(personas).preferred_channels == ["letter", "fax"]


def test_each_occupant_has_their_own_channels(personas):
    from tests.personas import add_occupant_account

    occupant = add_occupant_account(personas.alice)
    personas.client_for(occupant).post(url(), form(letter=1))
    assert Tenant.objects.get(user=occupant).preferred_channels == ["letter"]
    assert tenant_of(personas).preferred_channels == ["email", "sms"]
