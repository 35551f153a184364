"""Reference data from the ERP: sites, buildings, entrances, dwellings, common areas, tenants,
leases, contractors and maintenance contracts, created, updated and ended by the ERP's ids.

Nothing is ever deleted: an ended site, building, dwelling, common area, tenant or contractor
is marked ended (`ErpRecord.ended_on`); a lease or contract gets its end date; a lease's
occupants are added, never removed (a departure is a lease's end). A row identical to the last
one applied for its id is skipped without a write, so importing the same rows again changes
nothing. Rows are applied a chunk at a time with bulk writes.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import DatabaseError, models, transaction
from django.utils import timezone

from agir.estate.models import (
    Building,
    CommonArea,
    Contractor,
    Dwelling,
    Entrance,
    Lease,
    MaintenanceContract,
    Occupancy,
    Sector,
    Site,
    Tenant,
)

from .models import ErpRecord
from .rows import Outcome, Row
from .schema import RowError


def row_hash(values: dict[str, Any]) -> str:
    text = json.dumps(values, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


class Refs:
    """ERP id -> AGIR pk, per kind: the registry first, then the rows' own codes."""

    NATURAL = {
        "site": (Site, "code"),
        "building": (Building, "code"),
        "dwelling": (Dwelling, "code"),
        "tenant": (Tenant, "external_ref"),
        "lease": (Lease, "reference"),
        "contract": (MaintenanceContract, "reference"),
    }

    def __init__(self) -> None:
        self.known: dict[str, dict[str, int]] = {}

    def lookup(self, kind: str, erp_ids: set[str]) -> dict[str, int]:
        cache = self.known.setdefault(kind, {})
        missing = {erp_id for erp_id in erp_ids if erp_id not in cache}
        if missing:
            found = dict(
                ErpRecord.objects.filter(kind=kind, erp_id__in=missing).values_list(
                    "erp_id", "object_id"
                )
            )
            cache.update(found)
            rest = missing - set(found)
            if rest and kind in self.NATURAL:
                model, code = self.NATURAL[kind]
                cache.update(model.objects.filter(**{f"{code}__in": rest}).values_list(code, "pk"))
        return {erp_id: cache[erp_id] for erp_id in erp_ids if erp_id in cache}

    def remember(self, kind: str, erp_id: str, pk: int) -> None:
        self.known.setdefault(kind, {})[erp_id] = pk


@dataclass
class Adapter:
    kind: str
    model: type[models.Model]
    natural: str | None  # the model's field that holds the ERP id, when it has one
    refs: dict[str, str] = field(default_factory=dict)  # row field -> kind it names
    list_refs: dict[str, str] = field(default_factory=dict)  # list field -> kind
    build: Callable[[dict[str, Any], dict[str, dict[str, int]]], dict[str, Any]] | None = None
    # what a chunk's saved rows need beyond their own fields (occupants, covered buildings)
    after: Callable[[list[tuple[Any, dict[str, Any]]], dict[str, Any]], None] | None = None
    ended_field: str | None = None  # the model's own end date, when it has one

    def fields(self, values: dict[str, Any], refs: dict[str, dict[str, int]]) -> dict[str, Any]:
        made = self.build(values, refs)
        if self.natural:
            made[self.natural] = values["id"]
        return made


def _ref(refs, kind: str, erp_id: str | None) -> int | None:
    return refs[kind][erp_id] if erp_id else None


def _email(value: str | None, name: str = "email") -> str:
    if not value:
        return ""
    try:
        validate_email(value)
    except ValidationError:
        raise RowError("not_choice", field=name, choices="an email address") from None
    return value


def _site(v, refs):
    return {"name": v["name"], "postcode": v["postcode"], "city": v["city"]}


def _building(v, refs):
    return {
        "site_id": refs["site"][v["site"]],
        "sector_id": refs["sector"][v["sector"]],
        "name": v["name"],
        "street_address": v["street_address"],
        "postcode": v["postcode"],
        "city": v["city"],
        "latitude": v["latitude"],
        "longitude": v["longitude"],
    }


def _entrance(v, refs):
    return {
        "building_id": refs["building"][v["building"]],
        "code": v["code"],
        "street_address": v["street_address"],
        "has_lift": bool(v["has_lift"]),
    }


def _dwelling(v, refs):
    return {
        "entrance_id": refs["entrance"][v["entrance"]],
        "number": v["number"],
        "floor": v["floor"],
        "dwelling_type": v["type"],
        "surface": v["surface"],
    }


def _common_area(v, refs):
    parents = [name for name in ("site", "building", "entrance") if v[name]]
    if len(parents) != 1:
        raise RowError("one_parent")
    return {
        "kind": v["kind"],
        "label": v["label"],
        "site_id": _ref(refs, "site", v["site"]),
        "building_id": _ref(refs, "building", v["building"]),
        "entrance_id": _ref(refs, "entrance", v["entrance"]),
    }


def _tenant(v, refs):
    return {
        "title": v["title"] or "",
        "first_name": v["first_name"],
        "last_name": v["last_name"],
        "email": _email(v["email"]),
        "mobile_phone": v["mobile_phone"] or "",
        "landline_phone": v["landline_phone"] or "",
    }


def _lease(v, refs):
    if v["end_date"] and v["end_date"] < v["start_date"]:
        raise RowError("dates_order")
    return {
        "dwelling_id": refs["dwelling"][v["dwelling"]],
        "start_date": v["start_date"],
        "end_date": v["end_date"],
    }


def _leases_after(made: list[tuple[Lease, dict[str, Any]]], refs) -> None:
    present = set(
        Occupancy.objects.filter(lease__in=[lease for lease, _ in made]).values_list(
            "lease_id", "tenant_id"
        )
    )
    new = []
    for lease, v in made:
        wanted = [(refs["tenant"][t], False) for t in v["occupants"] or []]
        wanted += [(refs["tenant"][t], True) for t in v["holders"]]
        for tenant_id, holder in dict(wanted).items():
            if (lease.pk, tenant_id) not in present:
                new.append(Occupancy(lease=lease, tenant_id=tenant_id, is_holder=holder))
                present.add((lease.pk, tenant_id))
    Occupancy.objects.bulk_create(new, batch_size=1000)


def _contractor(v, refs):
    return {
        "name": v["name"],
        "siret": v["siret"] or "",
        "email": _email(v["email"]),
        "phone": v["phone"] or "",
        "fax": v["fax"] or "",
        "street_address": v["street_address"] or "",
        "postcode": v["postcode"] or "",
        "city": v["city"] or "",
    }


def _contract(v, refs):
    if v["end_date"] and v["end_date"] < v["start_date"]:
        raise RowError("dates_order")
    if not v["buildings"] and not v["sites"]:
        raise RowError("contract_place")
    return {
        "contractor_id": refs["contractor"][v["contractor"]],
        "kind": v["kind"],
        "phone": v["phone"],
        "hours": v["hours"],
        "start_date": v["start_date"],
        "end_date": v["end_date"],
    }


def _contracts_after(made: list[tuple[MaintenanceContract, dict[str, Any]]], refs) -> None:
    for contract, v in made:
        contract.buildings.set([refs["building"][b] for b in v["buildings"]])
        contract.sites.set([refs["site"][s] for s in v["sites"]])


ADAPTERS = {
    a.kind: a
    for a in [
        Adapter("site", Site, "code", build=_site),
        Adapter(
            "building", Building, "code", refs={"site": "site", "sector": "sector"}, build=_building
        ),
        Adapter("entrance", Entrance, None, refs={"building": "building"}, build=_entrance),
        Adapter("dwelling", Dwelling, "code", refs={"entrance": "entrance"}, build=_dwelling),
        Adapter(
            "common_area",
            CommonArea,
            None,
            refs={"site": "site", "building": "building", "entrance": "entrance"},
            build=_common_area,
        ),
        Adapter("tenant", Tenant, "external_ref", build=_tenant),
        Adapter(
            "lease",
            Lease,
            "reference",
            refs={"dwelling": "dwelling"},
            list_refs={"holders": "tenant", "occupants": "tenant"},
            build=_lease,
            after=_leases_after,
            ended_field="end_date",
        ),
        Adapter("contractor", Contractor, None, build=_contractor),
        Adapter(
            "contract",
            MaintenanceContract,
            "reference",
            refs={"contractor": "contractor"},
            list_refs={"buildings": "building", "sites": "site"},
            build=_contract,
            after=_contracts_after,
            ended_field="end_date",
        ),
    ]
}


class Importer:
    """Applies chunks of rows of one kind; keeps its look-ups between chunks."""

    def __init__(self, kind: str) -> None:
        self.adapter = ADAPTERS[kind]
        self.refs = Refs()

    def apply(self, rows: list[Row], outcome: Outcome) -> None:
        # A later row for the same id is applied after the earlier one, in a pass of its own.
        passes: list[list[Row]] = []
        for row in rows:
            for chunk in passes:
                if all(other.values["id"] != row.values["id"] for other in chunk):
                    chunk.append(row)
                    break
            else:
                passes.append([row])
        for chunk in passes:
            self._apply_safely(chunk, outcome)

    def _apply_safely(self, rows: list[Row], outcome: Outcome) -> None:
        attempt = Outcome()
        try:
            with transaction.atomic():
                self._apply(rows, attempt)
        except DatabaseError:
            # One row breaks a constraint the checks did not foresee: apply them one by one,
            # so that it alone is refused.
            self.refs = Refs()
            for row in rows:
                single = Outcome()
                try:
                    with transaction.atomic():
                        self._apply([row], single)
                except DatabaseError as error:
                    self.refs = Refs()
                    single = Outcome()
                    single.reject(row, "unexpected", error=str(error).splitlines()[0][:200])
                outcome.merge(single)
            return
        outcome.merge(attempt)

    def _apply(self, rows: list[Row], outcome: Outcome) -> None:
        adapter = self.adapter
        kind = adapter.kind
        ids = [row.values["id"] for row in rows]
        records = {r.erp_id: r for r in ErpRecord.objects.filter(kind=kind, erp_id__in=ids)}
        todo: list[tuple[Row, str]] = []
        for row in rows:
            digest = row_hash(row.values)
            record = records.get(row.values["id"])
            if record is not None and record.row_hash == digest:
                outcome.count("unchanged")
            else:
                todo.append((row, digest))
        if not todo:
            return
        refs = self._resolve([row for row, _ in todo], outcome)
        ready: list[tuple[Row, str, dict[str, Any]]] = []
        for row, digest in todo:
            if row.line in refs["__rejected__"]:
                continue
            try:
                ready.append((row, digest, adapter.fields(row.values, refs)))
            except RowError as error:
                outcome.reject(row, error.code, **error.params)
        self._write(ready, records, refs, outcome)

    def _resolve(self, rows: list[Row], outcome: Outcome) -> dict[str, Any]:
        adapter = self.adapter
        wanted: dict[str, set[str]] = {}
        for name, target in adapter.refs.items():
            for row in rows:
                if row.values.get(name):
                    wanted.setdefault(target, set()).add(row.values[name])
        for name, target in adapter.list_refs.items():
            for row in rows:
                wanted.setdefault(target, set()).update(row.values.get(name) or [])
        refs: dict[str, Any] = {}
        for target, erp_ids in wanted.items():
            if target == "sector":
                refs["sector"] = self._sectors(erp_ids)
            else:
                refs[target] = self.refs.lookup(target, erp_ids)
        rejected: set[int] = set()
        for row in rows:
            for name, target in [*adapter.refs.items(), *adapter.list_refs.items()]:
                value = row.values.get(name)
                for erp_id in value if isinstance(value, list) else [value] if value else []:
                    if erp_id not in refs.get(target, {}):
                        outcome.reject(row, "unknown_ref", field=name, id=erp_id)
                        rejected.add(row.line)
                        break
                if row.line in rejected:
                    break
        refs["__rejected__"] = rejected
        return refs

    def _sectors(self, codes: set[str]) -> dict[str, int]:
        # Sectors are AGIR's (who covers which buildings); one the ERP names is made on the fly.
        Sector.objects.bulk_create(
            [Sector(code=code, name=code) for code in codes], ignore_conflicts=True
        )
        return dict(Sector.objects.filter(code__in=codes).values_list("code", "pk"))

    def _write(self, ready, records, refs, outcome: Outcome) -> None:
        adapter = self.adapter
        model = adapter.model
        # Which existing row each ERP id names: the registry, else the row's own code.
        targets: dict[str, int] = {}
        for row, _digest, _fields in ready:
            record = records.get(row.values["id"])
            if record is not None and record.object_id is not None:
                targets[row.values["id"]] = record.object_id
        unlinked = [row.values["id"] for row, _, _ in ready if row.values["id"] not in targets]
        if unlinked and adapter.natural:
            targets.update(
                model.objects.filter(**{f"{adapter.natural}__in": unlinked}).values_list(
                    adapter.natural, "pk"
                )
            )
        if unlinked and adapter.kind == "entrance":
            pairs = {(f["building_id"], f["code"]): row.values["id"] for row, _, f in ready}
            for pk, building_id, code in Entrance.objects.filter(
                building_id__in={b for b, _ in pairs}
            ).values_list("pk", "building_id", "code"):
                erp_id = pairs.get((building_id, code))
                if erp_id is not None and erp_id not in targets:
                    targets[erp_id] = pk
        existing = model.objects.in_bulk(set(targets.values()))
        to_update, to_create = [], []
        objects: dict[str, models.Model] = {}
        for row, _digest, fields in ready:
            erp_id = row.values["id"]
            obj = existing.get(targets.get(erp_id))
            if obj is None:
                obj = model(**fields)
                to_create.append(obj)
                outcome.count("created")
            else:
                for name, value in fields.items():
                    setattr(obj, name, value)
                to_update.append(obj)
                outcome.count("updated")
            objects[erp_id] = obj
        model.objects.bulk_create(to_create, batch_size=1000)
        if to_update:
            names = sorted({name for _, _, fields in ready for name in fields})
            model.objects.bulk_update(to_update, names, batch_size=1000)
        now = timezone.now()
        new_records, changed_records = [], []
        for row, digest, _fields in ready:
            erp_id = row.values["id"]
            obj = objects[erp_id]
            self.refs.remember(adapter.kind, erp_id, obj.pk)
            ended = row.values.get("ended_on")
            if adapter.ended_field:
                ended = row.values.get(adapter.ended_field)
            record = records.get(erp_id)
            if ended and (record is None or record.ended_on != ended):
                outcome.count("ended")
            if record is None:
                new_records.append(
                    ErpRecord(
                        kind=adapter.kind,
                        erp_id=erp_id,
                        object_id=obj.pk,
                        row_hash=digest,
                        ended_on=ended,
                        updated_at=now,
                    )
                )
            else:
                record.object_id, record.row_hash, record.ended_on = obj.pk, digest, ended
                record.updated_at = now
                changed_records.append(record)
        if adapter.after is not None:
            adapter.after([(objects[row.values["id"]], row.values) for row, _, _ in ready], refs)
        ErpRecord.objects.bulk_create(new_records, batch_size=1000)
        ErpRecord.objects.bulk_update(
            changed_records, ["object_id", "row_hash", "ended_on", "updated_at"], batch_size=1000
        )
