"""The layers stay one way: no module of kadev imports, even inside a function, a module that
imports it back (directly or round a longer circle), and nothing below the CLI imports Typer."""

from __future__ import annotations

import ast
from pathlib import Path

KADEV = Path(__file__).resolve().parent.parent / "kadev"


def _graph() -> dict[str, set[str]]:
    modules = {}
    for path in KADEV.rglob("*.py"):
        name = ".".join(path.relative_to(KADEV.parent).with_suffix("").parts)
        modules[name.removesuffix(".__init__")] = path
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and \
                    node.module.startswith("kadev"):
                subs = {f"{node.module}.{a.name}" for a in node.names} & modules.keys()
                graph[name] |= subs
                if len(subs) < len(node.names) and node.module in modules:
                    graph[name].add(node.module)
            elif isinstance(node, ast.Import):
                graph[name] |= {a.name for a in node.names} & modules.keys()
        graph[name].discard(name)
    return graph


def _circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_no_import_circles() -> None:
    graph = _graph()
    assert len(graph) > 80
    assert _circles(graph) == []
    # (the check finds one when there is one)
    assert _circles({**graph, "kadev.library.ledgerview": graph["kadev.library.ledgerview"] |
                     {"kadev.library.reports"}}) == [["kadev.library.ledgerview",
                                                      "kadev.library.reports"]]


def test_nothing_below_the_cli_imports_typer_or_the_cli() -> None:
    graph = _graph()
    for name, imports in graph.items():
        if name.startswith(("kadev.cli", "kadev.entry", "kadev.__main__")):
            continue
        assert not {i for i in imports if i.startswith("kadev.cli")}, name
        text = (KADEV.parent / (name.replace(".", "/") + ".py")).read_text(encoding="utf-8") \
            if (KADEV.parent / (name.replace(".", "/") + ".py")).exists() else ""
        assert "import typer" not in text and "from typer" not in text, name


def test_the_library_words_nothing() -> None:
    """Below the CLI and the renderers (the library, the analysis, the store, the models)
    messages are made (`lazy`) and worded only when shown, never worded (`t`, `label`)."""
    found = 0
    # (the index and the JSON schema read the catalogue's keys and labels, word nothing)
    allowed = {"Msg", "lazy", "lazy_label", "lazy_lines", "lazy_list", "LABEL", "LINES",
               "LIST", "MESSAGES", "LABELS"}
    for layer in ("library", "analysis", "store", "models"):
        for path in sorted((KADEV / layer).glob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.ImportFrom) and node.module == "kadev.i18n":
                    assert {a.name for a in node.names} <= allowed, path
    for path in sorted((KADEV / "library").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and \
                    node.module.startswith("kadev.cli"):
                raise AssertionError(f"{path.name} imports {node.module}")
        found += 1
    assert found >= 5
