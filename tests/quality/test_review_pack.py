"""The monthly review pack: a real PDF whose text holds the month's indicators, the commitments
missed with their reasons, the comments and the corrective actions."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from pypdf import PdfReader

from agir.quality.models import CorrectiveAction
from agir.quality.pack import review_pack_pdf
from tests.quality.dataset import NOW, build_dataset

pytestmark = pytest.mark.django_db


def pdf_text(body: bytes) -> str:
    reader = PdfReader(io.BytesIO(body))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


@pytest.fixture
def november(estate):
    data = build_dataset(estate)
    CorrectiveAction.objects.create(
        finding="Prises en compte en retard après les jours fériés.",
        action="Astreinte d'un agent le lendemain des jours fériés.",
        owner="Responsable du service clientèle",
        due_date=date(2026, 1, 31),
    )
    return data


def test_the_pack_holds_the_months_indicators(november):
    text = pdf_text(review_pack_pdf(2025, 11, now=NOW))
    assert "Revue qualité — novembre 2025" in text
    assert "Demandes reçues 6" in text
    assert "Prises en compte dans le délai 50,0 %" in text  # 2 kept, 2 missed
    assert "Note moyenne (sur 5) 3.0" in text or "Note moyenne (sur 5) 3,0" in text


def test_the_pack_lists_missed_commitments_with_their_reasons(november):
    text = pdf_text(review_pack_pdf(2025, 11, now=NOW))
    assert november.requests["R2"].reference in text
    assert "L'entreprise attend une pièce." in text
    assert november.requests["R4"].reference in text


def test_the_pack_holds_the_comments_and_the_corrective_actions(november):
    text = pdf_text(review_pack_pdf(2025, 11, now=NOW))
    assert "Rapide et propre." in text
    assert "Astreinte d'un agent le lendemain des jours fériés." in text


def test_the_command_writes_the_pack(november, tmp_path):
    out = tmp_path / "revue.pdf"
    call_command("quality", "report", "--month", "2025-11", "--out", str(out))
    assert "Revue qualité" in pdf_text(out.read_bytes())


def test_the_command_refuses_a_bad_month(tmp_path):
    with pytest.raises(CommandError, match="YYYY-MM"):
        call_command("quality", "report", "--month", "11/2025", "--out", str(tmp_path / "x.pdf"))
