"""The place field of a form: a text field that asks for suggestions as the officer types."""

from __future__ import annotations

from django import forms
from django.urls import reverse_lazy
from django.utils.text import format_lazy

from agir.core.text import clean_free_text

from . import search
from .views import FOR_NOTICES


class SearchInput(forms.TextInput):
    input_type = "search"


class PlaceField(forms.CharField):
    """The text typed (cleaned, its spaces collapsed), looked up by the form that has it
    (`search.place_filter`, `search.one_place`). `for_notices`: entrances are suggested too,
    and places outside the officer's sectors."""

    widget = SearchInput

    def __init__(self, *, for_notices: bool = False, **kwargs) -> None:
        self.for_notices = for_notices
        kwargs.setdefault("max_length", search.MAX_LENGTH)
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_python(self, value) -> str:
        value = super().to_python(value)
        return " ".join(clean_free_text(value, multiline=False).split()) if value else value

    def widget_attrs(self, widget) -> dict:
        attrs = super().widget_attrs(widget)
        url = reverse_lazy("backoffice:place_suggestions")
        if self.for_notices:
            url = format_lazy("{}?pour={}", url, FOR_NOTICES)
        attrs.update(
            {
                "list": "place-suggestions",
                "autocomplete": "off",
                "spellcheck": "false",
                "hx-get": url,
                "hx-trigger": "input changed delay:250ms",
                "hx-target": "#place-suggestions",
                "hx-swap": "outerHTML",
                "hx-sync": "this:replace",
            }
        )
        return attrs
