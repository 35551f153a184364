"""PlainSelect writes the same <select> as Django's, without a template an option."""

import pytest
from django import forms
from django.test.html import parse_html

from agir.core.widgets import PlainSelect

CHOICES = [("", "Tous"), ("1", "Nord & Est"), ("2", "Sud <centre>"), (3, "Ouest")]


@pytest.mark.parametrize("value", [None, "", "1", 3, "3", "unknown"])
def test_plain_select_renders_as_djangos_select(value):
    attrs = {"id": "id_sector", "required": True, "aria-describedby": "id_sector_helptext"}
    django_html = forms.Select(choices=CHOICES).render("sector", value, attrs)
    plain_html = PlainSelect(choices=CHOICES).render("sector", value, attrs)
    assert parse_html(plain_html) == parse_html(django_html)


def test_plain_select_escapes_labels():
    html = PlainSelect(choices=CHOICES).render("sector", None)
    assert "Sud &lt;centre&gt;" in html and "Nord &amp; Est" in html


def test_the_inbox_filter_keeps_the_chosen_sector_selected(client, officer, estate):
    from tests.staff_sign_in import sign_in

    sector = estate.building.sector
    sign_in(client, officer)
    html = client.get("/bureau/demandes/", {"sector": sector.pk}).text
    assert f'<option value="{sector.pk}" selected>' in html


def test_plain_select_renders_a_model_choice_as_djangos(estate):
    from agir.estate.models import Building

    field = forms.ModelChoiceField(Building.objects.all(), required=False)
    value = estate.building.pk
    django_html = forms.Select(choices=field.choices).render("building", value)
    plain_html = PlainSelect(choices=field.choices).render("building", value)
    assert parse_html(plain_html) == parse_html(django_html)
    assert f'value="{value}" selected' in plain_html
