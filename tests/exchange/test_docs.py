"""docs/exchange.md names every field AGIR reads and writes."""

from __future__ import annotations

from pathlib import Path

import pytest

from agir.exchange.records import EVENT_FIELDS, REQUEST_FIELDS
from agir.exchange.schema import ORDER, SPECS

DOC = (Path(__file__).resolve().parents[2] / "docs" / "exchange.md").read_text()


@pytest.mark.parametrize("kind", [*ORDER, "reconcile"])
def test_every_import_field_is_documented(kind):
    missing = [name for name in SPECS[kind].names if f"`{name}`" not in DOC]
    assert not missing, f"{kind}: {missing}"
    assert f"`{kind}`" in DOC


def test_every_export_field_is_documented():
    missing = [name for name in REQUEST_FIELDS + EVENT_FIELDS if f"`{name}`" not in DOC]
    assert not missing
