"""Indexes for the officers' search on PostgreSQL (agir/backoffice/inbox/filters.py).

A tenant's name is searched as a substring in any case (`icontains`: UPPER(name) LIKE
'%…%'), which no B-tree serves: at 476,000 tenants each search read them all (≈ 170 ms). A
trigram index (pg_trgm) serves it; the email and the dwelling's number and code are compared
in any case (`iexact`: UPPER(…) = …), served by indexes on UPPER(…). SQLite has no pg_trgm
and Django compares there with LIKE: nothing is made on it.
"""

import logging

from django.db import DatabaseError, migrations, transaction

log = logging.getLogger(__name__)

TRIGRAM = [
    ("estate_tenant_last_name_trgm", "estate_tenant", "last_name"),
    ("estate_tenant_first_name_trgm", "estate_tenant", "first_name"),
]
UPPER = [
    ("estate_tenant_email_upper", "estate_tenant", "email"),
    ("estate_dwelling_number_upper", "estate_dwelling", "number"),
    ("estate_dwelling_code_upper", "estate_dwelling", "code"),
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for name, table, column in UPPER:
            cursor.execute(f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" (UPPER("{column}"))')
        try:
            # A trusted extension: the database's owner may create it, a superuser need not.
            with transaction.atomic(using=schema_editor.connection.alias):
                cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        except DatabaseError:  # the search works without it, only slower
            log.warning("pg_trgm could not be created: tenant names are searched without index")
            return
        for name, table, column in TRIGRAM:
            cursor.execute(
                f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" '
                f'USING gin (UPPER("{column}") gin_trgm_ops)'
            )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for name, _table, _column in [*UPPER, *TRIGRAM]:
            cursor.execute(f'DROP INDEX IF EXISTS "{name}"')


class Migration(migrations.Migration):
    dependencies = [("estate", "0002_contracts_by_site_and_new_kinds")]

    operations = [migrations.RunPython(create, drop)]
