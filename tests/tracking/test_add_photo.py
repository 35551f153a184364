"""«Ajouter une photo»: five at most per request, stored re-encoded, shown only to its tenants."""

from io import BytesIO

from PIL import Image

from agir.repairs.models import MAX_PHOTOS, RequestPhoto, Status
from tests.personas import advance
from tests.tracking import images


def post_photo(personas, repair, data, name="photo.jpg", user=None):
    client = personas.client_for(user or personas.alice_user)
    return client.post(
        f"/locataire/demandes/{repair.code}/photos/", {"photo": images.upload(data, name)}
    )


def test_it_adds_a_photo_stored_as_jpeg_without_exif(personas):
    repair = personas.alice_request
    response = post_photo(personas, repair, images.jpeg(gps=True))
    assert response.status_code == 302
    photo = repair.photos.get()
    assert photo.uploaded_by == personas.alice_user
    stored = Image.open(photo.image.path)
    assert stored.format == "JPEG"
    assert dict(stored.getexif()) == {}


def test_the_sixth_photo_is_refused(personas):
    repair = personas.alice_request
    for _ in range(MAX_PHOTOS):
        assert post_photo(personas, repair, images.jpeg()).status_code == 302
    response = post_photo(personas, repair, images.jpeg())
    assert response.status_code == 409
    assert "déjà 5 photos" in response.text
    assert repair.photos.count() == MAX_PHOTOS


def test_photos_count_towards_five_whoever_added_them(personas):
    repair = personas.alice_request
    for _ in range(MAX_PHOTOS - 1):
        RequestPhoto.objects.create(request=repair, image="requests/x.jpg")
    assert post_photo(personas, repair, images.jpeg()).status_code == 302
    assert post_photo(personas, repair, images.jpeg()).status_code == 409


def test_an_svg_is_refused_with_a_french_message_and_nothing_is_stored(personas):
    response = post_photo(personas, personas.alice_request, images.SVG, "plan.svg")
    assert response.status_code == 400
    assert 'class="field-error"' in response.text
    assert 'aria-invalid="true"' in response.text
    assert not RequestPhoto.objects.exists()


def test_no_file_is_refused_in_french(personas):
    client = personas.client_for(personas.alice_user)
    response = client.post(f"/locataire/demandes/{personas.alice_request.code}/photos/", {})
    assert response.status_code == 400
    assert "Choisissez une photo." in response.text


def test_no_photo_can_be_added_to_a_cancelled_request(personas):
    repair = personas.alice_request
    advance(repair, Status.CANCELLED, personas.officer)
    response = post_photo(personas, repair, images.jpeg())
    assert response.status_code == 409
    assert "Annulée" in response.text
    assert not repair.photos.exists()


def test_the_tenant_gets_the_photo_privately(personas):
    repair = personas.alice_request
    post_photo(personas, repair, images.jpeg())
    photo = repair.photos.get()
    client = personas.client_for(personas.alice_user)
    response = client.get(f"/locataire/demandes/{repair.code}/photos/{photo.code}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["Cache-Control"] == "private, max-age=3600"
    assert b"".join(response.streaming_content)[:3] == b"\xff\xd8\xff"


def test_the_thumbnail_is_small(personas):
    repair = personas.alice_request
    post_photo(personas, repair, images.jpeg(1600, 1200))
    photo = repair.photos.get()
    client = personas.client_for(personas.alice_user)
    response = client.get(f"/locataire/demandes/{repair.code}/photos/{photo.code}/vignette/")
    assert response.status_code == 200
    assert max(Image.open(BytesIO(response.content)).size) <= 320
    assert len(response.content) < 20_000


def test_a_photo_of_another_request_of_the_same_tenant_is_not_found(personas):
    from tests.builders import submitted_request

    first, second = personas.alice_request, submitted_request(personas.alice)
    post_photo(personas, first, images.jpeg())
    photo = first.photos.get()
    client = personas.client_for(personas.alice_user)
    response = client.get(f"/locataire/demandes/{second.code}/photos/{photo.code}/")
    assert response.status_code == 404
