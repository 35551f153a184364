"""`agir.core.bulk`: rows written many at a time, as the ORM would write them one by one."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from django.db import connection
from django.db.models.signals import post_init
from django.utils import timezone

from agir.core.bulk import from_rows, insert_rows, insert_values, new_instance, update_rows
from agir.exchange.models import ErpRecord, ImportFile, ImportState

pytestmark = pytest.mark.django_db

APPLIED = datetime(2026, 3, 12, 13, 5, tzinfo=UTC)


def stored(model, pk) -> dict:
    """The row as the database holds it (not as the ORM reads it back)."""
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {table} WHERE id = %s", [pk])  # noqa: S608
        names = [column[0] for column in cursor.description]
        return dict(zip(names, cursor.fetchone(), strict=True))


def test_insert_values_stores_what_the_orm_stores():
    given = {
        "name": "status-v1-1.csv",
        "kind": "status",
        "state": ImportState.DONE,  # a choice: a str subclass
        "next_line": 12,
        "counts": {"applied": 10, "rejected": 1},
        "rejected": 1,
        "applied_at": APPLIED,
    }
    by_orm = ImportFile.objects.create(sha256="a" * 64, **given)

    insert_values(ImportFile, [{"sha256": "b" * 64, **given}])

    by_bulk = ImportFile.objects.get(sha256="b" * 64)
    ignored = {"id", "sha256", "received_at"}
    expected = {k: v for k, v in stored(ImportFile, by_orm.pk).items() if k not in ignored}
    assert {k: v for k, v in stored(ImportFile, by_bulk.pk).items() if k not in ignored} == (
        expected
    )


def test_insert_values_gives_the_fields_not_given_their_defaults():
    before = timezone.now()

    insert_values(ErpRecord, [{"kind": "status", "erp_id": "C1"}])

    record = ErpRecord.objects.get(kind="status", erp_id="C1")
    assert (record.object_id, record.row_hash, record.ended_on) == (None, "", None)
    assert before <= record.updated_at <= timezone.now()


def test_insert_values_updates_the_fields_named_when_the_row_is_there():
    insert_values(ErpRecord, [{"kind": "site", "erp_id": "S1", "row_hash": "old"}])

    insert_values(
        ErpRecord,
        [{"kind": "site", "erp_id": "S1", "row_hash": "new", "object_id": 7}],
        unique_fields=["kind", "erp_id"],
        update_fields=["row_hash"],
    )

    record = ErpRecord.objects.get(kind="site", erp_id="S1")
    assert (record.row_hash, record.object_id) == ("new", None)


def test_insert_values_can_skip_rows_already_there():
    insert_values(ErpRecord, [{"kind": "site", "erp_id": "S1", "row_hash": "first"}])

    insert_values(
        ErpRecord, [{"kind": "site", "erp_id": "S1", "row_hash": "second"}], ignore_conflicts=True
    )

    assert ErpRecord.objects.get(kind="site", erp_id="S1").row_hash == "first"


def test_insert_rows_with_keys_gives_each_object_its_own_key():
    records = [ErpRecord(kind="site", erp_id=f"S{n}", object_id=n) for n in range(2500)]

    insert_rows(records, with_keys=True)

    assert all(record.pk is not None and not record._state.adding for record in records)
    stored_ids = dict(ErpRecord.objects.values_list("pk", "object_id"))
    assert all(stored_ids[record.pk] == record.object_id for record in records)


def test_update_rows_writes_the_fields_named():
    records = [ErpRecord.objects.create(kind="site", erp_id=f"S{n}") for n in range(3)]
    for n, record in enumerate(records):
        record.ended_on = date(2026, 1, 1) + timedelta(days=n)
        record.row_hash = f"h{n}"

    update_rows(records, ["ended_on"])

    assert list(ErpRecord.objects.order_by("pk").values_list("ended_on", "row_hash")) == [
        (date(2026, 1, 1), ""),
        (date(2026, 1, 2), ""),
        (date(2026, 1, 3), ""),
    ]


def instance_fields(instance) -> dict:
    return {k: v for k, v in instance.__dict__.items() if k != "_state"}


def test_from_rows_makes_the_instances_a_query_makes():
    ErpRecord.objects.create(kind="site", erp_id="S1", object_id=4, ended_on=date(2026, 1, 2))
    names = [f.attname for f in ErpRecord._meta.concrete_fields]

    (made,) = from_rows(ErpRecord, names, ErpRecord.objects.values_list(*names), db="default")

    (read,) = ErpRecord.objects.all()
    assert instance_fields(made) == instance_fields(read)
    assert (made._state.adding, made._state.db) == (False, "default")
    made.row_hash = "changed"
    made.save(update_fields=["row_hash"])  # an update, not an insert
    assert ErpRecord.objects.get().row_hash == "changed"


def test_from_rows_goes_through_init_when_a_receiver_listens():
    ErpRecord.objects.create(kind="site", erp_id="S1")
    names = [f.attname for f in ErpRecord._meta.concrete_fields]
    seen = []

    def listen(sender, instance, **kwargs):
        seen.append(instance)

    post_init.connect(listen, sender=ErpRecord)
    try:
        (made,) = from_rows(ErpRecord, names, ErpRecord.objects.values_list(*names), db="default")
    finally:
        post_init.disconnect(listen, sender=ErpRecord)

    assert seen == [made]


def test_new_instance_is_what_the_model_makes_of_the_same_values():
    values = {f.attname: None for f in ErpRecord._meta.concrete_fields}
    values |= {"kind": "status", "erp_id": "C1", "row_hash": "h", "updated_at": APPLIED}

    made = new_instance(ErpRecord, values)

    assert instance_fields(made) == instance_fields(ErpRecord(**values))
    assert made._state.adding and made._state.db is None
    made.save()
    assert ErpRecord.objects.get(erp_id="C1").updated_at == APPLIED
