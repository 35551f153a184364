"""Free text typed by tenants and staff is cleaned in one place, agir.core.text.FreeTextField:
control characters and bidirectional overrides removed, and no browser maxlength that cuts a
paste without a word (the server says how long the text is)."""

from __future__ import annotations

import importlib
import pkgutil
import re

from django import forms
from django.urls import reverse

import agir
from agir.core.text import FreeTextField, clean_free_text
from agir.portal.tracking.forms import MessageForm
from agir.repairs.models import RequestEvent
from tests.builders import submitted_request
from tests.portal.helpers import TenantWizard

# Text fields that are not free text, and why: what is typed is checked against a list, a
# pattern or an account, never stored or printed as written.
NOT_FREE_TEXT = {
    ("LoginForm", "username"): "an identifier, looked up",
    ("LoginForm", "password"): "a password",
    ("LetterForm", "lease_reference"): "a reference, cleaned by clean_lease_reference",
    ("MergeForm", "into"): "a request reference, looked up",
    ("NoticeForm", "request"): "a request reference, looked up",
    ("EntryForm", "choice"): "a place key and a catalogue code, looked up",
    ("EntryForm", "key"): "an idempotency key (UUID)",
    ("LetterForm", "code"): "a code, cleaned by clean_code",
    ("IdentifierForm", "identifier"): "an email address or a username, validated",
    ("NewPasswordForm", "new_password1"): "a password",
    ("NewPasswordForm", "new_password2"): "a password",
    ("ChosenPasswordForm", "new_password1"): "a password",
    ("ChosenPasswordForm", "new_password2"): "a password",
    ("InboxFilterForm", "q"): "search words, never stored",
    ("InboxFilterForm", "place"): "a place's code or name, looked up (cleaned by PlaceField)",
    ("NoticeForm", "place"): "a place's code or name, looked up (cleaned by PlaceField)",
    ("DashboardFilters", "place"): "a place's code or name, looked up (cleaned by PlaceField)",
    ("SaveViewForm", "query"): "a query string, re-read through InboxFilterForm",
    ("CodeForm", "code"): "a one-time code, checked by django-otp",
    ("RuleForm", "channels"): "channel names, checked against the list",
    ("MaintenanceContractForm", "reference"): "a contract reference",
    ("MaintenanceContractForm", "phone"): "a phone number",
}
BIDI_AND_CONTROLS = "\u202e\u2066\u200f\x07\x00\x1b"


def agir_forms() -> list[type[forms.BaseForm]]:
    for module in pkgutil.walk_packages(agir.__path__, "agir."):
        if ".migrations" not in module.name and not module.name.endswith("__main__"):
            importlib.import_module(module.name)
    found = set()
    pending = [forms.BaseForm]
    while pending:
        for subclass in pending.pop().__subclasses__():
            pending.append(subclass)
            if subclass.__module__.startswith("agir."):
                found.add(subclass)
    return sorted(found, key=lambda cls: cls.__qualname__)


def test_every_text_field_of_every_form_is_free_text_or_said_not_to_be():
    # A new form with a CharField fails here until it uses FreeTextField or says why not.
    unchecked = []
    for form in agir_forms():
        for name, field in getattr(form, "base_fields", {}).items():
            if not isinstance(field, forms.CharField) or isinstance(
                field, FreeTextField | forms.EmailField
            ):
                continue
            if (form.__name__, name) not in NOT_FREE_TEXT:
                unchecked.append(f"{form.__module__}.{form.__name__}.{name}")
    assert len(agir_forms()) > 10
    assert unchecked == []


def test_control_characters_and_bidi_overrides_leave_a_tenants_description(client, household):
    # Fails before the fix: they were kept, and printed as boxes in letters.
    wizard = TenantWizard(client, household).start()
    wizard.choose("kitchen", "KIT-SINK-LEAK")
    typed = f"L'eau{BIDI_AND_CONTROLS} coule\r\nsous l'évier\u202c."

    wizard.details(description=typed, access_notes="Digicode\t4512\x1b")

    assert wizard.state.description == "L'eau coule\nsous l'évier."
    assert wizard.state.access_notes == "Digicode 4512"


def test_a_tenants_message_on_a_request_is_cleaned_too(client, household):
    repair = submitted_request(household)
    client.force_login(household.holder.user)

    client.post(
        reverse("portal:request_message", args=[repair.code]),
        {"message": "\u202eIl y a encore de l'eau\x07"},
    )

    event = RequestEvent.objects.filter(request=repair, kind="commented").get()
    assert event.message == "Il y a encore de l'eau"


def test_line_breaks_accents_and_emoji_stay():
    text = "Ça fuit 💧\nLa famille 👩\u200d👩\u200d👧 attend.\nNoël à l'étage"
    assert clean_free_text(text) == text
    assert clean_free_text("deux\nlignes", multiline=False) == "deux lignes"


def test_no_text_field_gives_the_browser_a_maxlength_that_cuts_a_paste(client, household):
    # Fails before the fix: maxlength="2000" made the browser drop the end of a long paste.
    assert "maxlength" not in str(MessageForm()["message"])
    wizard = TenantWizard(client, household).start()
    page = wizard.choose("kitchen", "KIT-SINK-LEAK")
    details = client.get(page.url if page.status_code == 302 else wizard.url("wizard_details"))
    textareas = re.findall(r"<textarea[^>]*>", details.content.decode())
    assert len(textareas) == 2
    assert not [tag for tag in textareas if "maxlength" in tag]
