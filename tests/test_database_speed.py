"""The test database's chores done in bulk (tests/database_speed.py) leave the database as
Django's own would: the migrated rows put back alike, every table emptied."""

from django.contrib.auth.models import Group, Permission
from django.core.management.color import no_style
from django.db import connection

from agir.catalogue.models import CatalogueEntry
from tests.database_speed import deserialize_in_bulk


def _empty_every_table() -> None:
    tables = connection.introspection.django_table_names(only_existing=True, include_views=False)
    connection.ops.execute_sql_flush(connection.ops.sql_flush(no_style(), tables))


def test_a_flush_empties_every_table(household):
    _empty_every_table()
    assert not CatalogueEntry.objects.exists()
    assert not type(household.lease).objects.exists()


def test_the_migrated_rows_put_back_in_bulk_are_the_same_rows_with_their_links(db):
    saved = connection.creation.serialize_db_to_string()
    assert Group.objects.filter(permissions__isnull=False).exists()  # links to put back too
    _empty_every_table()
    assert not Permission.objects.exists()

    deserialize_in_bulk(connection.creation, saved)

    assert connection.creation.serialize_db_to_string() == saved


def test_the_migrated_rows_put_back_over_rows_still_there_take_their_saved_values(db):
    saved = connection.creation.serialize_db_to_string()
    changed = CatalogueEntry.objects.order_by("pk").first()
    CatalogueEntry.objects.filter(pk=changed.pk).update(title="changed by a test")

    deserialize_in_bulk(connection.creation, saved)

    assert connection.creation.serialize_db_to_string() == saved
