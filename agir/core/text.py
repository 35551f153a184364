"""Free text that tenants and staff type (descriptions, messages, reasons, comments): one
cleaning for every form field that takes it, `FreeTextField`.

- Control characters (a pasted bell, a NUL that PostgreSQL refuses, C1 codes) and the
  invisible bidirectional controls (right-to-left overrides and isolates, which can make a
  letter read «gnitsil» or hide text) are removed: they print as boxes in letters and mean
  nothing to the reader. Line breaks stay in text areas; a one-line field turns them into
  spaces. Joiners that emoji and some scripts need (U+200C, U+200D) stay.
- The field does not give the browser a `maxlength`: a browser cuts a paste at the limit
  without a word, where the server says how long the text is and keeps it all to shorten.

tests/test_free_text.py checks that every text field of every form of AGIR is one of these,
or is listed there as not free text (passwords, codes, identifiers, search words).
"""

from __future__ import annotations

import re
import unicodedata

from django import forms

# C0 controls but tab and line feed (carriage returns become line feeds first), DEL, C1
# controls, the bidirectional marks, embeddings, overrides and isolates, the interlinear
# annotation controls and a stray byte order mark.
_UNWANTED = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
    "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
    "\ufff9-\ufffb\ufeff]"
)
_LINE_BREAKS = re.compile("\r\n|\r|\u2028|\u2029|\x85")


def clean_free_text(value: str, *, multiline: bool = True) -> str:
    """`value` without control characters nor bidirectional controls, in NFC form."""
    value = _LINE_BREAKS.sub("\n", value)
    value = _UNWANTED.sub("", value).replace("\t", " ")
    if not multiline:
        value = value.replace("\n", " ")
    return unicodedata.normalize("NFC", value)


class FreeTextField(forms.CharField):
    """A CharField for text people write to each other; see the module's docstring."""

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return value
        value = clean_free_text(value, multiline=isinstance(self.widget, forms.Textarea))
        return value.strip() if self.strip else value

    def widget_attrs(self, widget) -> dict:
        attrs = super().widget_attrs(widget)
        attrs.pop("maxlength", None)
        return attrs
