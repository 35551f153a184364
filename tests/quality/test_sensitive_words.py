"""Staff are warned when a free text they write seems to hold health or other sensitive data."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from agir.quality.sensitive import STEMS, sensitive_words, warning_for
from tests.staff_sign_in import sign_in

JS = Path(settings.BASE_DIR) / "quality/static/quality/sensitive.js"


def test_health_words_are_found_whatever_their_accents_and_endings():
    text = "La locataire est HOSPITALISÉE, son fils en fauteuil roulant."
    assert sensitive_words(text) == ["hospitalis", "fauteuil roulant"]


def test_ordinary_repair_words_raise_nothing():
    assert warning_for(["Fuite sous l'évier, le technicien passe jeudi matin."]) == ""


def test_a_stem_inside_another_word_is_not_a_match():
    assert sensitive_words("Une demande d'apprison… non : l'emprisonnement") == []


def test_the_page_script_carries_the_same_list():
    text = JS.read_text(encoding="utf-8")
    listed = re.search(r"var STEMS = (\[.*?\]);", text, re.S).group(1)
    assert json.loads(listed) == list(STEMS)


@pytest.mark.django_db
def test_the_request_page_warns_the_officer(client, personas):
    sign_in(client, personas.officer)
    code = personas.alice_request.code
    response = client.post(
        reverse("backoffice:request_action", args=[code, "comment"]),
        {"comment-message": "Madame est malade, passer l'après-midi.", "comment-public": ""},
        follow=True,
    )
    assert "donnée sensible (malade)" in response.content.decode()
