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
    for row in data["entries"]:
        emergency = row.get("emergency") or {}
        entry_model.objects.update_or_create(
            code=row["code"],
            defaults={
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
            },
        )
    return {
        "places": len(places),
        "equipment": len(equipment),
        "symptoms": len(symptoms),
        "entries": len(data["entries"]),
    }


def _current_model(app_label: str, model_name: str) -> Any:
    from django.apps import apps

    return apps.get_model(app_label, model_name)
