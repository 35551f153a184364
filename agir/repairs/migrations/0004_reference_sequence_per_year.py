"""On PostgreSQL, references come from a sequence a year (agir/repairs/references.py): create
this year's and next year's now, each starting after the highest number already given (by the
counter rows used until now, or by imported references)."""

from django.db import migrations
from django.utils import timezone


def create_sequences(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    counter = apps.get_model("repairs", "ReferenceCounter")
    request = apps.get_model("repairs", "RepairRequest")
    this_year = timezone.localdate().year
    for year in (this_year, this_year + 1):
        counted = counter.objects.filter(year=year).values_list("last_number", flat=True).first()
        last = (
            request.objects.filter(reference__startswith=f"{year}-")
            .order_by("-reference")
            .values_list("reference", flat=True)
            .first()
        )
        given = int(last.split("-", 1)[1]) if last else 0
        start = max(counted or 0, given) + 1
        schema_editor.execute(
            f"CREATE SEQUENCE IF NOT EXISTS repairs_reference_{year} START WITH {start}"
        )


class Migration(migrations.Migration):
    dependencies = [("repairs", "0003_responsibility_reason")]

    operations = [migrations.RunPython(create_sequences, migrations.RunPython.noop)]
