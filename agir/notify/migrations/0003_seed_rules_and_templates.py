from django.db import migrations


def seed(apps, schema_editor):
    from agir.notify.wording import seed as seed_wording

    seed_wording(apps)


class Migration(migrations.Migration):
    dependencies = [("notify", "0002_channels_rules_templates")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
