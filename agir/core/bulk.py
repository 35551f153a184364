"""Writing many rows at once, faster than `QuerySet.bulk_update` and `bulk_create`.

`bulk_update` builds one CASE expression per field over the whole batch, which Django takes
seconds to compile for a few thousand rows, and `bulk_create` compiles every value of every
row; one parameterised statement sent with executemany (or one multi-row INSERT when the keys
are wanted back) costs the database the same work and Python little. Values go to the
database as `Field.get_db_prep_save` gives them, but for the plain ones it would return
unchanged (a string for a text column, an int for an integer column …), passed as they are.
"""

from __future__ import annotations

import datetime
import functools
import inspect
from collections.abc import Callable, Collection, Iterable, Sequence
from typing import Any

from django.db import connections, models, router
from django.db.models.base import ModelState
from django.db.models.fields.related_descriptors import ForeignKeyDeferredAttribute
from django.db.models.query_utils import DeferredAttribute
from django.db.models.signals import post_init, pre_init
from django.utils import timezone

# Internal types whose values of this Python type `get_db_prep_save` returns unchanged (of
# exactly this type, but any str for text).
AS_IS: dict[str, type] = {
    "CharField": str,
    "TextField": str,
    "EmailField": str,
    "SlugField": str,
    "URLField": str,
    "AutoField": int,
    "BigAutoField": int,
    "SmallAutoField": int,
    "IntegerField": int,
    "BigIntegerField": int,
    "SmallIntegerField": int,
    "PositiveIntegerField": int,
    "PositiveBigIntegerField": int,
    "PositiveSmallIntegerField": int,
    "BooleanField": bool,
}
# Types whose prepared values are remembered within one call: the rows of a batch share them
# (the moment of the change, the time of writing).
REMEMBERED = (datetime.datetime, datetime.date)


def preparer(field: models.Field, connection) -> Callable[[Any], Any]:
    """What turns a Python value of `field` into the value sent to the database."""
    target = field
    while target.is_relation:  # a foreign key is stored as the key it points to
        target = target.target_field
    plain = AS_IS.get(target.get_internal_type())
    prep = field.get_db_prep_save
    if plain is None:
        if isinstance(field, models.JSONField):
            return lambda value: prep(value, connection)
        remembered: dict[Any, Any] = {}

        def prepare(value: Any) -> Any:
            if value is None:
                return None
            if isinstance(value, REMEMBERED):
                if value not in remembered:
                    remembered[value] = prep(value, connection)
                return remembered[value]
            return prep(value, connection)

        return prepare

    if plain is str:
        # Text fields take any str as it is, a choice's member (a str subclass) too.
        def prepare_text(value: Any) -> Any:
            if value is None or isinstance(value, str):
                return value
            return prep(value, connection)

        return prepare_text

    def prepare_plain(value: Any) -> Any:
        if value is None or type(value) is plain:
            return value
        return prep(value, connection)

    return prepare_plain


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
    columns = [(f.attname, preparer(f, connection)) for f in fields]
    rows = [[prep(getattr(obj, name)) for name, prep in columns] + [obj.pk] for obj in objects]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)
    return len(rows)


def insert_rows(
    objects: Sequence[models.Model], *, ignore_conflicts: bool = False, with_keys: bool = False
) -> int:
    """INSERT `objects` (one model, primary keys left to the database) in one executemany,
    faster than `bulk_create`. No signals are sent.

    `with_keys`: in multi-row INSERTs that return the keys, which the objects then carry (as
    after `bulk_create`)."""
    if not objects:
        return 0
    model = type(objects[0])
    meta = model._meta
    connection = connections[router.db_for_write(model)]
    fields = [f for f in meta.concrete_fields if not f.primary_key]
    # Those whose pre_save does more than read the value (`Field.pre_save`).
    presaved = [f for f in fields if type(f).pre_save is not models.Field.pre_save]
    for obj in objects:
        # As save() would: related objects saved since they were assigned give their keys,
        # auto_now_add fields their time.
        obj._prepare_related_fields_for_save(operation_name="insert_rows")
        for f in presaved:
            f.pre_save(obj, add=True)
    names = [f.attname for f in fields]
    rows = [[getattr(obj, name) for name in names] for obj in objects]
    if not with_keys:
        return _insert(model, connection, fields, rows, ignore_conflicts=ignore_conflicts)
    if ignore_conflicts:
        raise ValueError("rows skipped on a conflict return no key")
    keys = _insert_returning_keys(model, connection, fields, rows)
    for obj, key in zip(objects, keys, strict=True):
        obj.pk = key
        obj._state.adding = False
        obj._state.db = connection.alias
    return len(rows)


def insert_values(
    model: type[models.Model],
    rows: Sequence[dict[str, Any]],
    *,
    ignore_conflicts: bool = False,
    update_fields: Sequence[str] = (),
    unique_fields: Sequence[str] = (),
) -> int:
    """INSERT rows of `model` given as {field attname: value}, without making model
    instances: a field not given takes its default as a new instance would (auto_now and
    auto_now_add fields, and those whose default is `timezone.now`, the time of the call).
    No signals are sent.

    `update_fields` with `unique_fields`: a row whose unique fields are taken updates these
    fields of the row there instead (ON CONFLICT … DO UPDATE)."""
    if not rows:
        return 0
    meta = model._meta
    connection = connections[router.db_for_write(model)]
    fields = [f for f in meta.concrete_fields if not f.primary_key or f.attname in rows[0]]
    now = timezone.now()
    fixed: dict[str, Any] = {}  # the same for every row
    made: dict[str, Callable[[], Any]] = {}  # made anew for each row (a uuid4, a dict …)
    for f in fields:
        if (
            getattr(f, "auto_now", False)
            or getattr(f, "auto_now_add", False)
            or f.default is timezone.now  # the time of the call too, not one for each row
        ):
            fixed[f.attname] = now
        elif f.has_default() and callable(f.default):
            made[f.attname] = f.default
        else:
            fixed[f.attname] = f.get_default()
    names = [f.attname for f in fields]
    values = [
        [
            row[name] if name in row else fixed[name] if name in fixed else made[name]()
            for name in names
        ]
        for row in rows
    ]
    conflict = ""
    if update_fields:
        quote = connection.ops.quote_name
        columns = [meta.get_field(name).column for name in unique_fields]
        changes = [meta.get_field(name).column for name in update_fields]
        conflict = " ON CONFLICT ({}) DO UPDATE SET {}".format(
            ", ".join(quote(c) for c in columns),
            ", ".join(f"{quote(c)} = EXCLUDED.{quote(c)}" for c in changes),
        )
    return _insert(
        model, connection, fields, values, ignore_conflicts=ignore_conflicts, conflict=conflict
    )


def _prepared(connection, fields: list[models.Field], rows: list[list[Any]]) -> list[list[Any]]:
    preps = [preparer(f, connection) for f in fields]
    return [[prep(value) for prep, value in zip(preps, row, strict=True)] for row in rows]


def _insert(model, connection, fields, rows, *, ignore_conflicts: bool, conflict: str = "") -> int:
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    marks = ", ".join(["%s"] * len(fields))
    table = quote(model._meta.db_table)
    sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"  # noqa: S608
    if ignore_conflicts:
        sql += " ON CONFLICT DO NOTHING"
    sql += conflict
    with connection.cursor() as cursor:
        cursor.executemany(sql, _prepared(connection, fields, rows))
    return len(rows)


def _insert_returning_keys(model, connection, fields, rows) -> list[Any]:
    """Multi-row INSERTs, as many rows each as the database takes parameters, returning the
    new keys in the order of the rows (as `bulk_create` relies on them coming)."""
    meta = model._meta
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    table, key = quote(meta.db_table), quote(meta.pk.column)
    size = max(1, connection.ops.bulk_batch_size(fields, rows))
    prepared = _prepared(connection, fields, rows)
    one = "({})".format(", ".join(["%s"] * len(fields)))
    keys: list[Any] = []
    with connection.cursor() as cursor:
        for start in range(0, len(prepared), size):
            part = prepared[start : start + size]
            marks = ", ".join([one] * len(part))
            sql = f"INSERT INTO {table} ({columns}) VALUES {marks} RETURNING {key}"  # noqa: S608
            cursor.execute(sql, [value for row in part for value in row])
            keys.extend(pk for (pk,) in cursor.fetchall())
    return keys


def from_rows(
    model: type[models.Model], names: Sequence[str], rows: Iterable[Sequence[Any]], *, db: str
) -> list[models.Model]:
    """Instances of `model` read from the database, from rows of the values of its fields
    `names` (attnames, in that order; converted as a query converts them), as
    `Model.from_db` makes them, in a third of its time: each row goes into the instance's
    `__dict__` at once, where `Model.__init__` sets the fields one by one through their
    attributes. Made through `from_db` instead when that is not the same (`_plain`)."""
    if not _plain(model, names):
        return [model.from_db(db, names, row) for row in rows]
    new, make_state = object.__new__, ModelState
    made = []
    for row in rows:
        instance = new(model)
        state = make_state()
        state.adding = False
        state.db = db
        values = instance.__dict__
        values.update(zip(names, row))  # noqa: B905 (each row has a value of each name)
        values["_state"] = state
        made.append(instance)
    return made


def new_instance(model: type[models.Model], values: dict[str, Any]) -> models.Model:
    """A new instance of `model`, not saved, with `values` ({attname: value} for each of its
    concrete fields), as `model(**values)` makes it, without setting the fields one by one
    through their attributes (see `from_rows`)."""
    if not _plain(model, values):
        return model(**values)
    instance = object.__new__(model)
    instance.__dict__.update(values)
    instance._state = ModelState()
    return instance


def _plain(model: type[models.Model], names: Collection[str]) -> bool:
    """Whether an instance of `model` with these fields is the same made through its
    `__dict__` as through `__init__`: all its concrete fields given, no `pre_init` or
    `post_init` receiver, and no field whose attribute does more than keep its value (a
    file, an image …)."""
    attnames = _plain_attnames(model)
    return (
        attnames is not None
        and len(names) == len(attnames)
        and attnames == set(names)
        and not pre_init.has_listeners(model)
        and not post_init.has_listeners(model)
    )


@functools.cache
def _plain_attnames(model: type[models.Model]) -> frozenset[str] | None:
    """The attnames of `model`'s concrete fields, or None when one of their attributes does
    more than keep the value set in the instance's `__dict__`."""
    fields = model._meta.concrete_fields
    if any(type(inspect.getattr_static(model, f.attname, None)) not in _PLAIN for f in fields):
        return None
    return frozenset(f.attname for f in fields)


# The attributes of fields that keep the value set in the instance's `__dict__` and nothing
# else (a foreign key's forgets the related object it held, which a new instance has not).
_PLAIN = (DeferredAttribute, ForeignKeyDeferredAttribute)
