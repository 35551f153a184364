"""What the ERP may send, version 1: one record spec per kind of file, and the parsing of a
row into clean values. docs/exchange.md lists the same fields (a test keeps them in step).

A row is a dict of strings (CSV) or of JSON values (JSON Lines). An empty value is a missing
one. A bad row raises `RowError` with a code and its parameters (`rejects.py` words them).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from agir.catalogue.models import Responsibility, Urgency
from agir.estate.models import CommonAreaKind, ContractKind, DwellingType
from agir.repairs.models import Origin, Status

VERSION = 1


class RowError(Exception):
    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code, params)
        self.code = code
        self.params = params


@dataclass(frozen=True)
class Field:
    name: str
    kind: str = "text"  # text, int, float, decimal, date, datetime, bool, choice, list
    required: bool = False
    max_length: int | None = None
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class Spec:
    kind: str
    fields: tuple[Field, ...]

    @property
    def names(self) -> list[str]:
        return [f.name for f in self.fields]

    @property
    def required(self) -> list[str]:
        return [f.name for f in self.fields if f.required]


def _text(name: str, max_length: int, required: bool = False) -> Field:
    return Field(name, "text", required, max_length)


ENDED = Field("ended_on", "date")
ERP_ID = _text("id", 64, required=True)
REFERENCE = _text("request", 16)  # AGIR's reference
REQUEST_ERP_ID = _text("erp_id", 32)
TARGET_STATUSES = tuple(s for s in Status.values if s not in {"draft", "submitted"})

SPECS: dict[str, Spec] = {
    spec.kind: spec
    for spec in [
        Spec(
            "site",
            (ERP_ID, _text("name", 120, True), _text("postcode", 10, True),
             _text("city", 80, True), ENDED),
        ),
        Spec(
            "building",
            (ERP_ID, _text("site", 64, True), _text("sector", 32, True), _text("name", 120, True),
             _text("street_address", 120, True), _text("postcode", 10, True),
             _text("city", 80, True), Field("latitude", "float"), Field("longitude", "float"),
             ENDED),
        ),
        Spec(
            "entrance",
            (ERP_ID, _text("building", 64, True), _text("code", 8, True),
             _text("street_address", 120, True), Field("has_lift", "bool"), ENDED),
        ),
        Spec(
            "dwelling",
            (ERP_ID, _text("entrance", 64, True), _text("number", 16, True),
             Field("floor", "int", True),
             Field("type", "choice", True, choices=tuple(DwellingType.values)),
             Field("surface", "decimal", True), ENDED),
        ),
        Spec(
            "common_area",
            (ERP_ID, Field("kind", "choice", True, choices=tuple(CommonAreaKind.values)),
             _text("label", 120, True), _text("site", 64), _text("building", 64),
             _text("entrance", 64), ENDED),
        ),
        Spec(
            "tenant",
            (ERP_ID, _text("title", 8), _text("first_name", 80, True),
             _text("last_name", 80, True), _text("email", 254), _text("mobile_phone", 20),
             _text("landline_phone", 20), ENDED),
        ),
        Spec(
            "lease",
            (ERP_ID, _text("dwelling", 64, True), Field("start_date", "date", True),
             Field("end_date", "date"), Field("holders", "list", True), Field("occupants", "list")),
        ),
        Spec(
            "contractor",
            (ERP_ID, _text("name", 120, True), _text("siret", 14), _text("email", 254),
             _text("phone", 20), _text("fax", 20), _text("street_address", 120),
             _text("postcode", 10), _text("city", 80), ENDED),
        ),
        Spec(
            "contract",
            (ERP_ID, _text("contractor", 64, True),
             Field("kind", "choice", True, choices=tuple(ContractKind.values)),
             Field("buildings", "list"), Field("sites", "list"), _text("phone", 20, True),
             _text("hours", 120, True), Field("start_date", "date", True),
             Field("end_date", "date")),
        ),
        Spec(
            "request",
            (ERP_ID, _text("dwelling", 64), _text("common_area", 64), _text("tenant", 64),
             _text("lease", 32), _text("catalogue_code", 48), _text("title", 120),
             _text("description", 2000), Field("at", "datetime", True),
             Field("origin", "choice", choices=("phone", "counter", "erp")),
             Field("urgency", "choice", choices=tuple(Urgency.values)),
             Field("responsibility", "choice", choices=tuple(Responsibility.values))),
        ),
        Spec("link", (_text("request", 16, True), _text("erp_id", 32, True))),
        Spec(
            "status",
            (ERP_ID, REFERENCE, REQUEST_ERP_ID,
             Field("status", "choice", True, choices=TARGET_STATUSES),
             Field("at", "datetime"), _text("message", 2000),
             Field("planned_start", "datetime"), Field("planned_end", "datetime"),
             Field("responsibility", "choice", choices=tuple(Responsibility.values)),
             Field("urgency", "choice", choices=tuple(Urgency.values))),
        ),
        Spec(
            "message",
            (ERP_ID, REFERENCE, REQUEST_ERP_ID, Field("at", "datetime"),
             _text("text", 2000, True), Field("public", "bool")),
        ),
        # The ERP's full lists, for the nightly reconciliation (not applied by the import).
        Spec(
            "reconcile",
            (Field("type", "choice", True, choices=(
                "request", "site", "building", "entrance", "dwelling", "common_area",
                "tenant", "lease", "contractor", "contract")),
             _text("id", 64, True), _text("request", 16),
             Field("status", "choice", choices=tuple(Status.values))),
        ),
    ]
}  # fmt: skip

# Reference data first (each kind after the kinds it names), then requests and their changes.
ORDER = [
    "site",
    "building",
    "entrance",
    "dwelling",
    "common_area",
    "contractor",
    "contract",
    "tenant",
    "lease",
    "request",
    "link",
    "status",
    "message",
]
REFERENCE_KINDS = ORDER[: ORDER.index("request")]
ORIGINS = {"phone": Origin.PHONE, "counter": Origin.COUNTER, "erp": Origin.ERP}

FILE_NAME = re.compile(
    r"^(?P<kind>[a-z_]+)-v(?P<version>\d+)(?:[-_.][A-Za-z0-9_.-]*)?\.(?P<format>csv|jsonl)$"
)


@dataclass(frozen=True)
class FileName:
    kind: str
    version: int
    format: str


def parse_name(name: str) -> FileName:
    match = FILE_NAME.match(name)
    if match is None:
        raise RowError("bad_file_name", name=name)
    kind, version = match["kind"], int(match["version"])
    if kind not in SPECS:
        raise RowError("unknown_file_kind", kind=kind, kinds=", ".join(sorted(SPECS)))
    if version != VERSION:
        raise RowError("unknown_version", version=version, supported=VERSION)
    return FileName(kind, version, match["format"])


# --- values ------------------------------------------------------------------------------

TRUE = {"1", "true", "yes", "oui", "o", "y"}
FALSE = {"0", "false", "no", "non", "n"}


def parse_row(spec: Spec, raw: dict[str, Any]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for field in spec.fields:
        value = raw.get(field.name)
        if isinstance(value, str):
            value = value.strip()
        if value is None or value == "" or value == []:
            if field.required:
                raise RowError("missing_field", field=field.name)
            values[field.name] = [] if field.kind == "list" else None
            continue
        values[field.name] = _convert(field, value)
    return values


def _convert(field: Field, value: Any) -> Any:
    name = field.name
    kind = field.kind
    if kind == "text":
        text = str(value)
        if field.max_length and len(text) > field.max_length:
            raise RowError("too_long", field=name, max=field.max_length)
        return text
    if kind == "int":
        try:
            if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
                raise ValueError
            return int(value)
        except (TypeError, ValueError):
            raise RowError("not_integer", field=name) from None
    if kind in {"float", "decimal"}:
        try:
            number = Decimal(str(value).replace(",", "."))
            if not number.is_finite():
                raise InvalidOperation
        except InvalidOperation:
            raise RowError("not_number", field=name) from None
        return float(number) if kind == "float" else number
    if kind == "bool":
        if isinstance(value, bool):
            return value
        text = str(value).lower()
        if text in TRUE:
            return True
        if text in FALSE:
            return False
        raise RowError("not_bool", field=name)
    if kind == "date":
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            raise RowError("not_date", field=name) from None
    if kind == "datetime":
        try:
            moment = datetime.fromisoformat(str(value))
        except ValueError:
            raise RowError("not_datetime", field=name) from None
        if moment.tzinfo is None:
            raise RowError("not_datetime", field=name)
        return moment
    if kind == "choice":
        if str(value) not in field.choices:
            raise RowError("not_choice", field=name, choices=", ".join(field.choices))
        return str(value)
    if kind == "list":
        items = value if isinstance(value, list) else str(value).split(";")
        return [str(item).strip() for item in items if str(item).strip()]
    raise ValueError(f"unknown field kind {kind}")
