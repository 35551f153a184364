import datetime

from django.db import migrations, models
from django.utils import timezone


def fill_months(apps, schema_editor):
    # Facts written before this column: their month of submission, in local time.
    RequestFact = apps.get_model("quality", "RequestFact")
    for fact in RequestFact.objects.only("pk", "submitted_at").iterator(chunk_size=2000):
        month = timezone.localtime(fact.submitted_at).date().replace(day=1)
        RequestFact.objects.filter(pk=fact.pk).update(month=month)


class Migration(migrations.Migration):
    dependencies = [
        ("quality", "0003_anonymising_marks"),
    ]

    operations = [
        migrations.AddField(
            model_name="requestfact",
            name="month",
            field=models.DateField(default=datetime.date(2000, 1, 1)),
            preserve_default=False,
        ),
        migrations.RunPython(fill_months, migrations.RunPython.noop),
    ]
