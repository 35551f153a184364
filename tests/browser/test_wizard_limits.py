"""Past a limit the tenant is told, in Chromium: nothing is cut or dropped without a word."""

from __future__ import annotations

import io
import re

import pytest
from django.urls import reverse
from PIL import Image

from tests.browser.conftest import sign_in_by_keyboard
from tests.builders import build_estate, build_household

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def open_details(page, live_server) -> None:
    household = build_household(build_estate().dwellings[0])
    sign_in_by_keyboard(page, live_server.url, household.holder.user.username)
    page.goto(live_server.url + reverse("portal:wizard_start"))
    wizard = re.search(r"/signaler/([0-9a-f-]{36})/", page.url).group(1)
    choose = reverse("portal:wizard_choose", args=[wizard, "kitchen", "KIT-SINK-LEAK"])
    page.goto(live_server.url + choose)
    page.wait_for_selector("#id_description")


def test_a_description_past_2000_characters_is_told_and_kept_whole(page, live_server):
    # Fails before the fix: the text area's maxlength cut the paste at 2,000 characters and the
    # tenant went on to the review without a word.
    open_details(page, live_server)
    text = "L'eau coule sous l'évier. " * 80 + "Fin."  # 2,084 characters
    page.focus("#id_description")
    page.keyboard.insert_text(text)  # as a paste does

    page.get_by_role("button", name="Continuer").click()

    page.wait_for_selector(".error-summary")
    summary = page.inner_text(".error-summary")
    assert "2\u00a0000 caractères au plus" in summary
    assert "2\u00a0084" in summary
    assert page.input_value("#id_description") == text


def jpeg(colour: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), colour).save(out, format="JPEG")
    return out.getvalue()


def test_a_sixth_photo_is_told_not_dropped(page, live_server):
    open_details(page, live_server)
    colours = ["red", "green", "blue", "yellow", "purple", "orange"]
    files = [
        {"name": f"photo-{i + 1}.jpg", "mimeType": "image/jpeg", "buffer": jpeg(colour)}
        for i, colour in enumerate(colours)
    ]
    page.set_input_files("#id_photos", files)

    page.get_by_role("button", name="Envoyer ces photos").click()

    page.wait_for_selector(".error-summary")
    assert "5 photos au plus" in page.inner_text(".error-summary")
    assert page.locator(".photo-list li").count() == 5
    assert "c'est le maximum" in page.inner_text("#photos")
