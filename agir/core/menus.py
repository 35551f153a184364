"""Menus of the shared layouts (the back office's, the tenant's): lists of one-line entries.

Each app keeps its list (agir/backoffice/menu.py, agir/portal/menu.py); an entry is its label,
the URL name it opens and who sees it. The entry whose address is the longest start of the
page's address is the current one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise


def everyone(user) -> bool:
    return True


@dataclass(frozen=True)
class MenuEntry:
    label: str | Promise
    url_name: str
    shown: Callable[..., bool] = everyone


@dataclass(frozen=True)
class MenuLink:
    label: str | Promise
    url: str
    current: bool


def links_for(entries: list[MenuEntry], user, path: str) -> list[MenuLink]:
    shown = []
    for entry in entries:
        if not entry.shown(user):
            continue
        try:
            shown.append((entry, reverse(entry.url_name)))
        except NoReverseMatch:  # an entry of an app that is not installed
            continue
    matching = [url for _entry, url in shown if path.startswith(url)]
    current = max(matching, key=len, default=None)
    return [MenuLink(entry.label, url, url == current) for entry, url in shown]
