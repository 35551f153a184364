"""Why a row or a file was not applied, in words: French in the back office, English in the
rejects file (read by the ERP's team and its tools, like the API's error bodies)."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from .files import write_atomic

REASONS = {
    "missing_field": _("Le champ « %(field)s » est obligatoire."),
    "too_long": _("Le champ « %(field)s » dépasse %(max)s caractères."),
    "not_integer": _("Le champ « %(field)s » doit être un nombre entier."),
    "not_number": _("Le champ « %(field)s » doit être un nombre."),
    "not_bool": _("Le champ « %(field)s » doit valoir true ou false."),
    "not_date": _("Le champ « %(field)s » doit être une date AAAA-MM-JJ."),
    "not_datetime": _(
        "Le champ « %(field)s » doit être une date et une heure ISO 8601 avec le fuseau "
        "(2026-03-12T14:05:00+01:00)."
    ),
    "not_choice": _("Le champ « %(field)s » doit valoir l'une de ces valeurs : %(choices)s."),
    "not_json": _("La ligne n'est pas un objet JSON."),
    "not_utf8": _("La ligne n'est pas en UTF-8."),
    "bad_file_name": _(
        "Le nom du fichier « %(name)s » ne suit pas la forme TYPE-v1-….csv ou TYPE-v1-….jsonl."
    ),
    "unknown_file_kind": _("Type de fichier inconnu « %(kind)s » (types connus : %(kinds)s)."),
    "unknown_version": _(
        "Version %(version)s du format inconnue (version comprise : %(supported)s)."
    ),
    "missing_columns": _("Colonnes obligatoires absentes : %(columns)s."),
    "file_not_utf8": _("Le fichier n'est pas en UTF-8."),
    "unknown_request": _(
        "Aucune demande ne correspond (référence %(reference)s, id ERP %(erp_id)s)."
    ),
    "no_request_named": _("Indiquez la demande : « request » (référence AGIR) ou « erp_id »."),
    "unknown_ref": _("« %(field)s » désigne %(id)s, inconnu(e)."),
    "transition_refused": _(
        "La demande %(reference)s est « %(current)s » : elle ne peut pas passer à « %(target)s »."
    ),
    "needs_message": _("Un message est obligatoire pour passer à « %(target)s »."),
    "needs_slot": _("« planned_start » et « planned_end » sont obligatoires pour « %(target)s »."),
    "bad_slot": _("« planned_end » doit suivre « planned_start »."),
    "erp_id_taken": _("L'identifiant ERP %(erp_id)s est déjà celui de la demande %(other)s."),
    "erp_id_differs": _("La demande %(reference)s a déjà l'identifiant ERP %(current)s."),
    "one_parent": _("Indiquez exactement un de « site », « building », « entrance »."),
    "one_place": _("Indiquez exactement un de « dwelling », « common_area »."),
    "needs_what": _("Indiquez « catalogue_code » ou « title »."),
    "dates_order": _("« end_date » doit suivre « start_date »."),
    "contract_place": _("Indiquez les bâtiments ou les résidences que couvre le contrat."),
    "lifecycle": _("Refusé par le cycle de vie : %(message)s"),
    "unexpected": _("Erreur inattendue : %(error)s"),
}


def reason(code: str, params: dict[str, Any]) -> str:
    template = REASONS.get(code, REASONS["unexpected"])
    try:
        return str(template) % params
    except (KeyError, TypeError, ValueError):
        return f"{template} {params}"


def reason_in_english(code: str, params: dict[str, Any]) -> str:
    with translation.override("en"):
        return reason(code, params)


def write_file(target: Path, rejects: list[tuple[int, str, dict, str]]) -> None:
    """The rejects file: one row per refused line (line 0: the whole file), with its reason."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["line", "code", "reason", "row"])
    for line, code, params, raw in rejects:
        writer.writerow([line, code, reason_in_english(code, params), raw])
    write_atomic(target, [buffer.getvalue().encode()])
