"""Writing many rows' changes at once, faster than `QuerySet.bulk_update`.

`bulk_update` builds one CASE expression per field over the whole batch, which Django takes
seconds to compile for a few thousand rows; one parameterised UPDATE sent with executemany
costs the database the same work and Python almost none.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.db import connections, models, router


def update_rows(objects: Sequence[models.Model], field_names: Iterable[str]) -> int:
    """UPDATE each of `objects` (one model) with its current values of `field_names`, by
    primary key, in one executemany. No signals are sent; returns the number of rows given."""
    if not objects:
        return 0
    model = type(objects[0])
    meta = model._meta
    fields = [meta.get_field(name) for name in field_names]
    connection = connections[router.db_for_write(model)]
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(f.column)} = %s" for f in fields)
    # Names quoted by the backend, values as parameters.
    table, key = quote(meta.db_table), quote(meta.pk.column)
    sql = f"UPDATE {table} SET {assignments} WHERE {key} = %s"  # noqa: S608
    rows = [
        [f.get_db_prep_save(getattr(obj, f.attname), connection) for f in fields] + [obj.pk]
        for obj in objects
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)
    return len(rows)


def insert_rows(objects: Sequence[models.Model], *, ignore_conflicts: bool = False) -> int:
    """INSERT `objects` (one model, primary keys left to the database) in one executemany,
    faster than `bulk_create` when their keys are not needed back. No signals are sent."""
    if not objects:
        return 0
    model = type(objects[0])
    meta = model._meta
    connection = connections[router.db_for_write(model)]
    fields = [f for f in meta.concrete_fields if not f.primary_key]
    for obj in objects:
        # As save() would: related objects saved since they were assigned give their keys,
        # auto_now_add fields their time.
        obj._prepare_related_fields_for_save(operation_name="insert_rows")
        for f in fields:
            f.pre_save(obj, add=True)
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    marks = ", ".join(["%s"] * len(fields))
    table = quote(meta.db_table)
    sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"  # noqa: S608
    if ignore_conflicts:
        sql += " ON CONFLICT DO NOTHING"
    rows = [
        [f.get_db_prep_save(getattr(obj, f.attname), connection) for f in fields] for obj in objects
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)
    return len(rows)
