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


def test_a_link_naming_the_language_twice_is_one_language_throughout(client):
    """?lang=en&lang=zh: the last counts for the page's words, its <html lang> and its menus."""
    import re

    for query, lang, words in (
        ("?lang=en&lang=zh", "zh-CN", "还款方式"),
        ("?lang=zh&lang=en", "en", "Repayment method"),
    ):
        page = client.get("/calculators/repayment" + query).data.decode()
        server_page = page[page.index('id="ssr-page"') : page.index('id="react-entry-point"')]
        assert re.search(r'<html lang="([^"]+)"', page)[1] == lang and words in server_page


def test_today_is_the_day_in_zhuzhou_whatever_the_servers_zone(monkeypatch):
    import datetime as dt

    from calculators import clock

    class Evening(dt.datetime):  # 20:00 UTC on 5 December is 04:00 on 6 December in Zhuzhou
        @classmethod
        def now(cls, tz=None):
            return dt.datetime(2026, 12, 5, 20, 0, tzinfo=dt.UTC).astimezone(tz)

    monkeypatch.setattr(clock.dt, "datetime", Evening)
    saved = clock._fixed
    clock.fix(None)
    try:
        assert clock.today() == dt.date(2026, 12, 6)
    finally:
        clock.fix(saved)
