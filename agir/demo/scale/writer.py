"""Rows straight into tables, in bulk: COPY on PostgreSQL, batched executemany on SQLite.

The generator builds plain tuples (no model instances: at millions of rows their creation is
the cost) with values already in the form the backend stores (see `Dialect`), and gives its own
primary keys, so that rows can point at each other before anything is written.
"""

from __future__ import annotations

import contextlib
import json
import logging
import queue
import threading
import uuid
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, date, datetime
from typing import Any

from django.core.management.color import no_style
from django.db import DatabaseError, connection, transaction
from django.db.models import Max, Model

BATCH = 5000
log = logging.getLogger(__name__)


class Dialect:
    """How values are stored by the current backend."""

    def __init__(self) -> None:
        self.postgres = connection.vendor == "postgresql"

    def dt(self, value: datetime) -> str:
        # Django on SQLite stores aware datetimes as naive UTC text.
        if self.postgres:
            return value.isoformat()
        return value.astimezone(UTC).replace(tzinfo=None).isoformat(" ")

    def day(self, value: date) -> str:
        return value.isoformat()

    def uuid(self, value: uuid.UUID | int) -> str:
        number = value.int if isinstance(value, uuid.UUID) else value
        return f"{number:032x}"

    def json(self, value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))

    def bool(self, value: bool) -> Any:
        return value if self.postgres else int(value)


def next_id(model: type[Model]) -> int:
    """The first primary key free after the rows already there."""
    return (model.objects.aggregate(top=Max("pk"))["top"] or 0) + 1


class Table:
    """Collects rows of one table and writes them in batches."""

    def __init__(self, model: type[Model], columns: Sequence[str]) -> None:
        self.model = model
        self.table = model._meta.db_table
        self.columns = list(columns)
        self.pending: list[tuple] = []
        self.written = 0
        self.postgres = connection.vendor == "postgresql"

    def add(self, row: tuple) -> None:
        self.pending.append(row)
        if len(self.pending) >= BATCH:
            self.flush()

    def extend(self, rows: Iterable[tuple]) -> None:
        for row in rows:
            self.add(row)

    def flush(self) -> None:
        if not self.pending:
            return
        if self.postgres:
            self._copy(self.pending)
        else:
            self._insert(self.pending)
        self.written += len(self.pending)
        self.pending = []

    def _insert(self, rows: list[tuple]) -> None:
        quoted = ", ".join(connection.ops.quote_name(c) for c in self.columns)
        marks = ", ".join("?" for _ in self.columns)
        sql = f"INSERT INTO {connection.ops.quote_name(self.table)} ({quoted}) VALUES ({marks})"  # noqa: S608 (our own names)
        # The raw sqlite3 cursor: Django's wrapper would rewrite %s and log each batch.
        connection.ensure_connection()
        connection.connection.executemany(sql, rows)

    def _copy(self, rows: list[tuple]) -> None:
        quoted = ", ".join(connection.ops.quote_name(c) for c in self.columns)
        text = "".join("\t".join(map(_copy_text, row)) + "\n" for row in rows)
        sql = f"COPY {connection.ops.quote_name(self.table)} ({quoted}) FROM STDIN"
        if _behind is not None:
            _behind.put(sql, text.encode())
            return
        with connection.cursor() as cursor:
            _copy_into(cursor.cursor, sql, text.encode())


def _copy_into(raw_cursor, sql: str, data: bytes) -> None:
    with raw_cursor.copy(sql) as copy:
        copy.write(data)


class _WriterBehind:
    """Sends the batches from a thread of its own, on the same connection and transaction, in
    the order they were made: PostgreSQL stores one batch while the next is made, instead of
    each waiting for the other. Any query the main thread makes through Django waits until
    the batches before it are stored."""

    def __init__(self) -> None:
        connection.ensure_connection()
        self.raw = connection.connection  # psycopg's own: Django's may not cross threads
        self.batches: queue.Queue = queue.Queue(maxsize=4)  # a few MB held at most
        self.failure: BaseException | None = None
        self.abandoned = False
        self.thread = threading.Thread(target=self._run, name="seed-writer", daemon=True)
        self.thread.start()

    def put(self, sql: str, data: bytes) -> None:
        self._raise()
        self.batches.put((sql, data))

    def drain(self) -> None:
        self.batches.join()
        self._raise()

    def abandon(self) -> None:
        self.abandoned = True

    def stop(self) -> None:
        self.batches.put(None)
        self.thread.join()

    def _raise(self) -> None:
        if self.failure is not None:
            raise DatabaseError("a batch could not be written") from self.failure

    def _run(self) -> None:
        while (batch := self.batches.get()) is not None:
            try:
                if self.failure is None and not self.abandoned:
                    with self.raw.cursor() as cursor:
                        _copy_into(cursor, *batch)
            except BaseException as error:  # kept for the main thread, which raises it
                self.failure = error
            finally:
                self.batches.task_done()
        self.batches.task_done()


_behind: _WriterBehind | None = None


@contextlib.contextmanager
def writing_behind() -> Iterator[None]:
    """Within this block, on PostgreSQL, tables' batches are written from a thread of their own
    (see `_WriterBehind`); everything is written when the block ends. Must run inside the
    transaction the rows belong to."""
    global _behind
    if connection.vendor != "postgresql":
        yield
        return
    _behind = _WriterBehind()

    def after_the_batches(execute, sql, params, many, context):
        _behind.drain()
        return execute(sql, params, many, context)

    try:
        with connection.execute_wrapper(after_the_batches):
            yield
        _behind.drain()
    except BaseException:
        _behind.abandon()  # the transaction is rolled back: the batches still queued go nowhere
        raise
    finally:
        _behind.stop()
        _behind = None


def _copy_text(value: Any) -> str:
    """One value in COPY's text format."""
    if value is None:
        return "\\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    if isinstance(value, str):
        if "\\" in value or "\t" in value or "\n" in value or "\r" in value:
            return (
                value.replace("\\", "\\\\")
                .replace("\t", "\\t")
                .replace("\n", "\\n")
                .replace("\r", "\\r")
            )
        return value
    return str(value)


def reset_sequences(models: Sequence[type[Model]]) -> None:
    """After rows with given keys, PostgreSQL's identity sequences must move past them."""
    if connection.vendor != "postgresql":
        return
    statements = connection.ops.sequence_reset_sql(no_style(), list(models))
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


@contextlib.contextmanager
def bulk_load(models: Sequence[type[Model]]) -> Iterator[None]:
    """On PostgreSQL, load as one loads a warehouse: the secondary indexes of `models` dropped
    before and built once after (a build is many times cheaper than millions of insertions into
    a B-tree), and, where the role may (a superuser), the foreign-key triggers off while the
    rows go in: the generator gives consistent keys, and a deferred check a row would queue
    millions of trigger events until the commit. Must run inside a transaction."""
    if connection.vendor != "postgresql":
        yield
        return
    tables = [m._meta.db_table for m in models]
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
        triggers_off = False
        try:
            with transaction.atomic():
                cursor.execute("SET LOCAL session_replication_role = replica")
            triggers_off = True
        except DatabaseError:
            log.info("foreign-key triggers stay on: the role is not a superuser")
        cursor.execute(
            "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.tablename = ANY(%s) "
            "AND i.schemaname = current_schema() AND NOT EXISTS (SELECT 1 FROM pg_constraint c "
            "WHERE c.conname = i.indexname)",
            [tables],
        )
        indexes = cursor.fetchall()
        for name, _definition in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
    yield
    with connection.cursor() as cursor:
        # Where the triggers stayed on, their deferred checks are queued, and PostgreSQL builds
        # no index on a table with pending trigger events: run the checks first.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        for _name, definition in indexes:
            cursor.execute(definition)
        if triggers_off:
            cursor.execute("SET LOCAL session_replication_role = DEFAULT")
