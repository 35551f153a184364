"""GeoReport v2 answers in XML and JSON, one structure for both.

The JSON is the spec's mapping of the XML: a container whose children are all the same element
is an array, even with one child or none (`<services><service>…` → `[{…}]`); a scalar keeps
its name. XML values are text: booleans `true`/`false`, a missing value an empty element. Both
are UTF-8 with the Content-Type the spec gives.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any
from xml.etree import ElementTree as ET  # we write XML, we never parse any

from django.http import HttpResponse

CONTENT_TYPES = {"xml": "text/xml; charset=utf-8", "json": "application/json; charset=utf-8"}


@dataclass(frozen=True)
class Many:
    """A container of repeated elements: `<container><item>…</item>…</container>`."""

    container: str
    item: str
    items: list[Any]


@dataclass(frozen=True)
class One:
    """A single element with named children: `<name>…</name>`."""

    name: str
    fields: dict[str, Any]


def to_json(value: Any) -> Any:
    if isinstance(value, Many):
        return [to_json(item) for item in value.items]
    if isinstance(value, One):
        return {key: to_json(item) for key, item in value.fields.items()}
    if isinstance(value, dict):
        return {key: to_json(item) for key, item in value.items()}
    return value


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _fill(element: ET.Element, value: Any) -> None:
    if isinstance(value, Many):
        for item in value.items:
            child = ET.SubElement(element, value.item)
            _fill(child, item)
    elif isinstance(value, One | dict):
        fields = value.fields if isinstance(value, One) else value
        for key, item in fields.items():
            if isinstance(item, Many):
                container = ET.SubElement(element, item.container)
                _fill(container, item)
            else:
                _fill(ET.SubElement(element, key), item)
    else:
        element.text = _text(value)


def to_xml(value: Many | One) -> str:
    root = ET.Element(value.container if isinstance(value, Many) else value.name)
    _fill(root, value)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode")


def respond(value: Many | One, fmt: str, status: int = 200) -> HttpResponse:
    body = json.dumps(to_json(value), ensure_ascii=False) if fmt == "json" else to_xml(value)
    return HttpResponse(body.encode(), status=status, content_type=CONTENT_TYPES[fmt])


def errors(fmt: str, status: int, *problems: tuple[int, str]) -> HttpResponse:
    """The standard error answer: `errors` of `error` (`code`, `description`)."""
    listed = Many(
        "errors", "error", [{"code": code, "description": text} for code, text in problems]
    )
    return respond(listed, fmt, status)
