import uuid

from django.db import migrations, models


def name_the_kept_counts(apps, schema_editor):
    # Counts kept before this field get their own identity, so that the dashboard may keep
    # their sum at once instead of waiting for each month to be counted again.
    MonthSummary = apps.get_model("quality", "MonthSummary")
    for month in MonthSummary.objects.values_list("month", flat=True):
        MonthSummary.objects.filter(month=month).update(counting=uuid.uuid4())


class Migration(migrations.Migration):
    dependencies = [
        ("quality", "0008_monthly_summaries"),
    ]

    operations = [
        migrations.AddField(
            model_name="monthsummary",
            name="counting",
            field=models.UUIDField(editable=False, null=True),
        ),
        migrations.RunPython(name_the_kept_counts, migrations.RunPython.noop),
    ]
