"""The house stays changeable: no function above radon's grade C (cyclomatic complexity 20), no
production module much over 350 lines, no page module much over 300 (docs/ARCHITECTURE.md)."""

from pathlib import Path

from radon.complexity import cc_rank, cc_visit

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("api", "calculators", "components", "exports", "facts", "jobs", "pages", "rendering", "serialize")
PACKAGES += ("serving", "sharing", "uploads", "wording")
PRODUCTION = [ROOT / "app.py", ROOT / "i18n.py", ROOT / "settings.py", ROOT / "dash_private.py"] + [
    p for d in PACKAGES for p in sorted((ROOT / d).glob("*.py"))
]
MODULE_LINES = 360  # "about 350"
PAGE_LINES = 310  # "about 300"


def test_no_function_above_grade_c():
    found = [
        f"{path.relative_to(ROOT)}:{block.lineno} {block.fullname} {cc_rank(block.complexity)}"
        f" ({block.complexity})"
        for path in PRODUCTION
        for block in cc_visit(path.read_text(encoding="utf-8"))
        if block.complexity > 20
    ]
    assert found == []


def test_modules_stay_small():
    sizes = {
        path.relative_to(ROOT): len(path.read_text(encoding="utf-8").splitlines()) for path in PRODUCTION
    }
    too_big = {
        str(p): n for p, n in sizes.items() if n > (PAGE_LINES if p.parts[0] == "pages" else MODULE_LINES)
    }
    assert too_big == {}


def test_the_grade_check_sees_a_tangled_function():
    tangled = "def f(x):\n" + "".join(
        f"    if x == {i} or x == -{i}:\n        return {i}\n" for i in range(12)
    )
    assert max(block.complexity for block in cc_visit(tangled)) > 20


def _model_fields() -> set[str]:
    """The fields of the site's pydantic models (the registry's, the API's answers'): pydantic
    reads and writes them, which vulture cannot see."""
    from pydantic import BaseModel

    from api import answer_models, precheck_answer, quota_answer, repayment_answer
    from calculators import registry

    modules = (answer_models, precheck_answer, quota_answer, repayment_answer, registry)
    return {
        name
        for module in modules
        for model in vars(module).values()
        if isinstance(model, type) and issubclass(model, BaseModel)
        for name in model.model_fields
    }


def test_no_dead_code():
    """vulture over the production code: whatever it finds unused is either gone or named, with
    why, in scripts/vulture_allow.py (routes and callbacks are registered by their decorators)."""
    import subprocess
    import sys

    decorators = "@*.get,@*.post,@*.route,@*.before_request,@callback,@dash.callback,@*.errorhandler,@*.after_request,@property"
    found = subprocess.run(
        [sys.executable, "-m", "vulture", *(str(p) for p in PRODUCTION), "scripts/vulture_allow.py"]
        + ["--min-confidence", "60", "--ignore-decorators", decorators]
        + ["--ignore-names", ",".join(sorted(_model_fields()))],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert found.stdout == "" and found.returncode == 0, found.stdout + found.stderr
