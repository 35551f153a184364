"""Inline the catalogue's SVG pictures, so a page needs no extra request for them."""

from __future__ import annotations

import itertools
import re
from functools import lru_cache

from django import template
from django.contrib.staticfiles import finders
from django.utils.safestring import SafeString, mark_safe

register = template.Library()
_ids = itertools.count(1)


@lru_cache(maxsize=256)
def _svg(name: str) -> str:
    path = finders.find(f"catalogue/pictures/{name}.svg")
    if path is None:
        return ""
    with open(path, encoding="utf-8") as handle:
        return handle.read().strip()


@register.simple_tag
def picture(name: str, decorative: bool = True) -> SafeString:
    """The SVG `name` (e.g. "equipment/sink"), inline.

    Decorative by default: the label written under a picture already says what it is, so the
    picture is hidden from screen readers rather than read twice.
    """
    svg = _svg(name)
    if not svg:
        return mark_safe('<svg viewBox="0 0 64 64" aria-hidden="true"></svg>')
    if decorative:
        svg = re.sub(r"<title[^>]*>.*?</title>", "", svg, flags=re.S)
        svg = svg.replace('role="img"', 'aria-hidden="true" focusable="false"')
        svg = svg.replace(' aria-labelledby="t"', "")
    else:
        unique = f"pic{next(_ids)}"
        svg = svg.replace('id="t"', f'id="{unique}"').replace(
            'aria-labelledby="t"', f'aria-labelledby="{unique}"'
        )
    return mark_safe(svg)  # noqa: S308 (files shipped with the project)
