"""The catalogue reviewed against decree 87-712's annex, decree 87-713 and the estate's
common areas (issue 8): new places' equipment, symptoms and entries, corrected payers and
urgencies. Rows are matched by code; a landlord's own rows are kept."""

from django.db import migrations


def reload(apps, schema_editor):
    from agir.catalogue.loader import load_catalogue, read_catalogue

    load_catalogue(read_catalogue(), apps=apps)


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0003_entry_contract_kind"), ("estate", "0002_contracts_by_site_and_new_kinds")]

    operations = [migrations.RunPython(reload, migrations.RunPython.noop)]
