from django.db import migrations


def load(apps, schema_editor):
    from agir.catalogue.loader import load_catalogue, read_catalogue

    load_catalogue(read_catalogue(), apps=apps)


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
