"""Two of Django's test-database chores done in bulk: emptying the tables after a transactional
test (live server, worker processes, threads) and putting back what the migrations wrote (the
shipped catalogue, permissions, templates) before one that asks for `serialized_rollback`.

Measured on this kind of machine with 79 tables and 666 migrated rows: PostgreSQL's TRUNCATE
of every table took 1.1 to 1.3 s, a DELETE of each 25 to 35 ms (a test leaves a few rows, and
the foreign keys Django makes on PostgreSQL are checked at commit, DEFERRABLE INITIALLY
DEFERRED, so the order does not matter); Django saves the 666 rows back one INSERT each,
0.3 s on SQLite and 0.6 to 0.9 s on PostgreSQL, where one INSERT a table will do.
"""

from __future__ import annotations

import contextlib
import itertools
from collections.abc import Iterator
from io import StringIO

import pytest
from django.core import serializers
from django.db import connections, transaction
from django.db.models.constants import OnConflict


def _sql_flush_by_delete(truncate):
    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        if not tables or reset_sequences or allow_cascade:
            return truncate(
                self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
            )
        return ["SET CONSTRAINTS ALL DEFERRED"] + [
            f"DELETE FROM {self.quote_name(table)}"  # noqa: S608 (table names, quoted)
            for table in tables
        ]

    return sql_flush


def deserialize_in_bulk(self, data: str) -> None:
    """Django's `deserialize_db_from_string`, one INSERT a model (and a table of links)."""
    alias = self.connection.alias
    objects = serializers.deserialize("json", StringIO(data), using=alias)
    tables = set()
    with transaction.atomic(using=alias), self.connection.constraint_checks_disabled():
        # The serialized rows come model by model, in dependency order.
        for model, group in itertools.groupby(objects, key=lambda found: type(found.object)):
            group = list(group)
            tables.add(model._meta.db_table)
            if model._meta.parents:  # multi-table inheritance: no bulk_create
                for found in group:
                    found.save(using=alias)
                continue
            _insert_raw(model, [found.object for found in group], alias)
            for field in model._meta.many_to_many:
                through = field.remote_field.through
                if not through._meta.auto_created:
                    continue  # a through model of its own is serialized as rows
                source = f"{field.m2m_field_name()}_id"
                target = f"{field.m2m_reverse_field_name()}_id"
                links = [
                    through(**{source: found.object.pk, target: other})
                    for found in group
                    for other in (found.m2m_data or {}).get(field.name, [])
                ]
                _insert_raw(through, links, alias)
                tables.add(through._meta.db_table)
        self.connection.check_constraints(table_names=tables)


def _insert_raw(model, rows: list, alias: str) -> None:
    """INSERT the rows as they are, as a raw save does: no auto_now, no default filled in
    (bulk_create would date every `updated_at` anew). A row already there is updated, as
    Django's save does: the first transactional test finds the migrated rows still in place
    (the tests before it rolled back, nothing emptied the tables); a link already there stays."""
    opts = model._meta
    fields = list(opts.local_concrete_fields)
    if rows and rows[0].pk is None:  # links: their keys are the database's to give
        fields.remove(opts.pk)
        conflict = {"on_conflict": OnConflict.IGNORE}
    elif updated := [field for field in fields if field is not opts.pk]:
        conflict = {
            "on_conflict": OnConflict.UPDATE,
            "update_fields": updated,
            "unique_fields": [opts.pk],
        }
    else:  # a key and nothing else: a row already there is the row
        conflict = {"on_conflict": OnConflict.IGNORE}
    connection = connections[alias]
    size = connection.ops.bulk_batch_size(fields, rows) or len(rows)
    for start in range(0, len(rows), size):
        model._base_manager.using(alias)._insert(
            rows[start : start + size], fields=fields, raw=True, using=alias, **conflict
        )


@contextlib.contextmanager
def bulk_test_database_chores() -> Iterator[None]:
    from django.db.backends.base.creation import BaseDatabaseCreation
    from django.db.backends.postgresql.operations import DatabaseOperations

    truncate = DatabaseOperations.sql_flush
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(DatabaseOperations, "sql_flush", _sql_flush_by_delete(truncate))
        patch.setattr(BaseDatabaseCreation, "deserialize_db_from_string", deserialize_in_bulk)
        yield
