"""Numbers, sums, lists and the language: Babel formats, the catalog holds each language's patterns,
and no view branches on the language."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import pytest

from i18n import choice_words, join
from wording.numbers import amount, big_yuan, date_text, figure_text, percent, yuan

ROOT = Path(__file__).resolve().parent.parent
LANGUAGE_BRANCH = re.compile(r'[!=]= "(zh|en)"')


def test_no_view_branches_on_the_language():
    """Words, separators and number patterns come from the catalog and Babel, not from if lang == ..."""
    files = [ROOT / "app.py"] + [
        p
        for d in (
            "pages",
            "components",
            "wording",
            "serialize",
            "exports",
            "rendering",
            "sharing",
            "serving",
            "api",
        )
        for p in (ROOT / d).rglob("*.py")
    ]
    found = [
        f"{p.relative_to(ROOT)}:{n}: {line.strip()}"
        for p in files
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if LANGUAGE_BRANCH.search(line)
    ]
    assert found == []


@pytest.mark.parametrize(
    "value, zh, en, zh_big, en_big",
    [
        ("0", "0.00 元", "¥0.00", "0 万元", "¥0"),
        ("0.5", "0.50 元", "¥0.50", "0 万元", "¥1"),  # half-up, as the calculators round
        ("123456.78", "123,456.78 元", "¥123,456.78", "12.35 万元", "¥123,457"),
        ("1e8", "100,000,000.00 元", "¥100,000,000.00", "10000 万元", "¥100,000,000"),
        ("600000", "600,000.00 元", "¥600,000.00", "60 万元", "¥600,000"),
        ("655000", "655,000.00 元", "¥655,000.00", "65.5 万元", "¥655,000"),
        ("-5", "-5.00 元", "¥-5.00", "-0 万元", "¥-5"),
    ],
)
def test_sums_in_both_languages(value, zh, en, zh_big, en_big):
    number = Decimal(value)
    assert (yuan(number, "zh"), yuan(number, "en")) == (zh, en)
    assert (big_yuan(number, "zh"), big_yuan(number, "en")) == (zh_big, en_big)
    assert amount(number) == zh.removesuffix(" 元")
    assert yuan(number, "en", 0) == en_big


def test_figures_percent_dates_and_lists():
    assert figure_text(12.5, "wan_people", "zh") == "12.5 万人"
    assert figure_text(12.5, "wan_people", "en") == "125,000 people"
    assert figure_text(1234.5, "yi_yuan", "en", ">") == "over 123.45 billion yuan"
    assert figure_text(0.5, "wan_people", "en", "<") == "under 5,000 people"
    assert figure_text(98.6, "percent", "zh", "<") == "不到 98.6%"
    assert (percent(Decimal("3.10")), percent(Decimal("3.125"), 3), percent(Decimal("0"))) == (
        "3.1%",
        "3.125%",
        "0%",
    )
    assert date_text(dt.date(2024, 5, 8), "zh") == date_text(dt.date(2024, 5, 8), "en") == "2024-05-08"
    assert join("zh", ["甲", "乙", "丙"]) == "甲、乙、丙" and join("en", ["a", "b", "c"]) == "a, b, c"
    assert choice_words("method", "zh") == "等额本息 (equal_installment)、等额本金 (equal_principal)"
