"""Photos are re-encoded to JPEG, lose their metadata, and anything else is refused in French."""

import io
import random

import pytest
from PIL import Image

from agir.repairs import photos
from agir.repairs.photos import PhotoRejected, clean_photo


def image_bytes(fmt: str, size=(64, 48), exif: Image.Exif | None = None, mode="RGB") -> bytes:
    image = Image.new(mode, size, "red" if mode == "RGB" else None)
    out = io.BytesIO()
    kwargs = {"exif": exif} if exif is not None else {}
    image.save(out, format=fmt, **kwargs)
    return out.getvalue()


def gps_exif(orientation: int = 1) -> Image.Exif:
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[0x0112] = orientation
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (50.0, 43.0, 24.0)
    return exif


def reopen(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "HEIF"])
def test_it_reencodes_each_accepted_format_to_jpeg(fmt):
    result = reopen(clean_photo(io.BytesIO(image_bytes(fmt)), name="photo"))

    assert result.format == "JPEG"
    assert result.size == (64, 48)


def test_it_strips_the_location_and_all_exif():
    data = image_bytes("JPEG", exif=gps_exif())
    assert reopen(data).getexif().get_ifd(0x8825)  # the fixture does carry a position

    result = reopen(clean_photo(io.BytesIO(data), name="photo.jpg"))

    assert len(result.getexif()) == 0
    assert "exif" not in result.info


def test_it_turns_the_photo_the_way_the_phone_held_it():
    data = image_bytes("JPEG", size=(40, 20), exif=gps_exif(orientation=6))

    result = reopen(clean_photo(io.BytesIO(data), name="photo.jpg"))

    assert result.size == (20, 40)


def test_it_makes_a_huge_photo_smaller():
    data = image_bytes("PNG", size=(4000, 1000))

    result = reopen(clean_photo(io.BytesIO(data), name="photo.png"))

    assert result.size == (photos.MAX_SIDE, 500)


def test_it_flattens_transparency_on_white():
    data = image_bytes("PNG", mode="RGBA")

    result = reopen(clean_photo(io.BytesIO(data), name="photo.png"))

    assert result.mode == "RGB"
    assert result.getpixel((0, 0)) == (255, 255, 255)


def test_it_refuses_an_svg_even_renamed():
    svg = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>x()</script></svg>'

    with pytest.raises(PhotoRejected) as refused:
        clean_photo(io.BytesIO(svg), name="photo.jpg")

    assert "c'est un dessin SVG" in refused.value.user_message
    assert "JPEG, PNG ou HEIC" in refused.value.user_message


def test_it_refuses_a_file_that_is_not_an_image():
    with pytest.raises(PhotoRejected) as refused:
        clean_photo(io.BytesIO(b"%PDF-1.4 not a photo at all"), name="facture.pdf")

    assert refused.value.user_message == (
        "« facture.pdf » n'est pas une photo. Envoyez une photo au format JPEG, PNG ou HEIC."
    )


def test_it_refuses_an_image_format_that_is_not_a_photo():
    with pytest.raises(PhotoRejected) as refused:
        clean_photo(io.BytesIO(image_bytes("GIF")), name="anim.gif")

    assert "n'est pas une photo" in refused.value.user_message


def test_it_refuses_an_oversized_file_by_its_declared_size_without_reading(settings):
    settings.PHOTO_MAX_UPLOAD_BYTES = 2 * 1024 * 1024

    class Unreadable(io.BytesIO):
        def read(self, *args):
            raise AssertionError("an oversized file must not be read")

    with pytest.raises(PhotoRejected) as refused:
        clean_photo(Unreadable(), name="grosse.jpg", size=3 * 1024 * 1024)

    assert refused.value.user_message == "« grosse.jpg » est trop lourde : 2 Mo au plus par photo."


def test_it_refuses_an_oversized_file_whose_size_is_not_declared(settings):
    settings.PHOTO_MAX_UPLOAD_BYTES = 1024 * 1024
    noise = Image.frombytes("RGB", (1024, 1024), random.Random(7).randbytes(3 * 1024 * 1024))
    data = io.BytesIO()
    noise.save(data, format="PNG")
    assert len(data.getvalue()) > 1024 * 1024

    with pytest.raises(PhotoRejected) as refused:
        clean_photo(io.BytesIO(data.getvalue()), name="bruit.png")

    assert "trop lourde" in refused.value.user_message


def test_it_refuses_a_truncated_photo():
    data = image_bytes("JPEG", size=(400, 300))[:300]

    with pytest.raises(PhotoRejected) as refused:
        clean_photo(io.BytesIO(data), name="coupée.jpg")

    assert "« coupée.jpg » n'est pas une photo que nous pouvons lire" in refused.value.user_message


def test_it_refuses_an_empty_file():
    with pytest.raises(PhotoRejected) as refused:
        clean_photo(io.BytesIO(b""), name="vide.jpg")

    assert refused.value.user_message == "Le fichier est vide."
