"""Load the shipped catalogue (data/catalogue.yaml) into the database.

Idempotent: rows are matched by code and updated, so a landlord's edits to rows the file does
not name are kept. Used by a data migration (with historical models) and by
`agir load_catalogue`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from django.db import transaction

CATALOGUE_FILE = Path(__file__).parent / "data" / "catalogue.yaml"


def read_catalogue(path: Path = CATALOGUE_FILE) -> dict[str, Any]:
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


@transaction.atomic
def load_catalogue(data: dict[str, Any], apps: Any = None) -> dict[str, int]:
    """Write `data` (the YAML's shape) into the catalogue tables; returns counts by kind."""
    get = apps.get_model if apps is not None else _current_model
    place_model = get("catalogue", "Place")
    equipment_model = get("catalogue", "Equipment")
    symptom_model = get("catalogue", "Symptom")
    entry_model = get("catalogue", "CatalogueEntry")

    places = {}
    for position, row in enumerate(data["places"]):
        places[row["code"]], _ = place_model.objects.update_or_create(
            code=row["code"],
            defaults={"label": row["label"], "scope": row["scope"], "position": position},
        )
    equipment = {}
    for position, row in enumerate(data["equipment"]):
        item, _ = equipment_model.objects.update_or_create(
            code=row["code"],
            defaults={
                "label": row["label"],
                "contract_kind": row.get("contract") or "",
                "position": position,
            },
        )
        item.places.set([places[code] for code in row.get("places", [])])
        equipment[row["code"]] = item
    symptoms = {}
    for position, row in enumerate(data["symptoms"]):
        symptoms[row["code"]], _ = symptom_model.objects.update_or_create(
            code=row["code"], defaults={"label": row["label"], "position": position}
        )
    entry_fields = {field.name for field in entry_model._meta.get_fields()}
    for row in data["entries"]:
        check_entry(row)
        emergency = row.get("emergency") or {}
        defaults = {
            "place": places[row["place"]],
            "equipment": equipment[row["equipment"]],
            "symptom": symptoms[row["symptom"]],
            "title": row["title"],
            "responsibility": row["responsibility"],
            "legal_basis": row["legal_basis"],
            "urgency": row["urgency"],
            "advice": row.get("advice") or "",
            "keywords": list(row.get("keywords") or []),
            "emergency_call": emergency.get("call", ""),
            "emergency_danger": emergency.get("danger", ""),
            "emergency_steps": list(emergency.get("steps", [])),
            "contract_kind": row.get("contract") or "",
        }
        # A data migration runs this with the historical model, which may predate a field.
        defaults = {name: value for name, value in defaults.items() if name in entry_fields}
        entry_model.objects.update_or_create(code=row["code"], defaults=defaults)
    return {
        "places": len(places),
        "equipment": len(equipment),
        "symptoms": len(symptoms),
        "entries": len(data["entries"]),
    }


def check_entry(row: dict[str, Any]) -> None:
    """Refuse an entry that cannot say who pays: the file is a legal statement."""
    from agir.catalogue.models import ENTRY_RESPONSIBILITIES, Urgency
    from agir.estate.models import ContractKind

    code = row.get("code", "?")
    if row.get("responsibility") not in ENTRY_RESPONSIBILITIES:
        raise ValueError(
            f"{code}: responsibility must be one of {', '.join(ENTRY_RESPONSIBILITIES)} (who "
            "pays where no contract covers it); name the contract with 'contract: KIND'"
        )
    if (row.get("contract") or "") not in {"", *ContractKind.values}:
        raise ValueError(f"{code}: unknown contract kind {row.get('contract')!r}")
    if row.get("urgency") not in Urgency.values:
        raise ValueError(f"{code}: unknown urgency {row.get('urgency')!r}")
    if not (row.get("legal_basis") or "").strip():
        raise ValueError(f"{code}: a legal basis is required")


def _current_model(app_label: str, model_name: str) -> Any:
    from django.apps import apps

    return apps.get_model(app_label, model_name)
