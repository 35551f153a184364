"""Uploads and images stop at the limits: a photo above what phones make (24 megapixels) is
refused before it is decoded, a large JPEG is decoded at reduced size, and an upload past the
size limit is not read to its end (agir/repairs/photos.py, agir/core/uploads.py)."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.test.client import BOUNDARY, MULTIPART_CONTENT, ClientHandler, encode_multipart
from django.urls import reverse
from PIL import Image

from agir.repairs.photos import MAX_SIDE, PhotoRejected, clean_photo
from tests.portal.helpers import TenantWizard, photo_file, text_of
from tests.test_photos import gps_exif

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def wizard(client, household, settings, tmp_path) -> TenantWizard:
    settings.MEDIA_ROOT = tmp_path / "media"
    return TenantWizard(client, household).start()


# --- pixels -----------------------------------------------------------------------------------


def test_a_25_megapixel_png_of_a_few_kilobytes_is_refused_before_it_is_decoded():
    # Fails before the fix: the limit was 60 megapixels (a 59-megapixel PNG of 233 KB was
    # accepted and took 1 GB to decode).
    out = io.BytesIO()
    Image.new("1", (5000, 5000)).save(out, format="PNG")
    assert len(out.getvalue()) < 300_000

    with pytest.raises(PhotoRejected) as refused:
        clean_photo(io.BytesIO(out.getvalue()), name="plan.png")

    assert "trop grande (25 mégapixels, 24 au plus)" in refused.value.user_message


PEAK_MEMORY = """
import io, os, re, sys
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "agir.settings")
import django
django.setup()
from agir.repairs.photos import clean_photo

def peak_kb():  # VmHWM: this process's peak resident memory (getrusage counts the parent's)
    with open("/proc/self/status") as status:
        return int(re.search(r"VmHWM:\\s+(\\d+) kB", status.read()).group(1))

data = open(sys.argv[1], "rb").read()
before = peak_kb()
clean_photo(io.BytesIO(data), name="photo.jpg")
print(peak_kb() - before)
"""


def test_a_24_megapixel_jpeg_is_decoded_at_reduced_size(tmp_path):
    # Fails before the fix: the whole 6000 x 4000 image was decoded (96 MB of pixels, twice
    # with the copy made while turning it: about 220 MB); at half size, about 60 MB.
    photo = tmp_path / "photo.jpg"
    Image.new("RGB", (6000, 4000), "steelblue").save(photo, format="JPEG", quality=90)

    result = subprocess.run(
        [sys.executable, "-c", PEAK_MEMORY, str(photo)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )

    growth_kb = int(result.stdout.strip().splitlines()[-1])
    assert growth_kb < 100 * 1024, f"the peak memory grew by {growth_kb // 1024} MB"


def test_a_large_photo_decoded_at_reduced_size_still_turns_the_way_it_was_held():
    out = io.BytesIO()
    Image.new("RGB", (4800, 2400), "olive").save(out, format="JPEG", exif=gps_exif(6))

    result = Image.open(io.BytesIO(clean_photo(io.BytesIO(out.getvalue()), name="p.jpg")))

    assert result.size == (MAX_SIDE // 2, MAX_SIDE)


# --- bytes ------------------------------------------------------------------------------------


class CountingStream:
    """The request body as the web server hands it over, counting what the application reads."""

    def __init__(self, body: bytes) -> None:
        self.body = io.BytesIO(body)
        self.read_bytes = 0

    def read(self, size: int = -1) -> bytes:
        chunk = self.body.read(size)
        self.read_bytes += len(chunk)
        return chunk

    def readline(self, size: int = -1) -> bytes:
        line = self.body.readline(size)
        self.read_bytes += len(line)
        return line


def post_raw(client, url: str, data: dict) -> tuple[object, CountingStream, int]:
    """POST `data` as multipart through Django's request handling, with a body we can watch."""
    body = encode_multipart(BOUNDARY, data)
    stream = CountingStream(body)
    cookies = "; ".join(f"{morsel.key}={morsel.value}" for morsel in client.cookies.values())
    environ = {
        **client._base_environ(),
        "REQUEST_METHOD": "POST",
        "PATH_INFO": url,
        "CONTENT_TYPE": MULTIPART_CONTENT,
        "CONTENT_LENGTH": str(len(body)),
        "HTTP_COOKIE": cookies,
        "wsgi.input": stream,
    }
    response = ClientHandler(enforce_csrf_checks=False)(environ)
    return response, stream, len(body)


def heavy_file(name: str, megabytes: int) -> io.BytesIO:
    data = io.BytesIO(b"\xff\xd8\xff\xe0" + b"\0" * (megabytes * 1024 * 1024))
    data.name = name
    return data


def test_an_upload_past_the_limit_is_not_read_to_its_end(wizard, settings, tmp_path):
    # Fails before the fix: the whole body was read (and written to a temporary file) before
    # the photo was refused.
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    wizard.choose("kitchen", "KIT-SINK-LEAK")
    data = {"description": "Ça coule.", "photos": heavy_file("enorme.jpg", 30)}

    response, stream, total = post_raw(wizard.client, wizard.url("wizard_details"), data)

    assert response.status_code == 400
    assert "« enorme.jpg » est trop lourde : 10 Mo au plus par photo" in text_of(response)
    assert stream.read_bytes < settings.PHOTO_MAX_UPLOAD_BYTES + 1024 * 1024 < total
    assert wizard.state.photos == []


def test_many_photos_past_the_request_limit_stop_the_upload(wizard, settings):
    settings.UPLOAD_MAX_REQUEST_BYTES = 12 * 1024 * 1024
    wizard.choose("kitchen", "KIT-SINK-LEAK")
    data = {"photos": [heavy_file(f"p{i}.jpg", 5) for i in range(4)]}

    response, stream, total = post_raw(wizard.client, wizard.url("wizard_details"), data)

    assert "Ces photos sont trop lourdes ensemble : 12 Mo au plus en une fois" in text_of(response)
    assert stream.read_bytes < 13 * 1024 * 1024 < total


def test_what_follows_a_cut_off_photo_keeps_what_was_saved(wizard):
    wizard.choose("kitchen", "KIT-SINK-LEAK")
    wizard.details(action="upload", access_notes="Digicode 4512", description="Ça coule.")
    saved = wizard.state
    assert saved.access_notes == "Digicode 4512"

    data = {"description": "Ça coule toujours.", "photos": heavy_file("enorme.jpg", 11)}
    data |= {"access_notes": "", "action": "continue"}  # after the photo: never read
    response, _, _ = post_raw(wizard.client, wizard.url("wizard_details"), data)

    assert response.status_code == 400
    assert wizard.state.access_notes == "Digicode 4512"
    assert wizard.state.description == "Ça coule toujours."


def test_a_photo_too_heavy_for_a_request_page_is_told(client, household):
    from tests.builders import submitted_request

    repair = submitted_request(household)
    client.force_login(household.holder.user)
    url = reverse("portal:request_add_photo", args=[repair.code])

    response, stream, total = post_raw(client, url, {"photo": heavy_file("enorme.jpg", 20)})

    assert response.status_code == 400
    assert "« enorme.jpg » est trop lourde" in text_of(response)
    assert stream.read_bytes < total
    assert repair.photos.count() == 0


def test_a_photo_within_the_limits_still_arrives(wizard):
    wizard.choose("kitchen", "KIT-SINK-LEAK")
    response = wizard.details(action="upload", photos=[photo_file("fuite.jpg")])
    assert response.status_code == 302
    assert [p["label"] for p in wizard.state.photos] == ["fuite.jpg"]


def test_nginx_is_told_to_refuse_bodies_larger_than_what_agir_reads():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    size = re.search(r"client_max_body_size (\d+)m;", readme)
    assert size, "the README's nginx lines set client_max_body_size"
    assert int(size.group(1)) * 1024 * 1024 >= settings.UPLOAD_MAX_REQUEST_BYTES
