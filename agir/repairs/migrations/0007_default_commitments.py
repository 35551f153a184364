"""The published commitments as the starting table, and due dates for the open requests."""

from django.db import migrations

from agir.repairs.commitments import DEFAULT_TERMS, due_dates

OPEN = ["submitted", "acknowledged", "scheduled", "postponed", "in_progress", "reopened"]


def add_defaults(apps, schema_editor):
    Commitment = apps.get_model("repairs", "Commitment")
    for urgency, terms in DEFAULT_TERMS.items():
        Commitment.objects.get_or_create(
            urgency=urgency,
            defaults={
                "take_in_hand_amount": terms.take_in_hand.amount,
                "take_in_hand_unit": terms.take_in_hand.unit,
                "intervention_amount": terms.intervention.amount,
                "intervention_unit": terms.intervention.unit,
            },
        )


def backfill_open_requests(apps, schema_editor):
    RepairRequest = apps.get_model("repairs", "RepairRequest")
    batch = []
    rows = RepairRequest.objects.filter(status__in=OPEN, submitted_at__isnull=False).only(
        "pk", "urgency", "submitted_at"
    )
    for request in rows.iterator(chunk_size=2000):
        due = due_dates(request.submitted_at, request.urgency, DEFAULT_TERMS)
        request.take_in_hand_due = due.take_in_hand
        request.intervention_due = due.intervention
        batch.append(request)
        if len(batch) >= 2000:
            RepairRequest.objects.bulk_update(batch, ["take_in_hand_due", "intervention_due"])
            batch = []
    if batch:
        RepairRequest.objects.bulk_update(batch, ["take_in_hand_due", "intervention_due"])


class Migration(migrations.Migration):
    dependencies = [("repairs", "0006_commitments_and_due_dates")]

    operations = [
        migrations.RunPython(add_defaults, migrations.RunPython.noop),
        migrations.RunPython(backfill_open_requests, migrations.RunPython.noop),
    ]
