"""Drawing the wizard's pictures: the floor plan's rooms and a room's scene, as links in SVG."""

from __future__ import annotations

import re

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from agir.portal.floorplans import Room, SceneItem

from .pictures import _svg

register = template.Library()

LABEL_HEIGHT = 26


# The plan's labels are 24 units, bold: about 14 units a character.
LABEL_CHAR_WIDTH = 14
LINE_HEIGHT = 28


@register.simple_tag
def plan_room(room: Room, url: str) -> SafeString:
    """One room of the plan: a labelled rectangle that is a link."""
    cx = room.x + room.width // 2
    lines = _label_lines(room.label, room.width - 16)
    top = room.y + room.height // 2 - (len(lines) - 1) * LINE_HEIGHT // 2
    spans = format_html_join(
        "",
        '<tspan x="{}" y="{}">{}</tspan>',
        ((cx, top + i * LINE_HEIGHT, line) for i, line in enumerate(lines)),
    )
    return format_html(
        '<a href="{url}" class="room"><rect x="{x}" y="{y}" width="{w}" height="{h}" rx="6"/>'
        '<text text-anchor="middle" dominant-baseline="middle">{spans}</text></a>',
        url=url,
        x=room.x + 3,
        y=room.y + 3,
        w=room.width - 6,
        h=room.height - 6,
        spans=spans,
    )


def _label_lines(label: str, width: int) -> list[str]:
    """The label on one line, or on two split at the space nearest its middle if too wide."""
    if len(label) * LABEL_CHAR_WIDTH <= width or " " not in label:
        return [label]
    middle = len(label) / 2
    cut = min((i for i, ch in enumerate(label) if ch == " "), key=lambda i: abs(i - middle))
    return [label[:cut], label[cut + 1 :]]


@register.simple_tag
def scene_item(item: SceneItem, url: str) -> SafeString:
    """One equipment of a room's scene: its icon and its label, together one link."""
    icon = _nested_icon(f"equipment/{item.equipment}", item.x, item.y, item.size)
    return format_html(
        '<a href="{url}" class="scene-item">'
        '<rect class="hit" x="{hx}" y="{hy}" width="{hw}" height="{hh}" rx="8"/>{icon}'
        '<text x="{cx}" y="{ty}" text-anchor="middle">{label}</text></a>',
        url=url,
        hx=item.x - 20,
        hy=item.y - 2,
        hw=item.size + 40,
        hh=item.size + LABEL_HEIGHT + 4,
        icon=icon,
        cx=item.x + item.size // 2,
        ty=item.y + item.size + LABEL_HEIGHT - 6,
        label=item.label,
    )


def _nested_icon(name: str, x: int, y: int, size: int) -> SafeString:
    svg = _svg(name)
    if not svg:
        return mark_safe("")
    svg = re.sub(r"<title[^>]*>.*?</title>", "", svg, flags=re.S)
    svg = svg.replace(' role="img"', "").replace(' aria-labelledby="t"', "")
    svg = svg.replace(' xmlns="http://www.w3.org/2000/svg"', "")
    svg = svg.replace(
        "<svg", f'<svg x="{x}" y="{y}" width="{size}" height="{size}" aria-hidden="true"', 1
    )
    return mark_safe(svg)  # noqa: S308 (files shipped with the project)
