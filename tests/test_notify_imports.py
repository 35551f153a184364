"""`agir.notify` imports run one way: views and tasks on top, then the outbox and its dispatch,
then the channels, with shared helpers below them all. Read from the source with `ast`, so a
function-level import (the usual way a cycle hides) counts as much as one at the top, and a
dotted path in a string (a registry loaded with `import_string`) counts too."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import agir.notify

PACKAGE = "agir.notify"
ROOT = Path(agir.notify.__file__).parent
DOTTED = re.compile(r"^agir\.notify(\.[A-Za-z_][A-Za-z0-9_]*)+$")

# Highest first. A module may import its own layer or those below, never those above.
TOP, OUTBOX, CHANNELS, HELPERS = 3, 2, 1, 0
OUTBOX_LAYER = {"dispatch", "outbox", "reports", "render", "rules", "queries"}
TOP_LAYER = {
    "admin",
    "apps",
    "checks",
    "showcase",
    "staff_urls",
    "staff_views",
    "tasks",
    "trial",
    "urls",
    "views",
}


def module_names() -> dict[str, Path]:
    names = {}
    for path in ROOT.rglob("*.py"):
        parts = path.relative_to(ROOT).with_suffix("").parts
        if parts[0] == "migrations":
            continue
        if parts[-1] == "__init__":
            parts = parts[:-1]
        names[".".join((PACKAGE, *parts))] = path
    return names


def layer(module: str) -> int:
    parts = module.removeprefix(PACKAGE).lstrip(".").split(".")
    if parts[0] in TOP_LAYER or parts[0] in {"management", "templatetags"}:
        return TOP
    if parts[0] in OUTBOX_LAYER:
        return OUTBOX
    if parts[0] == "channels":
        return CHANNELS
    return HELPERS


def _resolve(name: str, modules: dict[str, Path]) -> str | None:
    """The notify module that importing `name` loads (a name inside a module: that module)."""
    while name and name not in modules:
        name = name.rpartition(".")[0]
    return name if name.startswith(PACKAGE) and name != PACKAGE else None


def imports_of(module: str, path: Path, modules: dict[str, Path]) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str | None] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(_resolve(alias.name, modules) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}" if base else anchor
            for alias in node.names:
                found.add(_resolve(f"{base}.{alias.name}", modules))
        elif isinstance(node, ast.Constant) and DOTTED.match(str(node.value)):
            found.add(_resolve(node.value, modules))
    return {name for name in found if name and name != module}


def import_graph() -> dict[str, set[str]]:
    modules = module_names()
    return {name: imports_of(name, path, modules) for name, path in modules.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_graph_sees_function_level_and_string_imports():
    graph = import_graph()
    # Imported inside a function today: the checks must be seen, or the test proves nothing.
    assert "agir.notify.checks" in graph["agir.notify.apps"]
    assert "agir.notify.channels.email.transport" in graph["agir.notify.channels"]


def test_notify_has_no_import_cycle():
    found = cycles(import_graph())
    assert not found, "import cycles:\n" + "\n".join(" <-> ".join(c) for c in found)


def test_notify_imports_only_its_own_layer_or_those_below():
    upward = [
        f"{source} ({layer(source)}) imports {target} ({layer(target)})"
        for source, targets in sorted(import_graph().items())
        for target in sorted(targets)
        if layer(target) > layer(source)
    ]
    assert not upward, "imports against the layers:\n" + "\n".join(upward)
