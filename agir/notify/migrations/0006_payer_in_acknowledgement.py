"""The acknowledgement says who pays once an officer has decided it (issue 8): the shipped
wording gains `{{ payer }}`. Rows a manager has edited are left as they are."""

from django.db import migrations

# The wording shipped before, field by field: a row still holding it is updated.
PREVIOUS = {
    "email_text": "Votre demande a été prise en compte. Nous organisons l'intervention.{% if message %}\n\n{{ message }}{% endif %}",
    "email_html": "<p>Votre demande a été prise en compte. Nous organisons l'intervention.</p>{% if message %}<p>{{ message }}</p>{% endif %}",
    "letter_html": "<p>Votre demande n° <strong>{{ reference }}</strong> a été prise en compte par nos services. Nous organisons l'intervention et vous indiquerons sa date.</p>{% if message %}\n<p>{{ message|linebreaksbr }}</p>{% endif %}",
    "voice_script": "Bonjour, ici {{ landlord.name }}. Ce message est pour {{ recipient_name|spoken }}.\nVotre demande numéro {{ reference|spoken_digits }} est prise en compte. Nous organisons l'intervention, et nous vous dirons sa date.\n{% if message %}{{ message|spoken }}\n{% endif %}Pour toute question, appelez le {{ landlord.phone|spoken_phone }}. Au revoir."
}


def add_payer(apps, schema_editor):
    from agir.notify.wording import shipped

    template_model = apps.get_model("notify", "MessageTemplate")
    new = shipped("request_acknowledged")
    for row in template_model.objects.filter(kind="request_acknowledged"):
        changed = [name for name, text in PREVIOUS.items() if getattr(row, name) == text]
        for name in changed:
            setattr(row, name, new[name])
        if changed:
            row.save(update_fields=changed)


class Migration(migrations.Migration):
    dependencies = [("notify", "0005_delivery_report_recorded_once")]

    operations = [migrations.RunPython(add_payer, migrations.RunPython.noop)]
