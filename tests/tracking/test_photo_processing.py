"""A photo is re-encoded to a plain JPEG without metadata, or refused with a French reason."""

from io import BytesIO

import pytest
from PIL import Image

from agir.repairs.photos import MAX_SIDE, MAX_UPLOAD_BYTES, PhotoRejected, process_upload
from tests.tracking import images


def opened(data: bytes) -> Image.Image:
    return Image.open(BytesIO(data))


def test_it_returns_a_jpeg():
    assert opened(process_upload(images.upload(images.png(), "p.png"))).format == "JPEG"


def test_it_strips_the_gps_position_and_all_exif():
    source = images.jpeg(gps=True)
    assert images.GPS_IFD in opened(source).getexif()
    result = opened(process_upload(images.upload(source)))
    assert dict(result.getexif()) == {}
    assert "exif" not in result.info


def test_it_keeps_the_photo_upright_when_dropping_the_orientation_tag():
    # Orientation 6: the camera stored it sideways, to be turned 90° for display.
    result = opened(process_upload(images.upload(images.jpeg(800, 600, orientation=6))))
    assert result.size == (600, 800)


def test_it_lays_transparency_on_white():
    result = opened(process_upload(images.upload(images.png(transparent=True), "p.png")))
    assert result.mode == "RGB"
    red, green, blue = result.getpixel((10, 10))
    assert min(red, green, blue) > 240


def test_it_shrinks_a_large_photo():
    result = opened(process_upload(images.upload(images.jpeg(4000, 3000))))
    assert max(result.size) == MAX_SIDE


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (images.SVG, "dessin.svg"),
        (images.gif(), "anim.gif"),
        (b"%PDF-1.4 not a photo", "facture.pdf"),
        (b"MZ\x90\x00 an executable", "photo.jpg"),
        (images.jpeg()[:400], "cut.jpg"),
    ],
    ids=["svg", "gif", "pdf", "exe", "truncated"],
)
def test_what_is_not_a_photo_is_refused_in_french(data, name):
    with pytest.raises(PhotoRejected) as refused:
        process_upload(images.upload(data, name))
    assert "n'est pas une photo" in refused.value.user_message


def test_an_empty_file_is_refused():
    with pytest.raises(PhotoRejected) as refused:
        process_upload(images.upload(b""))
    assert refused.value.user_message == "Le fichier est vide."


def test_an_oversized_file_is_refused_before_it_is_decoded():
    with pytest.raises(PhotoRejected) as refused:
        process_upload(images.upload(b"\xff" * (MAX_UPLOAD_BYTES + 1)))
    assert "trop lourde" in refused.value.user_message


def test_a_decompression_bomb_is_refused():
    # A few KB of PNG that would unpack to 400 million pixels.
    out = BytesIO()
    Image.new("1", (20_000, 20_000)).save(out, "PNG")
    with pytest.raises(PhotoRejected) as refused:
        process_upload(images.upload(out.getvalue(), "bomb.png"))
    assert "trop grande" in refused.value.user_message
