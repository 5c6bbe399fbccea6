"""The language catalogs: the same keys in both languages, a message for every code the calculators
emit, templates that format numbers, links that keep the language."""

import re
from pathlib import Path

import i18n

ROOT = Path(__file__).resolve().parent.parent


def test_catalogs_have_the_same_keys():
    assert set(i18n.catalog("zh")) == set(i18n.catalog("en"))


def test_every_code_the_calculators_emit_has_a_message():
    codes = set()
    for path in (ROOT / "calculators").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        codes |= {("error", c) for c in re.findall(r'FieldError\([^,]+,\s*"(\w+)"', text)}
        codes |= {("note", c) for c in re.findall(r'Note\("(\w+)"', text)}
    codes |= {("error", c) for c in ("required", "number", "integer", "range", "choice", "boolean", "date")}
    for lang in i18n.LANGS:
        missing = [f"{p}.{c}" for p, c in codes if not i18n.has(lang, f"{p}.{c}")]
        assert not missing, (lang, missing)


def test_templates_format_with_decimals():
    from decimal import Decimal

    text = i18n.t(
        "zh",
        "check.capacity_ok",
        capacity=Decimal("6000"),
        ratio=Decimal("0.5"),
        income=Decimal(1),
        debt=Decimal(0),
    )
    assert "6,000.00" in text and "50%" in text


def test_href_keeps_language():
    assert i18n.href("/policy", "zh") == "/policy"
    assert i18n.href("/policy", "en") == "/policy?lang=en"
    assert i18n.href("/q", "en", age=30) == "/q?age=30&lang=en"
