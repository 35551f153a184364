"""`agir notify test CHANNEL ADDRESS` says what happened and where the result is."""

import io
import json

import pytest
from django.core.management import CommandError, call_command
from pypdf import PdfReader

from agir.notify.models import Notification
from tests.smtp import SmtpServer, use_smtp_port


def run(*args) -> str:
    out = io.StringIO()
    call_command("notify", *args, stdout=out)
    return out.getvalue()


def test_email_test_reaches_the_smtp_server_and_says_so(db, settings):
    with SmtpServer() as smtp:
        use_smtp_port(settings, smtp.port)
        output = run("test", "email", "admin@exemple.fr")
    [message] = smtp.received
    assert message["To"] == "admin@exemple.fr" and "essai" in message["Subject"].lower()
    assert "email test to 'admin@exemple.fr': sent" in output
    assert f"127.0.0.1:{smtp.port}" in output and message["Message-ID"] in output


def test_sms_test_says_which_file_the_local_gateway_wrote(db, settings):
    output = run("test", "sms", "06 12 34 56 78")
    [path] = settings.NOTIFY_SMS_LOCAL_DIR.glob("*.json")
    assert str(path) in output
    assert json.loads(path.read_text())["to"] == "+33612345678"


def test_letter_test_files_a_letter_in_todays_batch(db, settings):
    output = run("test", "letter", "Mme Nadia Benali, 3 rue des Acacias, 59000 Lille")
    assert "filed in the print batch of" in output
    pdf = Notification.objects.get().artifact
    text = PdfReader(settings.NOTIFY_DIR / pdf).pages[0].extract_text()
    assert "3 RUE DES ACACIAS" in text and "59000 LILLE" in text


def test_voice_test_says_where_the_audio_is(db, settings):
    output = run("test", "voice", "06 12 34 56 78")
    [wav] = settings.NOTIFY_VOICE_LOCAL_DIR.glob("*.wav")
    assert str(wav) in output


def test_fax_test_emails_the_pdf_to_the_gateway(db, settings):
    settings.NOTIFY_FAX_ADDRESS = "{number}@fax.example"
    with SmtpServer() as smtp:
        use_smtp_port(settings, smtp.port)
        output = run("test", "fax", "03 20 99 88 77")
    [message] = smtp.received
    assert message["To"] == "0320998877@fax.example"
    assert "fax test" in output and ": sent" in output


def test_a_failed_test_says_why_and_exits_non_zero(db, settings):
    from tests.smtp import free_port

    use_smtp_port(settings, free_port())
    out = io.StringIO()
    with pytest.raises(CommandError, match="not sent"):
        call_command("notify", "test", "email", "admin@exemple.fr", stdout=out)
    assert "SMTP unreachable" in out.getvalue()
    assert Notification.objects.get().state == "failed"  # not retried later


def test_a_channel_that_is_not_set_up_is_refused(db, settings):
    settings.NOTIFY_SMS_GATEWAY = ""
    with pytest.raises(CommandError, match="not set up"):
        run("test", "sms", "06 12 34 56 78")
