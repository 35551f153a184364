"""Every URL of the URL configuration, asked by seven people, answers as tests/access_table.py says.

The URLs are enumerated from the resolver, so a new URL cannot be forgotten: without a row it
fails `test_every_url_has_a_row`. Each URL is then asked (GET, and POST for the rows that act)
as anonymous, tenant A, tenant B, the caretaker, a contractor, an officer and the manager, on
one set of personas made once for the module (tests/access_world.py). A POST that the table
refuses must change nothing in the database; one it allows (ACTS) must change something, so
that the refusals are about who asks and not about a body that would do nothing anyway.
"""

from __future__ import annotations

import fnmatch
import hashlib
import re
from dataclasses import dataclass

import pytest
from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse

from tests.access_table import ACTS, ADMITTED, ANSWERS, ROLES, TABLE, Answer, Row
from tests.access_world import ARGUMENTS, World, build_world, post_body, settings_for

# --- the URLs, from the resolver -------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    key: str  # "namespace:name", or "namespace:route" for an unnamed URL
    route: str  # the full route, e.g. "locataire/demandes/<uuid:code>/"
    callback: object


def _walk(resolver: URLResolver, prefix: str = "", namespace: str = ""):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _walk(pattern, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            route = prefix + str(pattern.pattern)
            key = f"{namespace}{pattern.name}" if pattern.name else f"{namespace}{route}"
            yield Entry(key, route, pattern.callback)


ENTRIES = list(_walk(get_resolver()))
# A route already taken by an earlier URL can never be reached (django_rq's dashboard changelist
# hides behind its statistics page): it needs a row, but asking it would ask the other. Several
# URLs may share a name: the first one of a route is the one asked.
REACHABLE = [
    entry
    for position, entry in enumerate(ENTRIES)
    if not any(earlier.route == entry.route for earlier in ENTRIES[:position])
]


def _rows_for(entry: Entry, method: str) -> Row | None:
    """The row of the URL's own name, or else the first pattern row that matches it."""
    rows = [row for row in TABLE if row.method == method]
    for row in rows:
        if row.name == entry.key:
            return row
    for row in rows:
        if "*" in row.name and fnmatch.fnmatchcase(entry.key, row.name):
            return row
    return None


GET_CHECKS = [(entry, _rows_for(entry, "get")) for entry in ENTRIES]
POST_CHECKS = [(entry, row) for entry in REACHABLE if (row := _rows_for(entry, "post")) is not None]
WALKED_GETS = [(e, r) for e in REACHABLE if (r := _rows_for(e, "get")) is not None]


# --- the table itself ------------------------------------------------------------------------


def test_every_url_has_a_row():
    missing = [entry for entry, row in GET_CHECKS if row is None]
    assert not missing, "\n".join(
        [
            "These URLs have no row in tests/access_table.py (who may do what):",
            *(f"  {entry.key}  (/{entry.route})" for entry in missing),
            "Add a GET row per URL, with the answer of each of the seven people, and a POST "
            "row if it acts on POST: see «How to add a row» at the top of "
            "tests/access_table.py.",
        ]
    )


def test_every_row_names_a_url_that_exists():
    keys = [entry.key for entry in ENTRIES]
    stale = [
        row
        for row in TABLE
        if not any(fnmatch.fnmatchcase(key, row.name) for key in keys) and row.name not in keys
    ]
    assert not stale, "Rows for URLs that no longer exist (remove them): " + ", ".join(
        f"{row.method.upper()} {row.name}" for row in stale
    )


def test_every_post_only_url_has_a_post_row():
    post_only = [
        entry.key
        for entry, row in GET_CHECKS
        if row is not None and ANSWERS["NOT_ALLOWED"] in row.answers.values()
    ]
    without = [key for key in post_only if key not in {e.key for e, _ in POST_CHECKS}]
    assert not without, f"POST-only URLs without a POST row: {', '.join(without)}"


def test_every_named_set_of_arguments_exists():
    unknown = {row.args for row in TABLE if row.args and row.args not in {*ARGUMENTS, "admin"}}
    assert not unknown, f"Unknown args= in tests/access_table.py: {sorted(unknown)}"


# --- the people and their objects --------------------------------------------------------------


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """The personas and their objects, made once for the module and rolled back after it."""
    files = tmp_path_factory.mktemp("access")
    with (
        django_db_blocker.unblock(),
        override_settings(**settings_for(files)),
        transaction.atomic(),
    ):
        yield build_world(files)
        transaction.set_rollback(True)


@pytest.fixture
def world_files(world, settings, notify_files):
    """The module's files, not the empty folders the shared conftest gives each test."""
    for name, value in settings_for(world.files).items():
        setattr(settings, name, value)


# --- asking ----------------------------------------------------------------------------------

# Arguments of the admin's URLs: a missing object, the estate app, the first queue.
ADMIN_VALUES = {
    "object_id": "0",
    "id": "0",
    "app_label": "estate",
    "content_type_id": "0",
    "url": "nowhere/",
}


def _arguments(entry: Entry, row: Row, world: World) -> dict:
    if row.args == "admin":
        return {name: ADMIN_VALUES.get(name, "0") for name in _route_parameters(entry.route)}
    return ARGUMENTS[row.args](world) if row.args else {}


def _route_parameters(route: str) -> list[str]:
    return re.findall(r"<(?:\w+:)?(\w+)>", route) + re.findall(r"\(\?P<(\w+)>", route)


def _path(entry: Entry, arguments: dict) -> str:
    """The route with its arguments in place (also for unnamed and regular-expression routes)."""
    path = re.sub(
        r"\(\?P<(\w+)>(?:[^()]|\([^()]*\))*\)\??", lambda m: str(arguments[m[1]]), entry.route
    )
    path = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(arguments[m[1]]), path)
    path = path.replace("^", "").replace("$", "").replace("/?", "/")
    path = "/" + re.sub(r"/+", "/", path)
    assert resolve(path).func == entry.callback, f"{path} does not lead to {entry.key}"
    return path


def _client(world: World, role: str) -> Client:
    # A server error is an answer like the others here: the table says where one is known.
    client = Client(raise_request_exception=False)
    if role in world.sessions:
        client.cookies[settings.SESSION_COOKIE_NAME] = world.sessions[role]
    return client


def _fingerprint() -> str:
    """Every row of the project's tables: what a refused action must leave as it was."""
    digest = hashlib.sha256()
    for model in apps.get_models():
        if not model.__module__.startswith("agir."):
            continue
        for row in model.objects.order_by("pk").values_list():
            digest.update(repr(row).encode())
    return digest.hexdigest()


SIGN_IN = ("LOGIN", "ADMIN_LOGIN")


def _observed(response, changed: bool | None) -> str:
    if response.status_code == 500 and getattr(response, "exc_info", None):
        kind, error, _trace = response.exc_info
        return f"SERVER_ERROR ({kind.__name__}: {error})"
    if response.status_code == 302:
        target = response.url
        if target.startswith(reverse("accounts:login")):
            return "LOGIN"
        if target.startswith(reverse("admin:login")):
            return "ADMIN_LOGIN"
        return f"REDIRECT (to {target})"
    labels = {a.status: a.label for a in ANSWERS.values() if a.status and a.status != 302}
    label = labels.get(response.status_code, str(response.status_code))
    if changed:
        label += ", and it changed something"
    return label


def _matches(expected: Answer, response, changed: bool | None) -> bool:
    if expected is ACTS:
        return bool(changed) and response.status_code < 400
    if expected is ADMITTED:
        return (
            not changed
            and response.status_code not in (401, 500)
            and (response.status_code != 302 or _observed(response, None) not in SIGN_IN)
        )
    if changed:
        return False
    if response.status_code != expected.status:
        return False
    if expected.status == 302:
        observed = _observed(response, None)
        return observed == expected.label or (
            expected.label == "REDIRECT" and observed.startswith("REDIRECT")
        )
    return True


def _ask(world: World, entry: Entry, row: Row, role: str):
    """One person's attempt, rolled back: each attempt starts from the same world."""
    path = _path(entry, _arguments(entry, row, world))
    client = _client(world, role)
    with transaction.atomic():
        before = _fingerprint() if row.method == "post" else None
        if row.method == "get":
            response = client.get(path, query_params=dict(_query(row.query)))
        else:
            response = client.post(path, post_body(row.data, world))
        changed = None if before is None else _fingerprint() != before
        transaction.set_rollback(True)
    return path, response, changed


def _query(query: str):
    return [tuple(pair.split("=", 1)) for pair in query.split("&") if pair]


def _check(world: World, entry: Entry, row: Row) -> None:
    wrong = []
    for role in ROLES:
        expected = row.answers[role]
        path, response, changed = _ask(world, entry, row, role)
        if not _matches(expected, response, changed):
            observed = _observed(response, changed)
            if expected is ACTS and not changed:
                observed += ", and nothing changed"
            wrong.append(f"  {role:<11} expected {expected.label:<12} got {observed}")
    assert not wrong, f"{row.method.upper()} {path} ({entry.key}):\n" + "\n".join(wrong)


@pytest.mark.parametrize("check", WALKED_GETS, ids=[e.key for e, _ in WALKED_GETS])
def test_each_url_answers_each_person_as_the_table_says(world, world_files, db, check):
    entry, row = check
    _check(world, entry, row)


@pytest.mark.parametrize("check", POST_CHECKS, ids=[e.key for e, _ in POST_CHECKS])
def test_each_action_acts_only_for_those_the_table_allows(world, world_files, db, check):
    entry, row = check
    _check(world, entry, row)
