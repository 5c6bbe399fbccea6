"""Numbers as people read them, in one place: Babel (CLDR) writes digits, separators and currency
patterns; the catalog (format.*) holds each language's patterns, so no caller branches on the
language. On top sit the site's units: 万/亿 in Chinese, thousands/millions/billions in English.

Sums are rounded half-up to the shown digit here first (Babel rounds half-even); figures and
percentages keep the half-even rounding they always had.
"""

from __future__ import annotations

import copy
import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from babel.dates import format_date
from babel.numbers import format_currency, format_decimal, parse_pattern

from i18n import DEFAULT_LANG, normalize_lang, t

BABEL_LOCALE = {"zh": "zh_Hans_CN", "en": "en"}
YUAN_PER = {"yuan": 1, "wan_yuan": 10_000, "yi_yuan": 100_000_000}  # what one unit of a sum is worth
# Chinese units and the factor that turns a value in them into a plain count.
SCALE = {
    "wan_people": (10_000, "people"),
    "wan_households": (10_000, "households"),
    "wan_m2": (10_000, "m²"),
    "wan_times": (10_000, "times"),
    "wan_transactions": (10_000, "transactions"),
    "wan_yuan": (10_000, "yuan"),
    "yi_yuan": (100_000_000, "yuan"),
}
# Charts of plain counts: the published unit's value times factor, in the named unit (catalog key).
CHART_SCALE = {
    "yi_yuan": (Decimal("0.1"), "public.chart_unit_billion_yuan"),
    "wan_people": (Decimal(10), "public.chart_unit_thousand_people"),
    "wan_yuan": (Decimal(10), "public.chart_unit_thousand_yuan"),
}


def _locale(lang: str) -> str:
    return BABEL_LOCALE[normalize_lang(lang)]


def _plain_counts(lang: str) -> bool:
    return t(lang, "format.counts") == "plain"


def _trim(value: Decimal, places: int, lang: str = DEFAULT_LANG) -> str:
    """Grouped, at most ``places`` decimals, trailing zeros dropped: 1,234.5."""
    return format_decimal(
        value, format="#,##0" + ("." + "#" * places if places else ""), locale=_locale(lang)
    )


def _half_up(value, places: int) -> Decimal:
    return Decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


@lru_cache(maxsize=64)
def _pattern(lang: str, key: str, places: int | None):
    """The catalog's pattern, parsed once; ``places`` overrides its decimals."""
    pattern = parse_pattern(t(lang, key))
    if places is not None:
        pattern = copy.copy(pattern)
        pattern.frac_prec = (places, places)
    return pattern


def _sum(amount, lang: str, key: str, places: int | None = None) -> str:
    """A sum in the catalog's currency pattern, rounded half-up to its last digit."""
    pattern = _pattern(normalize_lang(lang), key, places)
    rounded = _half_up(amount, pattern.frac_prec[1])
    return format_currency(rounded, "CNY", format=pattern, locale=_locale(lang), currency_digits=False)


def amount(value, places: int = 2) -> str:
    """A sum without its unit, for table cells and chart descriptions: 2,562.10."""
    pattern = "#,##0" + ("." + "0" * places if places else "")
    return format_decimal(_half_up(value, places), format=pattern, locale=_locale(DEFAULT_LANG))


def yuan(amount: Decimal, lang: str, decimals: int = 2) -> str:
    """Sums to the fen: '2,562.10 元' in Chinese, '¥2,562.10' in English."""
    return _sum(amount, lang, "format.yuan", decimals)


def big_unit(lang: str) -> tuple[int, str]:
    """The unit loan-sized sums are read in: (yuan per unit, unit code) — 万元 or yuan."""
    unit = t(lang, "format.big_unit")
    return YUAN_PER[unit], unit


def big_yuan(amount: Decimal, lang: str) -> str:
    """Loan-sized sums: '60 万元' in Chinese, '¥600,000' in English."""
    per = big_unit(lang)[0]
    return _sum(Decimal(amount) / per if per != 1 else amount, lang, "format.big_yuan")


def percent(value: Decimal, decimals: int = 2) -> str:
    return f"{_trim(Decimal(value), decimals)}%"


def figure_text(value: float, unit: str, lang: str, qualifier: str | None = None) -> str:
    """A published figure: '12.5 万人' as published in Chinese, '125,000 people' in English."""
    number = Decimal(str(value))
    if not _plain_counts(lang) or unit not in SCALE:
        sep = "" if unit == "percent" else " "
        text = f"{_trim(number, 4, lang)}{sep}{t(lang, f'unit.{unit}')}"
    else:
        factor, word = SCALE[unit]
        plain = number * factor
        if plain >= 1_000_000_000:
            text = f"{_trim(plain / 1_000_000_000, 3, lang)} billion {word}"
        elif plain >= 1_000_000:
            text = f"{_trim(plain / 1_000_000, 3, lang)} million {word}"
        else:
            text = f"{_trim(plain, 0, lang)} {word}"
    if qualifier in (">", "<"):
        text = t(lang, "format.over" if qualifier == ">" else "format.under", value=text)
    return text.strip()


def chart_scale(unit: str, lang: str) -> tuple[Decimal, str]:
    """A chart's factor and axis title: plain counts in thousands/billions, else the published unit."""
    if _plain_counts(lang) and unit in CHART_SCALE:
        factor, key = CHART_SCALE[unit]
        return factor, t(lang, key)
    return Decimal(1), t(lang, f"unit.{unit}")


def bar_text(value: Decimal, lang: str, over: bool = False) -> str:
    """A bar's bare number (the axis names the unit); a lower bound keeps its word."""
    text = _trim(value, 2, lang)
    return t(lang, "format.chart_over", value=text) if over else text


def date_text(day: dt.date, lang: str) -> str:
    return format_date(day, t(lang, "format.date"), locale=_locale(lang))


def term_text(months: int, lang: str) -> str:
    """A loan's term as people say it: "30 年" when whole years, "246 个月" otherwise."""
    if months % 12 == 0:
        return t(lang, "repayment.n_years", n=months // 12)
    return t(lang, "repayment.n_months", n=months)
