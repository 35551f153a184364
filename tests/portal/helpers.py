"""Going through the guided entry with Django's test client, as a signed-in tenant."""

from __future__ import annotations

import io
import re

from django.test import Client
from django.urls import reverse
from PIL import Image

from agir.portal.wizard import state as wizard_state
from tests.builders import Household


class TenantWizard:
    def __init__(self, client: Client, household: Household) -> None:
        self.client = client
        self.household = household
        client.force_login(household.holder.user)
        self.id = ""

    def start(self) -> TenantWizard:
        response = self.client.get(reverse("portal:wizard_start"))
        assert response.status_code == 302, response
        self.id = re.search(r"/signaler/([0-9a-f-]{36})/", response.url).group(1)
        return self

    def url(self, name: str, *args) -> str:
        return reverse(f"portal:{name}", args=[self.id, *args])

    def get(self, name: str, *args, **query):
        return self.client.get(self.url(name, *args), query)

    def choose(self, place: str, entry: str):
        return self.get("wizard_choose", place, entry)

    def details(self, data: dict | None = None, **fields):
        payload = {"action": "continue", **(data or {}), **fields}
        return self.client.post(self.url("wizard_details"), payload)

    def reach_review(self, place: str = "kitchen", entry: str = "KIT-SINK-LEAK", **fields):
        self.choose(place, entry)
        response = self.details(**fields)
        assert response.status_code == 302, response.content.decode()[:2000]
        assert response.url == self.url("wizard_review"), response.url
        return response

    def confirm(self, **data):
        return self.client.post(self.url("wizard_review"), data)

    @property
    def state(self) -> wizard_state.WizardState:
        return wizard_state.load(self.client.session, self.id)


def followed(client: Client, response, limit: int = 5):
    """Follow redirects and return the last response (messages are shown there)."""
    for _ in range(limit):
        if response.status_code not in (301, 302):
            return response
        response = client.get(response.url)
    return response


def text_of(response) -> str:
    html = response.content.decode()
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    text = re.sub(r"<[^>]+>", " ", html).replace("&#x27;", "'").replace("&quot;", '"')
    return re.sub(r"[ \t\r\n]+", " ", text).strip()


def photo_file(name: str = "fuite.jpg", fmt: str = "JPEG", size=(120, 80)) -> io.BytesIO:
    data = io.BytesIO()
    Image.new("RGB", size, "blue").save(data, format=fmt)
    data.seek(0)
    data.name = name
    return data


def named_file(name: str, content: bytes) -> io.BytesIO:
    data = io.BytesIO(content)
    data.name = name
    return data
