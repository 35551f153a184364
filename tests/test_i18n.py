"""English is AGIR's second language: the French interface comes out in English when asked.

The catalogue is agir/locale/en/LC_MESSAGES/django.po (source strings are French). After adding
or changing strings, from the repository root:

    uv run agir makemessages -l en --ignore=.venv --ignore=tests --ignore=bench \
        --ignore=node_modules
    # translate every new or fuzzy entry in the .po (drop the "#, fuzzy" flags), then:
    uv run agir compilemessages -l en --ignore=.venv --ignore=node_modules

and commit both the .po and the .mo (no machine needs the gettext tools to run AGIR).
"""

from __future__ import annotations

import ast
import gettext
import html
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from agir.repairs.models import Status
from tests.builders import submitted_request

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES"
PO, MO = CATALOGUE / "django.po", CATALOGUE / "django.mo"
LOGIN = reverse("accounts:login")


def text(response) -> str:
    return html.unescape(response.content.decode())


# --- a small .po reader (no dependency for one test) ----------------------------------------


def po_entries(path: Path) -> list[dict]:
    """Each entry: its flags and its fields (msgctxt, msgid, msgid_plural, msgstr, msgstr[n]).

    Obsolete entries (#~, kept by makemessages for strings no longer in the code) are left out.
    """
    entries = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        lines = [line for line in block.strip().splitlines() if not line.startswith("#~")]
        if not any(line.startswith("msgid ") for line in lines):
            continue
        entry: dict = {"flags": set(), "fields": {}}
        field = None
        for line in lines:
            if line.startswith("#,"):
                entry["flags"] |= {flag.strip() for flag in line[2:].split(",")}
            elif line.startswith("#"):
                continue
            elif line.startswith('"'):
                entry["fields"][field] += ast.literal_eval(line)
            else:
                field, _, quoted = line.partition(" ")
                entry["fields"][field] = ast.literal_eval(quoted)
        entries.append(entry)
    return entries


def translations(entry: dict) -> list[str]:
    return [value for key, value in entry["fields"].items() if key.startswith("msgstr")]


# --- the catalogue --------------------------------------------------------------------------


def test_every_message_of_the_po_is_translated_and_none_is_fuzzy():
    entries = po_entries(PO)
    assert len(entries) > 600
    untranslated = [
        e["fields"]["msgid"] for e in entries if e["fields"]["msgid"] and not all(translations(e))
    ]
    fuzzy = [e["fields"]["msgid"] for e in entries if "fuzzy" in e["flags"]]
    assert untranslated == []
    assert fuzzy == []


def test_the_mo_holds_the_current_translations_of_the_po():
    # Compares contents, not modification times: git does not keep mtimes, so a fresh clone
    # may write the .po after the .mo. A .mo compiled from an older .po fails here just the same.
    with MO.open("rb") as compiled:
        mo = gettext.GNUTranslations(compiled)
    stale = []
    for entry in po_entries(PO):
        fields = entry["fields"]
        msgid = fields["msgid"]
        if not msgid or "fuzzy" in entry["flags"]:
            continue
        context = fields.get("msgctxt")
        if "msgid_plural" in fields:
            for n, key in ((1, "msgstr[0]"), (2, "msgstr[1]")):
                got = (
                    mo.npgettext(context, msgid, fields["msgid_plural"], n)
                    if context is not None
                    else mo.ngettext(msgid, fields["msgid_plural"], n)
                )
                if got != fields[key]:
                    stale.append(msgid)
        else:
            got = mo.pgettext(context, msgid) if context is not None else mo.gettext(msgid)
            if got != fields["msgstr"]:
                stale.append(msgid)
    assert stale == [], "run: uv run agir compilemessages -l en --ignore=.venv"


# --- gettext in code ------------------------------------------------------------------------


def test_code_strings_come_out_in_english_under_the_english_locale():
    with translation.override("en"):
        assert translation.gettext("Mes demandes") == "My requests"
        assert str(Status.ACKNOWLEDGED.label) == "Taken in hand"
        assert translation.gettext("Locataire (réparation locative)") == "Tenant (tenant repair)"
        assert (
            translation.ngettext(
                "Nous la prenons en charge sous %(days)d jour ouvré.",
                "Nous la prenons en charge sous %(days)d jours ouvrés.",
                2,
            )
            % {"days": 2}
            == "We will take it in hand within 2 working days."
        )


def test_code_strings_stay_french_by_default():
    with translation.override(settings.LANGUAGE_CODE):
        assert translation.gettext("Mes demandes") == "Mes demandes"
        assert str(Status.ACKNOWLEDGED.label) == "Prise en compte"


# --- pages, by the browser's Accept-Language ------------------------------------------------


def test_the_login_page_is_in_english_for_an_english_browser(client, db):
    page = text(client.get(LOGIN, HTTP_ACCEPT_LANGUAGE="en"))
    assert '<html lang="en">' in page
    assert "Email address or tenancy reference" in page
    assert "Forgotten your password?" in page
    assert "Adresse e-mail ou référence de bail" not in page


def test_the_login_page_is_in_french_by_default(client, db):
    page = text(client.get(LOGIN))
    assert '<html lang="fr">' in page
    assert "Adresse e-mail ou référence de bail" in page
    assert "Mot de passe oublié ?" in page


def test_a_tenants_request_page_is_in_english_for_an_english_browser(client, household):
    repair = submitted_request(household)
    client.force_login(household.holder.user)
    page = text(client.get(f"/locataire/demandes/{repair.code}/", HTTP_ACCEPT_LANGUAGE="en"))
    assert "My requests" in page
    assert "Where is it up to?" in page
    assert "We will take it in hand within" in page
    assert "Sign out" in page


def test_a_tenants_request_page_is_in_french_by_default(client, household):
    repair = submitted_request(household)
    client.force_login(household.holder.user)
    page = text(client.get(f"/locataire/demandes/{repair.code}/"))
    assert "Mes demandes" in page
    assert "Où en est-elle ?" in page
    assert "Nous la prenons en charge sous" in page
    assert "Se déconnecter" in page


def tenant_home() -> str:
    try:
        return reverse("portal:home")  # /locataire/
    except NoReverseMatch:
        pytest.skip("the tenant portal's home (/locataire/) is not on this branch yet")


def test_the_tenant_home_is_in_english_for_an_english_browser(client, household):
    url = tenant_home()
    client.force_login(household.holder.user)
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="en", follow=True)
    page = text(response)
    assert response.status_code == 200
    assert '<html lang="en">' in page
    assert "Sign out" in page
    assert "Se déconnecter" not in page


def test_the_tenant_home_is_in_french_by_default(client, household):
    url = tenant_home()
    client.force_login(household.holder.user)
    response = client.get(url, follow=True)
    page = text(response)
    assert response.status_code == 200
    assert '<html lang="fr">' in page
    assert "Se déconnecter" in page
