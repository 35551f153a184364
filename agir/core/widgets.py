"""Form widgets that stay cheap on long lists."""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

SELECTED = mark_safe(" selected")


class PlainSelect(forms.Select):
    """A <select> written out in Python. Django's Select renders a template for every option:
    the officers' filters list every sector, equipment family and contractor (about 1,000
    options at 250,000 dwellings), which made most of the inbox's time. Flat choices only."""

    def render(
        self, name: str, value: Any, attrs: dict | None = None, renderer: Any = None
    ) -> SafeString:
        chosen = set(self.format_value(value))
        final = {**self.build_attrs(self.attrs, attrs), "name": name}
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            ((key, SELECTED if str(key) in chosen else "", label) for key, label in self.choices),
        )
        return format_html("<select{}>{}</select>", flatatt(final), options)
