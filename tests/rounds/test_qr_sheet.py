"""The printable QR sheet: one readable code per entrance and common area of the sector, each
opening the new-request page with its place already chosen."""

from __future__ import annotations

import io
from urllib.parse import parse_qs, urlsplit

import zxingcpp
from django.urls import reverse
from pypdf import PdfReader

from agir.rounds import places


def decoded_codes(pdf: bytes) -> list[str]:
    texts = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for image in page.images:
            texts += [code.text for code in zxingcpp.read_barcodes(image.image)]
    return texts


def test_sheet_holds_one_readable_code_per_place(personas):
    client = personas.client_for(personas.caretaker.user)
    response = client.get(reverse("rounds:qr_sheet"))
    assert response["Content-Type"] == "application/pdf"
    codes = decoded_codes(response.content)
    estate = personas.estate
    expected = {places.entrance_key(e) for e in estate.entrances} | {
        places.area_key(a) for a in estate.common_areas.values()
    }
    keys = [parse_qs(urlsplit(code).query)["lieu"][0] for code in codes]
    assert sorted(keys) == sorted(expected)


def test_each_code_opens_the_new_request_page_on_its_place(personas):
    client = personas.client_for(personas.caretaker.user)
    codes = decoded_codes(client.get(reverse("rounds:qr_sheet")).content)
    assert codes
    for code in codes:
        url = urlsplit(code)
        assert url.path == reverse("rounds:new_request")
        place = places.resolve_for_user(personas.caretaker.user, parse_qs(url.query)["lieu"][0])
        page = client.get(f"{url.path}?{url.query}").content.decode()
        assert f'<span class="chosen-label">{place.label}</span>' in page, code


def test_sheet_of_another_sector_is_not_theirs(personas, elsewhere):
    estate, _household, _request = elsewhere
    client = personas.client_for(personas.caretaker.user)
    codes = decoded_codes(client.get(reverse("rounds:qr_sheet")).content)
    for entrance in estate.entrances:
        assert not any(places.entrance_key(entrance) in code for code in codes)
