"""A photo is re-encoded to a plain JPEG without metadata, or refused with a French reason.

Written against the names shared with the guided entry (`clean_photo`, `PhotoRejected`) and
its wording's key words only, so that they hold whichever module is kept.
"""

from io import BytesIO

import pytest
from PIL import Image

from agir.repairs.photos import MAX_SIDE, PhotoRejected, clean_photo
from tests.tracking import images

TEN_MB = 10 * 1024 * 1024


def cleaned(data: bytes, name: str = "photo.jpg") -> Image.Image:
    return Image.open(BytesIO(clean_photo(BytesIO(data), name=name, size=len(data))))


def refusal(data: bytes, name: str = "photo.jpg", size: int | None = None) -> str:
    with pytest.raises(PhotoRejected) as refused:
        clean_photo(BytesIO(data), name=name, size=len(data) if size is None else size)
    return refused.value.user_message


def test_it_returns_a_jpeg():
    assert cleaned(images.png(), "p.png").format == "JPEG"


def test_it_strips_the_gps_position_and_all_exif():
    source = images.jpeg(gps=True)
    assert images.GPS_IFD in Image.open(BytesIO(source)).getexif()
    result = cleaned(source)
    assert dict(result.getexif()) == {}
    assert "exif" not in result.info


def test_it_keeps_the_photo_upright_when_dropping_the_orientation_tag():
    # Orientation 6: the camera stored it sideways, to be turned 90° for display.
    assert cleaned(images.jpeg(800, 600, orientation=6)).size == (600, 800)


def test_it_lays_transparency_on_white():
    result = cleaned(images.png(transparent=True), "p.png")
    assert result.mode == "RGB"
    assert min(result.getpixel((10, 10))) > 240


def test_it_shrinks_a_large_photo():
    assert max(cleaned(images.jpeg(4000, 3000)).size) == MAX_SIDE


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
    assert "photo" in refusal(data, name)


def test_an_empty_file_is_refused():
    assert "vide" in refusal(b"")


def test_an_oversized_file_is_refused_before_it_is_read():
    assert "trop lourde" in refusal(b"", size=TEN_MB + 1)


def test_an_oversized_file_is_refused_even_when_its_size_is_not_given():
    with pytest.raises(PhotoRejected) as refused:
        clean_photo(BytesIO(b"\xff" * (TEN_MB + 1)))
    assert "trop lourde" in refused.value.user_message


def test_a_decompression_bomb_is_refused():
    # A few KB of PNG that would unpack to 400 million pixels.
    out = BytesIO()
    Image.new("1", (20_000, 20_000)).save(out, "PNG")
    assert refusal(out.getvalue(), "bomb.png")
