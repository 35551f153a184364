"""Who pays, shown the same way everywhere: `{% load payer %}{% who_pays_panel who %}`.

`who` is the answer of `agir.catalogue.payer.who_pays` (or `who_pays_for_request`), made by
the view; templates never work out who pays themselves.
"""

from __future__ import annotations

from django import template

from agir.catalogue.payer import WhoPays
from agir.catalogue.payer_words import words_for

register = template.Library()


@register.inclusion_tag("catalogue/who_pays_panel.html")
def who_pays_panel(who: WhoPays, heading: str = "", heading_level: int = 2) -> dict:
    """The tenant's panel: status, who pays, exceptions, contractor's phone, legal basis."""
    return {"who": who, "words": words_for(who), "heading": heading, "level": heading_level}


@register.inclusion_tag("catalogue/who_pays_staff.html")
def who_pays_staff(who: WhoPays) -> dict:
    """The officer's view of the same answer (back office)."""
    return {"who": who, "words": words_for(who)}


@register.filter
def tel(phone: str) -> str:
    """«03 20 11 22 33» → «0320112233» for a tel: link."""
    return "".join(ch for ch in phone if ch.isdigit() or ch == "+")
