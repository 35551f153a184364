"""The printable sheet of QR codes: one per entrance and per common area of the sector.

Each code opens the new-request page with its place already chosen. The codes are PNG images
(segno) laid out by WeasyPrint, four to a row, with the place written under each.
"""

from __future__ import annotations

import base64
import io

import segno
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_GET
from weasyprint import HTML

from . import places
from .access import Scope
from .entry_views import entry_url
from .pages import caretaker_page


def qr_png(url: str) -> str:
    code = segno.make(url, error="m")
    out = io.BytesIO()
    code.save(out, kind="png", scale=6, border=4)
    return base64.b64encode(out.getvalue()).decode()


def sheet_places(scope: Scope) -> list[tuple[str, str, str]]:
    """(building, label, key) for every entrance and common area, building by building."""
    rows: list[tuple[str, str, str]] = []
    areas = list(scope.common_areas().select_related("entrance__building", "building", "site"))
    for building in scope.buildings().prefetch_related("entrances").order_by("code"):
        for entrance in building.entrances.all():
            rows.append((building.name, str(entrance), places.entrance_key(entrance)))
            for area in areas:
                if area.entrance_id == entrance.pk:
                    rows.append((building.name, area.label, places.area_key(area)))
        for area in areas:
            if area.building_id == building.pk:
                rows.append((building.name, area.label, places.area_key(area)))
    for area in areas:
        if area.site_id:
            rows.append((area.site.name, area.label, places.area_key(area)))
    return rows


def sheet_pdf(scope: Scope, base_url: str) -> bytes:
    codes = [
        {"group": group, "label": label, "png": qr_png(f"{base_url}{entry_url(lieu=key)}")}
        for group, label, key in sheet_places(scope)
    ]
    html = render_to_string(
        "rounds/qr_sheet.html",
        {
            "codes": codes,
            "sectors": ", ".join(str(s) for s in scope.caretaker.sectors.all()),
            "day": timezone.localdate(),
        },
    )
    return HTML(string=html).write_pdf()


@require_GET
@caretaker_page
def qr_sheet(request: HttpRequest, scope: Scope) -> HttpResponse:
    pdf = sheet_pdf(scope, request.build_absolute_uri("/").rstrip("/"))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'inline; filename="qr-codes-secteur.pdf"'
    return response
