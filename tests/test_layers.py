"""The house's layers (docs/ARCHITECTURE.md): each package imports only the ones below it, so a
change to a page cannot reach the calculators and the calculators never see Dash or Flask."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# What each part may import (besides itself and outside packages).
ALLOWED = {
    "app": {"pages", "api", "serving", "exports", "components", "calculators", "facts", "i18n", "settings"},
    "pages": {"components", "serving", "exports", "calculators", "facts", "i18n", "settings"},
    "api": {"serving", "exports", "calculators", "i18n", "settings"},
    "serving": {"components", "exports", "calculators", "facts", "i18n", "settings"},
    "exports": {"components", "calculators", "facts", "i18n"},
    "components": {"calculators", "facts", "i18n"},
    "facts": {"calculators"},
    "i18n": {"calculators"},
    "calculators": set(),
}
OURS = set(ALLOWED) | {"settings"}
OUTSIDE_CALCULATORS = {"dash", "flask", "dash_bootstrap_components", "plotly", "werkzeug"}


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
    for package in ("pages", "api", "serving", "exports", "components", "facts", "calculators"):
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
