"""Reference numbers (`YYYY-NNNNNN`): one series a year, unique, never held for the length of
the caller's transaction.

PostgreSQL: a sequence per year (`repairs_reference_YYYY`). `nextval` takes no lock that other
transactions wait for, so a submission whose transaction goes on (the guided entry writes its
photos after taking its number) does not make the next one queue behind it. A number taken by a
transaction that rolls back is not given again: references may have gaps, never duplicates. A
missing year's sequence is created on its own short connection, outside the caller's
transaction, starting after the highest number that year already has.

SQLite: a counter row per year (ReferenceCounter), in the caller's transaction. SQLite lets one
writer in at a time, so a second submission waits for the first's whole transaction whatever
the counter does; the row adds no wait of its own.
"""

from __future__ import annotations

import contextlib
import logging

from django.db import connection

from .models import ReferenceCounter, RepairRequest

log = logging.getLogger(__name__)


def next_reference(year: int) -> str:
    number = _from_sequence(year) if connection.vendor == "postgresql" else _from_counter(year)
    return f"{year}-{number:06d}"


def sequence_name(year: int) -> str:
    return f"repairs_reference_{int(year)}"


def highest_given(year: int) -> int:
    """The highest number of `year` among the references already recorded (imports too)."""
    last = (
        RepairRequest.objects.filter(reference__startswith=f"{year}-")
        .order_by("-reference")
        .values_list("reference", flat=True)
        .first()
    )
    return int(last.split("-", 1)[1]) if last else 0


def _from_counter(year: int) -> int:
    """One statement once the year's row exists (an UPDATE … RETURNING takes the write lock
    and the number at once); the year's first number also creates the row."""
    table = ReferenceCounter._meta.db_table
    with connection.cursor() as cursor:
        for _attempt in range(2):
            cursor.execute(
                f"UPDATE {table} SET last_number = last_number + 1 WHERE year = %s "  # noqa: S608
                "RETURNING last_number",
                [year],
            )
            row = cursor.fetchone()
            if row is not None:
                return row[0]
            counter = ReferenceCounter(year=year, last_number=highest_given(year))
            ReferenceCounter.objects.bulk_create([counter], ignore_conflicts=True)
    raise RuntimeError(f"no reference counter for {year}")


def _from_sequence(year: int) -> int:
    name = sequence_name(year)
    with connection.cursor() as cursor:
        number = _next_from_sequence(cursor, name)
        if number is None:
            _create_sequence(year)
            number = _next_from_sequence(cursor, name)
        if number is None:
            raise RuntimeError(f"no reference sequence for {year}")
        return number


def _next_from_sequence(cursor, name: str) -> int | None:
    """The sequence's next number, or None when it does not exist yet: one statement.

    The sequence is found through pg_class, read with this statement's snapshot, which sees
    what others committed; by name (`nextval('name')`), a sequence looked up earlier in this
    transaction, before another connection created it, may still be remembered as missing."""
    cursor.execute(
        "SELECT nextval(c.oid::regclass) FROM pg_class c "
        "JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE c.relname = %s AND c.relkind = 'S' AND n.nspname = current_schema()",
        [name],
    )
    row = cursor.fetchone()
    return row[0] if row else None


def _create_sequence(year: int) -> None:
    """Create the year's sequence on a connection of its own, in autocommit: created in the
    caller's transaction, it would be invisible to others, and every other submission of the
    year would wait for that transaction to end."""
    import psycopg

    settings = connection.settings_dict
    # Connection options (sslmode…) as the pool has them; not through the pool, which the
    # caller may have exhausted while holding its own connection.
    options = {
        key: value
        for key, value in (settings.get("OPTIONS") or {}).items()
        if key not in {"pool", "server_side_binding", "isolation_level", "assume_role"}
    }
    start = max(highest_given(year), _counted(year)) + 1
    statement = f"CREATE SEQUENCE IF NOT EXISTS {sequence_name(year)} START WITH {int(start)}"
    own = psycopg.connect(
        dbname=settings["NAME"],
        user=settings["USER"] or None,
        password=settings["PASSWORD"] or None,
        host=settings["HOST"] or None,
        port=settings["PORT"] or None,
        autocommit=True,
        **options,
    )
    # Two submissions may create it at the same moment: the loser's error is harmless.
    with own, contextlib.suppress(psycopg.errors.UniqueViolation, psycopg.errors.DuplicateTable):
        own.execute(statement)
    log.info("reference sequence for %s created, starting at %s", year, start)


def _counted(year: int) -> int:
    """What a counter row of `year` gave (a database that used counter rows before)."""
    row = ReferenceCounter.objects.filter(year=year).values_list("last_number", flat=True).first()
    return row or 0
