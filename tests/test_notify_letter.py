"""Letters as PDFs on the letterhead, the day's print batch, and faxes through an
email-to-fax gateway (a real SMTP server on 127.0.0.1)."""

import csv
import io
from datetime import datetime

import pytest
import time_machine
from django.utils import timezone
from pypdf import PdfReader

from agir.notify import dispatch
from agir.notify.channels.letter import batch as batches
from agir.notify.files import notify_path
from agir.notify.models import Notification, NotificationRule, NotificationState, PrintBatch
from agir.notify.postal import MAX_LINES, MAX_WIDTH
from agir.repairs import lifecycle
from agir.repairs.lifecycle import Actor
from tests.builders import submitted_request
from tests.smtp import SmtpServer, use_smtp_port
from tests.staff_sign_in import sign_in

DAYTIME = timezone.make_aware(datetime(2026, 3, 11, 10, 0))


@pytest.fixture(autouse=True)
def daytime():
    with time_machine.travel(DAYTIME, tick=True):
        yield


@pytest.fixture
def letter_household(household):
    holder = household.holder
    holder.email = holder.mobile_phone = ""
    holder.preferred_channels = ["letter"]
    holder.save()
    return household


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def sent_letter(request) -> Notification:
    notification = Notification.objects.get(request=request, channel="letter")
    assert notification.state == NotificationState.SENT
    return notification


def test_the_letter_pdf_holds_the_reference_the_address_block_the_request(letter_household):
    request = submitted_request(letter_household, description="L'eau coule sous l'évier.")
    dispatch.send_due()

    letter = sent_letter(request)
    text = pdf_text(notify_path(letter.artifact).read_bytes())
    assert request.reference in text
    for line in letter.address.splitlines():
        assert line in text
    assert "L'eau coule sous l'évier." in text
    assert "Nous avons bien reçu votre demande" in text  # the answer
    assert "Habitat Val-de-Lys" in text  # the letterhead


def test_the_address_block_has_at_most_6_lines_of_38_characters(letter_household):
    holder = letter_household.holder
    holder.first_name = "Marie-Christine-Bénédicte"
    holder.last_name = "de la Tour-Montmorency-Saint-Aubin-Lafayette"
    holder.save()
    request = submitted_request(letter_household)
    dispatch.send_due()
    lines = sent_letter(request).address.splitlines()
    assert len(lines) <= MAX_LINES
    assert all(len(line) <= MAX_WIDTH for line in lines)


def test_markup_in_the_description_is_printed_as_text_and_breaks_nothing(letter_household):
    nasty = '</p></div><h1>PAYEZ</h1><img src="file:///etc/passwd"><style>body{display:none}'
    request = submitted_request(letter_household, description=nasty)
    dispatch.send_due()
    text = pdf_text(notify_path(sent_letter(request).artifact).read_bytes())
    assert "</p></div><h1>PAYEZ</h1>" in text.replace("\n", "")
    assert request.reference in text


def test_line_breaks_in_a_name_cannot_add_address_lines(letter_household):
    holder = letter_household.holder
    holder.first_name = "Nadia\n1 rue du Faux\r\n75001 PARIS"
    holder.save()
    request = submitted_request(letter_household)
    dispatch.send_due()
    lines = sent_letter(request).address.splitlines()
    assert len(lines) == 5  # name, inside, outside, street, town: as for anyone
    assert lines[0].startswith("Mme N") and "PARIS" not in "".join(lines[1:])
    assert lines[-1] == "59000 LILLE"


def test_letters_of_a_day_make_one_print_batch_pdf_and_csv(letter_household, neighbour):
    holder = neighbour.holder
    holder.email = holder.mobile_phone = ""
    holder.save()
    first = submitted_request(letter_household)
    second = submitted_request(neighbour)
    dispatch.send_due()

    batch = PrintBatch.objects.get(day=DAYTIME.date())
    pdf_path, csv_path = batches.ensure_built(batch)
    text = pdf_text(pdf_path.read_bytes())
    assert first.reference in text and second.reference in text
    rows = list(csv.DictReader(io.StringIO(csv_path.read_text("utf-8-sig"))))
    assert [row["reference"] for row in rows] == [first.reference, second.reference]
    assert rows[0]["first_page"] == "1"
    assert int(rows[1]["first_page"]) == 1 + int(rows[0]["pages"])
    assert rows[1]["recipient"] == neighbour.holder.full_name


def test_a_letter_sent_again_after_a_crash_is_one_letter_in_the_batch(letter_household):
    request = submitted_request(letter_household)
    notification = Notification.objects.get(request=request)
    dispatch.claim(notification.pk)
    from agir.notify.channels.letter.transport import LetterTransport
    from agir.notify.render import render

    LetterTransport().send(notification, render(notification))  # then the worker died
    with time_machine.travel(timezone.now() + timezone.timedelta(hours=1), tick=False):
        dispatch.send_due()
    batch = PrintBatch.objects.get()
    assert batches.letters(batch).count() == 1
    _, csv_path = batches.build(batch)
    assert len(csv_path.read_text("utf-8-sig").splitlines()) == 2


def test_the_batch_is_downloaded_from_the_back_office(letter_household, client, officer):
    request = submitted_request(letter_household)
    dispatch.send_due()
    sign_in(client, officer)
    page = client.get("/bureau/messages/courrier/").content.decode()
    assert "courrier/2026-03-11.pdf" in page
    response = client.get("/bureau/messages/courrier/2026-03-11.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert request.reference in pdf_text(b"".join(response.streaming_content))
    response = client.get("/bureau/messages/courrier/2026-03-11.csv")
    assert request.reference in b"".join(response.streaming_content).decode("utf-8-sig")


def test_the_batch_is_not_for_tenants(letter_household, client):
    submitted_request(letter_household)
    dispatch.send_due()
    sign_in(client, letter_household.holder.user)
    response = client.get("/bureau/messages/courrier/2026-03-11.pdf")
    assert response.status_code in (302, 404)


def test_a_refusal_emails_the_letter_pdf_too(household, officer, settings):
    with SmtpServer() as smtp:
        use_smtp_port(settings, smtp.port)
        request = submitted_request(household)
        lifecycle.reject(request, actor=Actor.of(officer), reason="Hors de notre patrimoine")
        dispatch.send_due()
    rejected = [m for m in smtp.received if "refusée" in m["Subject"]]
    [message] = rejected
    [attachment] = list(message.iter_attachments())
    assert attachment.get_content_type() == "application/pdf"
    text = pdf_text(attachment.get_content())
    assert request.reference in text and "Hors de notre patrimoine" in text


def test_the_rule_decides_whether_the_email_carries_the_letter(household, settings):
    NotificationRule.objects.filter(kind="request_submitted").update(attach_letter=True)
    with SmtpServer() as smtp:
        use_smtp_port(settings, smtp.port)
        submitted_request(household)
        dispatch.send_due()
    assert len(list(smtp.received[0].iter_attachments())) == 1


def test_a_fax_is_the_letter_pdf_emailed_to_the_fax_gateway(household, settings):
    settings.NOTIFY_FAX_ADDRESS = "{number}@fax.example"
    holder = household.holder
    holder.fax = "03 20 99 88 77"
    holder.preferred_channels = ["fax"]
    holder.save()
    with SmtpServer() as smtp:
        use_smtp_port(settings, smtp.port)
        request = submitted_request(household)
        assert dispatch.send_due() == 1
    [message] = smtp.received
    assert message["To"] == "0320998877@fax.example"
    [attachment] = list(message.iter_attachments())
    assert attachment.get_content_type() == "application/pdf"
    assert request.reference in pdf_text(attachment.get_content())
    notification = Notification.objects.get(request=request)
    assert message["Message-ID"] == notification.provider_id


def test_a_fax_number_cannot_smuggle_a_recipient(household, settings):
    settings.NOTIFY_FAX_ADDRESS = "{number}@fax.example"
    holder = household.holder
    holder.fax = "0320998877\r\nBcc:x@y"  # within the 20 characters of the field
    holder.preferred_channels = ["fax"]
    holder.save()
    with SmtpServer() as smtp:
        use_smtp_port(settings, smtp.port)
        submitted_request(household)
        dispatch.send_due()
    [message] = smtp.received
    assert message["To"] == "0320998877@fax.example"
    assert message["Bcc"] is None
