"""Step 4, «Précisions»: bad input gets a French message and nothing entered is lost."""

from django.utils import timezone

from agir.portal.wizard import availability
from agir.repairs.models import MAX_PHOTOS
from tests.portal.helpers import named_file, photo_file, text_of

SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


def first_half_days(count: int) -> list[str]:
    grid = availability.grid(timezone.localdate())
    return [half.value for day in grid for half in day.halves][:count]


def test_details_are_kept_and_lead_to_the_review(wizard):
    wizard.choose("kitchen", "KIT-SINK-LEAK")
    slots = first_half_days(2)

    response = wizard.details(
        description="Ça coule sous l'évier.", availability=slots, access_notes="Code 1234B"
    )

    assert response.url == wizard.url("wizard_review")
    state = wizard.state
    assert (state.description, state.availability, state.access_notes) == (
        "Ça coule sous l'évier.",
        slots,
        "Code 1234B",
    )


def test_details_before_a_problem_is_chosen_go_back_to_where(wizard):
    response = wizard.get("wizard_details")

    assert response.url == wizard.url("wizard_where")


def test_a_10000_character_description_is_refused_and_the_rest_kept(wizard):
    wizard.choose("kitchen", "KIT-SINK-LEAK")
    slots = first_half_days(1)

    response = wizard.details(description="a" * 10_000, availability=slots, access_notes="Chien")

    assert response.status_code == 400
    page = text_of(response)
    assert "La description est trop longue : 2\u00a0000 caractères au plus" in page
    assert "vous en avez écrit 10\u00a0000" in page
    assert "a" * 10_000 in response.content.decode()  # shown again to be shortened
    assert "Chien" in page
    assert f'value="{slots[0]}" checked' in response.content.decode()
    assert wizard.state.access_notes == "Chien"
    assert not wizard.state.details_done


def test_an_oversized_photo_is_refused_and_the_description_kept(wizard, settings):
    settings.PHOTO_MAX_UPLOAD_BYTES = 1024
    wizard.choose("kitchen", "KIT-SINK-LEAK")
    big = named_file("grosse.jpg", b"\xff\xd8" + b"0" * 4096)

    response = wizard.details(description="Ça coule.", photos=[big])

    assert response.status_code == 400
    assert "« grosse.jpg » est trop lourde" in text_of(response)
    assert "Ça coule." in text_of(response)
    assert wizard.state.description == "Ça coule."
    assert wizard.state.photos == []


def test_a_file_that_is_not_an_image_is_refused(wizard):
    wizard.choose("kitchen", "KIT-SINK-LEAK")

    response = wizard.details(photos=[named_file("bail.pdf", b"%PDF-1.7 ...")])

    assert response.status_code == 400
    assert "« bail.pdf » n'est pas une photo. Envoyez une photo au format JPEG, PNG ou HEIC." in (
        text_of(response)
    )


def test_an_svg_is_refused(wizard):
    wizard.choose("kitchen", "KIT-SINK-LEAK")

    response = wizard.details(photos=[named_file("dessin.png", SVG)])

    assert response.status_code == 400
    assert "n'est pas une photo : c'est un dessin SVG" in text_of(response)
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_a_good_photo_is_kept_beside_a_refused_one(wizard):
    wizard.choose("kitchen", "KIT-SINK-LEAK")

    response = wizard.details(photos=[photo_file("fuite.jpg"), named_file("x.svg", SVG)])

    assert response.status_code == 400
    assert [photo["label"] for photo in wizard.state.photos] == ["fuite.jpg"]
    assert "fuite.jpg" in text_of(response)


def test_photos_beyond_five_are_refused(wizard):
    wizard.choose("kitchen", "KIT-SINK-LEAK")
    uploads = [photo_file(f"p{i}.png", "PNG") for i in range(MAX_PHOTOS + 1)]

    response = wizard.details(photos=uploads)

    assert response.status_code == 400
    assert "5 photos au plus" in text_of(response)
    assert len(wizard.state.photos) == MAX_PHOTOS


def test_a_heic_photo_from_a_phone_is_accepted(wizard):
    wizard.choose("kitchen", "KIT-SINK-LEAK")

    response = wizard.details(photos=[photo_file("IMG_0001.HEIC", "HEIF")])

    assert response.status_code == 302
    assert [photo["label"] for photo in wizard.state.photos] == ["IMG_0001.HEIC"]


def test_uploading_photos_stays_on_the_page_and_a_photo_can_be_removed(wizard):
    wizard.choose("kitchen", "KIT-SINK-LEAK")
    wizard.details(action="upload", photos=[photo_file("a.jpg"), photo_file("b.jpg")])
    assert [p["label"] for p in wizard.state.photos] == ["a.jpg", "b.jpg"]
    first = wizard.state.photos[0]

    response = wizard.details(action="continue", remove_photo=first["id"], description="x")

    assert response.url == wizard.url("wizard_details")
    assert [p["label"] for p in wizard.state.photos] == ["b.jpg"]
    assert wizard.state.description == "x"


def test_forged_or_past_half_days_are_dropped(wizard):
    wizard.choose("kitchen", "KIT-SINK-LEAK")
    good = first_half_days(1)

    wizard.details(availability=[*good, "2001-01-01:am", "demain:am", "<b>"])

    assert wizard.state.availability == good


def test_other_problem_needs_a_description(wizard):
    wizard.get("wizard_other", "kitchen", "sink")

    response = wizard.details(description="  ")

    assert response.status_code == 400
    assert "Décrivez le problème en quelques mots" in text_of(response)


def test_the_details_page_warns_against_health_data_and_neighbours_names(wizard):
    wizard.choose("kitchen", "KIT-SINK-LEAK")

    page = text_of(wizard.get("wizard_details"))

    assert "N'écrivez rien sur votre santé, ni le nom de vos voisins." in page
    assert "Quand êtes-vous chez vous ?" in page
