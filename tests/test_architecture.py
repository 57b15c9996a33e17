"""The package's shape: no import circles, the core never reaches the CLI or reports, one name each.

Every module under ``src/mutasi_opt`` is parsed with :mod:`ast` (nothing is imported); every import
counts, wherever it is written: at the top, under ``if TYPE_CHECKING:``, or inside a function. A
circle hidden in a type-only or deferred import is still a circle in the design.

An import ``from a.b import c`` is an edge to the module ``a.b.c`` when that is a module, otherwise
to ``a.b``. Importing a submodule also runs its parents' ``__init__``, but that is not counted as an
edge: a package's ``__init__`` that re-exports its own submodules would otherwise form a circle with
every one of them.
"""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = "mutasi_opt"

CORE = (
    "tables",
    "problem",
    "instance",
    "rule_context",
    "rules",
    "scoring",
    "candidates",
    "solve",
    "check",
    "proof",
    "audit",
    "plan",
)
"""Top-level modules and subpackages of the core (a subpackage includes its submodules)."""

OUTER = ("cli", "report")
"""What the core never imports."""


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {_module_name(path): path for path in sorted((SRC / PACKAGE).rglob("*.py"))}


def _resolve(module: str, path: Path, level: int, name: str | None) -> str:
    """Absolute name of the module a ``from`` import at ``level`` dots refers to."""
    if level == 0:
        return name or ""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for _ in range(level - 1):
        package = package.rpartition(".")[0]
    return f"{package}.{name}" if name else package


def _imports(module: str, path: Path, known: set[str]) -> set[str]:
    """The package's modules that ``module`` imports anywhere in its source."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = _resolve(module, path, node.level, node.module)
            targets = [
                f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base
                for alias in node.names
            ]
        else:
            continue
        for target in targets:
            # ``import a.b.c`` names a.b.c; keep the longest prefix that is one of our modules.
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != module:
                found.add(target)
    return found


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    known = set(modules)
    return {name: _imports(name, path, known) for name, path in modules.items()}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One circle per strongly connected component with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                components.append(component)

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return [_one_circle(graph, set(component)) for component in components]


def _one_circle(graph: dict[str, set[str]], component: set[str]) -> list[str]:
    """A concrete circle through the component's first module (breadth-first, so a short one)."""
    start = min(component)
    parent: dict[str, str] = {}
    frontier = [start]
    while frontier:
        following: list[str] = []
        for node in frontier:
            for nxt in sorted(graph[node] & component):
                if nxt == start:
                    path = [node]
                    while path[-1] != start:
                        path.append(parent[path[-1]])
                    return [*reversed(path), start]
                if nxt not in parent:
                    parent[nxt] = node
                    following.append(nxt)
        frontier = following
    return sorted(component)  # pragma: no cover - a component always holds a circle


def _within(module: str, tops: tuple[str, ...]) -> bool:
    return any(
        module == f"{PACKAGE}.{top}" or module.startswith(f"{PACKAGE}.{top}.") for top in tops
    )


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    """The package's import graph, parsed from source."""
    return _graph()


def test_the_graph_sees_every_kind_of_import(graph: dict[str, set[str]]) -> None:
    # Sanity: the parser finds the package, relative and absolute imports.
    assert len(graph) > 50
    assert f"{PACKAGE}.scenario" in graph[f"{PACKAGE}.problem"]


def test_no_import_circles(graph: dict[str, set[str]]) -> None:
    circles = [" -> ".join(circle) for circle in _cycles(graph)]
    assert not circles, "import circles:\n" + "\n".join(circles)


def test_the_core_never_imports_the_cli_or_reports(graph: dict[str, set[str]]) -> None:
    wrong = sorted(
        f"{module} imports {target}"
        for module, targets in graph.items()
        if _within(module, CORE)
        for target in targets
        if _within(target, OUTER)
    )
    assert not wrong, "\n".join(wrong)


def test_one_module_per_file_name() -> None:
    names = Counter(
        path.name
        for path in (SRC / PACKAGE).rglob("*.py")
        # A package's own files: __init__ (the package) and __main__ (``python -m package``).
        if path.name not in ("__init__.py", "__main__.py")
    )
    shared = sorted(name for name, count in names.items() if count > 1)
    assert not shared, f"file names used by more than one module: {shared}"


def test_the_cycle_finder_reports_a_circle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _cycles(graph) == [["a", "b", "c", "a"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []
