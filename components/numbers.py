"""Numbers as people read them: 万 and 亿 in Chinese, thousands/millions/billions in English."""
from __future__ import annotations

from decimal import Decimal

from calculators.money import format_wan, format_yuan
from i18n import t

# Chinese units and the factor that turns a value in them into a plain count.
SCALE = {"wan_people": (10_000, "people"), "wan_households": (10_000, "households"),
         "wan_m2": (10_000, "m²"), "wan_times": (10_000, "times"), "wan_yuan": (10_000, "yuan"),
         "yi_yuan": (100_000_000, "yuan")}


def _trim(value: Decimal, places: int) -> str:
    text = f"{value:,.{places}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def figure_text(value: float, unit: str, lang: str, qualifier: str | None = None) -> str:
    number = Decimal(str(value))
    prefix = ""
    if qualifier == ">":
        prefix = "超过 " if lang == "zh" else "over "
    elif qualifier == "<":
        prefix = "不到 " if lang == "zh" else "under "
    if lang == "zh" or unit not in SCALE:
        suffix = t(lang, f"unit.{unit}")
        sep = "" if unit == "percent" else " "
        return f"{prefix}{_trim(number, 4)}{sep}{suffix}".strip()
    factor, word = SCALE[unit]
    plain = number * factor
    if plain >= 1_000_000_000:
        return f"{prefix}{_trim(plain / 1_000_000_000, 3)} billion {word}"
    if plain >= 1_000_000:
        return f"{prefix}{_trim(plain / 1_000_000, 3)} million {word}"
    return f"{prefix}{_trim(plain, 0)} {word}"


def yuan(amount: Decimal, lang: str, decimals: int = 2) -> str:
    text = format_yuan(amount, decimals)
    return f"{text} 元" if lang == "zh" else f"¥{text}"


def big_yuan(amount: Decimal, lang: str) -> str:
    """Loan-sized sums: '60 万元' in Chinese, '¥600,000' in English."""
    if lang == "zh":
        return f"{format_wan(amount)} 万元"
    return f"¥{format_yuan(amount, 0)}"


def percent(value: Decimal, decimals: int = 2) -> str:
    return f"{_trim(Decimal(value), decimals)}%"
