"""The French wording: seeded from the shipped files, edited by managers, rendered on every
channel; SMS length in GSM-7 segments."""

import pytest
from django.utils import timezone

from agir.accounts.models import Role
from agir.notify import gsm
from agir.notify.kinds import MessageKind
from agir.notify.models import MessageTemplate, Notification, NotificationRule
from agir.notify.render import render
from agir.notify.wording import shipped
from tests.builders import build_staff, submitted_request
from tests.staff_sign_in import sign_in


def test_the_migration_seeded_a_rule_and_a_template_for_every_kind(db):
    kinds = {k.value for k in MessageKind}
    assert set(MessageTemplate.objects.values_list("kind", flat=True)) == kinds
    assert set(NotificationRule.objects.values_list("kind", flat=True)) == kinds - {"channel_test"}
    row = MessageTemplate.objects.get(kind="request_submitted")
    assert row.sms_text == shipped("request_submitted")["sms_text"]


def _notification(request, channel: str, kind: str) -> Notification:
    base = Notification.objects.filter(request=request).first()
    return Notification(
        request=request,
        tenant=base.tenant,
        recipient_name=base.recipient_name,
        address=base.address,
        channel=channel,
        template=kind,
        context={
            **base.context,
            "message": "L'entreprise attend une pièce.",
            "planned_start": timezone.now().isoformat(),
            "planned_end": timezone.now().isoformat(),
        },
        idempotency_key=f"render-{kind}-{channel}",
        next_attempt_at=timezone.now(),
    )


@pytest.mark.parametrize("kind", [k.value for k in MessageKind])
def test_every_kind_renders_on_every_channel(household, kind):
    request = submitted_request(household)
    for channel in ("email", "sms", "letter", "voice"):
        message = render(_notification(request, channel, kind))
        if channel == "email":
            assert message.subject and "\n" not in message.subject
            assert message.text.strip() and "<html" in message.html
        elif channel == "sms":
            assert 0 < gsm.measure(message.text).segments <= 3
            assert gsm.is_gsm7(message.text)
        elif channel == "letter":
            assert "<html" in message.html and request.reference in message.html
        else:
            assert "zéro" in message.text  # the reference, digit by digit


def test_a_managers_edit_changes_what_is_sent(household):
    MessageTemplate.objects.filter(kind="request_submitted").update(
        sms_text="Bien enregistrée : demande {{ reference }}."
    )
    request = submitted_request(household)
    message = render(_notification(request, "sms", "request_submitted"))
    assert message.text == f"Bien enregistrée : demande {request.reference}."


def test_a_missing_row_falls_back_to_the_shipped_wording(household):
    MessageTemplate.objects.filter(kind="work_done").delete()
    request = submitted_request(household)
    assert "terminés" in render(_notification(request, "sms", "work_done")).text


def test_manager_edits_a_template_in_the_admin(client, db):
    manager = build_staff(Role.MANAGER)
    manager.is_staff = manager.is_superuser = True
    manager.save()
    sign_in(client, manager)
    row = MessageTemplate.objects.get(kind="work_done")
    url = f"/admin/notify/messagetemplate/{row.pk}/change/"
    assert client.get(url).status_code == 200
    data = {field: getattr(row, field) for field in shipped("work_done")}
    data |= {"kind": "work_done", "sms_text": "Travaux finis ({{ reference }})."}
    response = client.post(url, data)
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.sms_text == "Travaux finis ({{ reference }})."


def test_a_broken_template_is_refused_in_the_admin_with_a_french_message(client, db):
    manager = build_staff(Role.MANAGER)
    manager.is_staff = manager.is_superuser = True
    manager.save()
    sign_in(client, manager)
    row = MessageTemplate.objects.get(kind="work_done")
    data = {field: getattr(row, field) for field in shipped("work_done")}
    data |= {"kind": "work_done", "sms_text": "{% if %}"}
    response = client.post(f"/admin/notify/messagetemplate/{row.pk}/change/", data)
    assert response.status_code == 200
    assert "Ce modèle contient une erreur" in response.content.decode()


def test_manager_edits_a_rule_in_the_admin(client, db):
    manager = build_staff(Role.MANAGER)
    manager.is_staff = manager.is_superuser = True
    manager.save()
    sign_in(client, manager)
    rule = NotificationRule.objects.get(kind="work_done")
    url = f"/admin/notify/notificationrule/{rule.pk}/change/"
    data = {"kind": "work_done", "enabled": "on", "channels": "sms, letter"}
    assert client.post(url, data).status_code == 302
    rule.refresh_from_db()
    assert rule.channels == ["sms", "letter"] and not rule.use_preferences
    data["channels"] = "sms, pigeon"
    assert "Canal inconnu : pigeon" in client.post(url, data).content.decode()


def test_160_plain_characters_are_one_sms_161_are_two():
    assert gsm.measure("a" * 160).segments == 1
    assert gsm.measure("a" * 161).segments == 2
    assert gsm.measure("a" * 306).segments == 2
    assert gsm.measure("a" * 307).segments == 3


def test_escaped_characters_count_twice():
    length = gsm.measure("€" * 80)
    assert (length.encoding, length.units, length.segments) == ("GSM-7", 160, 1)
    assert gsm.measure("€" * 81).segments == 2


def test_one_character_outside_gsm7_makes_it_ucs2_70_a_segment():
    assert gsm.measure("ê" + "a" * 69).encoding == "UCS-2"
    assert gsm.measure("ê" + "a" * 69).segments == 1
    assert gsm.measure("ê" + "a" * 70).segments == 2


def test_french_is_kept_within_gsm7_by_taking_off_missing_accents():
    text = gsm.to_gsm7("Votre fenêtre sera réparée à 9h — « merci » ; cœur")
    assert text == 'Votre fenetre sera réparée à 9h - " merci " ; coeur'
    assert gsm.is_gsm7(text)


def test_a_too_long_sms_is_cut_to_the_maximum_of_segments():
    text = gsm.fit("mot " * 200, 2)
    assert gsm.measure(text).segments == 2 and text.endswith("...")
