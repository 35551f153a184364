"""Charts drawn on the server as small SVG documents: no script, no style attribute (the CSP
forbids them), light enough to print and to put in a PDF.

Each chart has a <title> and a role="img"; its numbers are always in a table beside it
(agir/quality/sections.py), so the picture never says anything on its own.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH = 640
INK, ACCENT, LIGHT, GRID = "#1f2933", "#1d4f91", "#9fb3c8", "#d9e2ec"
FONT = 'font-family="sans-serif" font-size="13"'


def _number(value: float, percent: bool) -> str:
    if percent:
        return f"{value * 100:.0f} %"
    if isinstance(value, float) and not value.is_integer():
        return f"{value:.1f}".replace(".", ",")
    return f"{value:.0f}"


def _svg(title: str, height: int, body: list[str], css_class: str) -> SafeString:
    return mark_safe(  # noqa: S308 (every text put in the body went through escape())
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart {css_class}" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}">'
        f"<title>{escape(title)}</title>{''.join(body)}</svg>"
    )


def bar_chart(
    title: str, items: Sequence[tuple[str, float | None]], *, percent: bool = False
) -> SafeString:
    """Horizontal bars, one line a label: rankings, shares, counts by kind."""
    label_width, row, top = 230, 24, 8
    height = top * 2 + row * max(len(items), 1)
    scale_max = 1.0 if percent else max((v or 0 for _l, v in items), default=0) or 1
    bar_room = WIDTH - label_width - 60
    body = []
    for i, (label, value) in enumerate(items):
        y = top + i * row
        shown = label if len(label) <= 34 else label[:33] + "…"
        body.append(
            f'<text x="{label_width - 6}" y="{y + 16}" text-anchor="end" fill="{INK}" {FONT}>'
            f"{escape(shown)}</text>"
        )
        if value is None:
            body.append(f'<text x="{label_width + 4}" y="{y + 16}" fill="{INK}" {FONT}>—</text>')
            continue
        width = max(bar_room * value / scale_max, 1 if value else 0)
        body.append(
            f'<rect x="{label_width}" y="{y + 4}" width="{width:.1f}" height="{row - 8}" '
            f'fill="{ACCENT}"/>'
            f'<text x="{label_width + width + 4:.1f}" y="{y + 16}" fill="{INK}" {FONT}>'
            f"{_number(value, percent)}</text>"
        )
    if not items:
        body.append(f'<text x="8" y="24" fill="{INK}" {FONT}>—</text>')
    return _svg(title, height, body, "bar-chart")


def column_chart(
    title: str,
    items: Sequence[tuple[str, float | None]],
    *,
    percent: bool = False,
    line: Sequence[float | None] | None = None,
) -> SafeString:
    """Vertical columns, left to right: months, delays. `line`, when given, is a share (0–1)
    drawn over the columns against its own 0–100 % scale (right)."""
    height, bottom, top, left, right = 220, 36, 20, 40, 40
    plot_h = height - bottom - top
    n = max(len(items), 1)
    step = (WIDTH - left - right) / n
    scale_max = 1.0 if percent else max((v or 0 for _l, v in items), default=0) or 1
    body = [
        f'<line x1="{left}" y1="{height - bottom}" x2="{WIDTH - right}" y2="{height - bottom}" '
        f'stroke="{GRID}"/>',
        f'<text x="{left - 4}" y="{top + 4}" text-anchor="end" fill="{INK}" {FONT}>'
        f"{_number(scale_max, percent)}</text>",
        f'<text x="{left - 4}" y="{height - bottom}" text-anchor="end" fill="{INK}" {FONT}>'
        "0</text>",
    ]
    for i, (label, value) in enumerate(items):
        x = left + i * step
        h = plot_h * (value or 0) / scale_max
        body.append(
            f'<rect x="{x + step * 0.15:.1f}" y="{height - bottom - h:.1f}" '
            f'width="{step * 0.7:.1f}" height="{h:.1f}" fill="{LIGHT if line else ACCENT}"/>'
        )
        if n <= 16 or i % 2 == 0:
            body.append(
                f'<text x="{x + step / 2:.1f}" y="{height - bottom + 16}" text-anchor="middle" '
                f'fill="{INK}" {FONT}>{escape(label)}</text>'
            )
    if line:
        points = [
            f"{left + i * step + step / 2:.1f},{height - bottom - plot_h * v:.1f}"
            for i, v in enumerate(line)
            if v is not None
        ]
        if points:
            body.append(
                f'<polyline points="{" ".join(points)}" fill="none" stroke="{ACCENT}" '
                f'stroke-width="2"/>'
            )
            body.extend(
                f'<circle cx="{p.split(",")[0]}" cy="{p.split(",")[1]}" r="3" fill="{ACCENT}"/>'
                for p in points
            )
        body.append(f'<text x="{WIDTH - right + 4}" y="{top + 4}" fill="{INK}" {FONT}>100 %</text>')
    return _svg(title, height, body, "column-chart")
