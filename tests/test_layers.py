"""The house's layers (docs/ARCHITECTURE.md): each package imports only the ones below it, so a
change to a page cannot reach the calculators and the calculators never see Dash or Flask."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# What each part may import (besides itself and outside packages).
ALLOWED = {
    "app": {
        *("pages", "api", "serving", "rendering", "jobs", "uploads", "serialize", "exports", "sharing"),
        *("components", "wording", "calculators", "facts", "i18n", "settings"),
    },
    "pages": {
        *("components", "rendering", "serving", "jobs", "uploads", "serialize", "exports"),
        *("wording", "calculators", "facts", "i18n", "settings"),
    },
    "api": {"serving", "jobs", "uploads", "serialize", "exports", "calculators", "i18n", "settings"},
    "sharing": {"serving", "serialize", "components", "wording", "calculators", "i18n", "settings"},
    "rendering": {"components", "serving", "wording", "calculators", "facts", "i18n", "settings"},
    "serving": {"jobs", "exports", "components", "wording", "calculators", "facts", "i18n", "settings"},
    "jobs": {"serialize", "wording", "calculators", "i18n", "settings"},
    "uploads": {"wording", "calculators", "i18n", "settings"},
    "serialize": {"wording", "calculators", "i18n"},
    "exports": {"wording", "calculators", "facts", "i18n"},
    "components": {"wording", "calculators", "facts", "i18n"},
    "wording": {"calculators", "i18n"},
    "facts": {"calculators"},
    "i18n": {"calculators"},
    "calculators": set(),
}
OURS = set(ALLOWED) | {"settings"}
OUTSIDE_CALCULATORS = {"dash", "dash_private", "flask", "dash_bootstrap_components", "plotly", "werkzeug"}


def _imports(path: Path, package: str) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            found.add(package if node.level else (node.module or "").split(".")[0])
    return found


def _modules():
    for name in ("app", "i18n"):
        yield name, ROOT / f"{name}.py"
    for package in ALLOWED:
        if (ROOT / package).is_dir():
            for path in sorted((ROOT / package).glob("*.py")):
                yield package, path


def test_each_part_imports_only_the_parts_below_it():
    wrong = [
        f"{path.relative_to(ROOT)} imports {name}"
        for part, path in _modules()
        for name in sorted(_imports(path, part) & OURS - {part} - ALLOWED[part])
    ]
    assert wrong == []


def test_calculators_know_neither_dash_nor_flask():
    wrong = [
        f"{path.relative_to(ROOT)} imports {name}"
        for part, path in _modules()
        if part == "calculators"
        for name in sorted(_imports(path, part) & OUTSIDE_CALCULATORS)
    ]
    assert wrong == []


def test_the_check_sees_a_wrong_import(tmp_path):
    """The walk finds an upward import (so the tests above can fail)."""
    bad = tmp_path / "bad.py"
    bad.write_text("from pages import repayment\nimport dash\n", encoding="utf-8")
    assert {"pages", "dash"} <= _imports(bad, "calculators")


def _module_graph() -> dict[str, set[str]]:
    """Which of our modules each of our modules imports, lazy imports inside functions included."""
    graph = {}
    for part, path in _modules():
        name = (
            path.stem
            if part in ("app", "i18n")
            else part
            if path.stem == "__init__"
            else f"{part}.{path.stem}"
        )
        found = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level:
                base = part if node.level == 1 else ""
                module = f"{base}.{node.module}" if node.module else base
                found |= {module} if node.module else {f"{base}.{a.name}" for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module:
                found |= {node.module} | {f"{node.module}.{a.name}" for a in node.names}
            elif isinstance(node, ast.Import):
                found |= {a.name for a in node.names}
        graph[name] = found
    return {name: {m for m in found if m in graph and m != name} for name, found in graph.items()}


def test_no_import_cycle():
    graph, cycles = _module_graph(), []

    def visit(name, trail):
        for nxt in sorted(graph[name]):
            if nxt in trail:
                cycles.append(" -> ".join(trail[trail.index(nxt) :] + [nxt]))
            elif nxt not in seen:
                seen.add(nxt)
                visit(nxt, trail + [nxt])

    seen = set()
    for start in sorted(graph):
        if start not in seen:
            seen.add(start)
            visit(start, [start])
    assert cycles == []
