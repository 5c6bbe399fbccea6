"""Units in a client list, read from what the consultant wrote and never from a number's size.

A header may carry a unit ("公积金余额(万元)", "缴存年限（年）") and so may a cell ("5万", "¥45,000",
"8千", "1.2w", "3年", "24个月", "35岁", "六万"). The cell's own unit decides, then the column's, and a
bare number takes the field's own unit: yuan for money, months for contributions, years for the
term. 120 in a price column without a unit is 120 yuan (and refused as too small, with a hint),
not a guess of 120万. A cell is turned into the value the registry's reader takes in the API's
unit; the reader then checks it like any other input, so bounds and messages stay in one place.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

# Written unit -> (dimension, factor to the dimension's base unit). Keys are NFKC-folded, lower case.
UNITS = {
    "元": ("money", 1),
    "yuan": ("money", 1),
    "rmb": ("money", 1),
    "cny": ("money", 1),
    "千": ("money", 1000),
    "千元": ("money", 1000),
    "k": ("money", 1000),
    "万": ("money", 10000),
    "万元": ("money", 10000),
    "w": ("money", 10000),
    "亿": ("money", 100_000_000),
    "亿元": ("money", 100_000_000),
    "个月": ("months", 1),
    "月": ("months", 1),
    "months": ("months", 1),
    "month": ("months", 1),
    "年": ("years", 1),
    "years": ("years", 1),
    "year": ("years", 1),
    "岁": ("age", 1),
    "周岁": ("age", 1),
    "套": ("count", 1),
    "个": ("count", 1),
    "人": ("count", 1),
}
# What each field measures, and the written dimensions it takes (contributions in years are x12).
ACCEPTS = {  # written dimension -> (multiply, divide)
    "money": {"money": (1, 1)},
    "months": {"months": (1, 1), "years": (12, 1)},
    "years": {"years": (1, 1), "months": (1, 12)},
    "age": {"age": (1, 1), "years": (1, 1)},
    "count": {"count": (1, 1)},
}
# A dash, slash or "none" in a number column is an empty cell: the field's default applies (and
# is said), or the row is told the value is missing.
BLANK_WORDS = frozenset({"-", "--", "—", "——", "/", "\\", "无", "没有", "暂无", "n/a", "na", "none", "null"})
CURRENCY = ("¥", "￥", "rmb", "cny")
DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
POWERS = {"十": 10, "百": 100, "千": 1000}
BIG = {"万": 10_000, "亿": 100_000_000}
MAX_CELL = 40  # characters of a number cell worth parsing; a longer one is quoted back as it is

_NUMBER = re.compile(r"^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(.*)$")
_GROUPED = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?")
_YEARS_MONTHS = re.compile(r"^(\d+)年(?:(\d+)个?月)?$")


class CellError(ValueError):
    """A cell whose unit does not fit its field; ``code`` is a message key (error.<code>)."""

    def __init__(self, code: str, **params):
        self.code = code
        self.params = params
        super().__init__(code)


def fold(text) -> str:
    """Full-width to half-width (NFKC), no spaces, lower case: how headers and cells compare."""
    return "".join(unicodedata.normalize("NFKC", str(text)).split()).lower()


def unit_of(text) -> tuple[str, int] | None:
    """(dimension, factor) of a unit as written in a header ("万元", "单位：元", "月"), or None."""
    key = fold(text).removeprefix("单位").lstrip(":")
    return UNITS.get(key)


def chinese_number(text: str) -> Decimal | None:
    """六万 -> 60000, 一百二十万 -> 1200000, 三千五 -> 3500, 一万二 -> 12000; None when not one."""
    if not text or any(c not in DIGITS and c not in POWERS and c not in BIG for c in text):
        return None
    total, section, digit, last_power = 0, 0, None, 1
    for char in text:
        if char in DIGITS:
            if digit is not None:
                return None  # two digits in a row ("一二") are not a number
            digit = DIGITS[char]
        elif char in POWERS:
            section += (1 if digit is None else digit) * POWERS[char]
            digit, last_power = None, POWERS[char]
        else:
            section += digit or 0
            total += section * BIG[char]
            section, digit, last_power = 0, None, BIG[char]
    if digit is not None:  # a trailing digit: 三千五 is 3,500 and 一万二 is 12,000
        section += digit * (last_power // 10 if last_power >= 10 else 1)
    return Decimal(total + section)


def _split(text: str) -> tuple[Decimal, str] | None:
    """(number, the unit written after it) of a cell such as "¥45,000", "1.2万", "24个月"."""
    for sign in CURRENCY:
        text = text.removeprefix(sign)
    if _GROUPED.match(text):
        text = text.replace(",", "")
    match = _NUMBER.match(text)
    if match:
        try:
            return Decimal(match.group(1)), match.group(2)
        except InvalidOperation:
            return None
    for end in range(len(text), 0, -1):  # the longest Chinese numeral at the start
        number = chinese_number(text[:end])
        if number is not None:
            rest = text[end:]
            # 五万, 一百二十万 name their amount in full, as "5万" does: the 万 is written, so
            # the column's 万元 does not multiply it again
            if not rest and any(c in BIG for c in text[:end]):
                rest = "元"
            return number, rest
    return None


def read_cell(raw, measure: str, column_unit: tuple[str, int] | None):
    """The cell as the registry's reader takes it, in the field's API unit. ``measure``: what the
    field measures (a key of ACCEPTS). Text that is not a number is returned as it is, so the
    reader refuses it quoting the cell; a unit that does not fit the field raises CellError."""
    if raw is None or isinstance(raw, bool):
        return raw
    if isinstance(raw, (int, float)):
        number, written = Decimal(str(raw)), ""
        if not number.is_finite():
            return raw
    else:
        text = fold(raw)
        if text in BLANK_WORDS or not text:
            return None
        if len(text) > MAX_CELL:
            return raw
        years_months = _YEARS_MONTHS.match(text)
        if years_months and measure == "months":
            return int(years_months.group(1)) * 12 + int(years_months.group(2) or 0)
        parts = _split(text)
        if parts is None:
            return raw
        number, written = parts
        if written.startswith(("万", "千", "亿")):  # 120万元整 is 120万
            written = written.removesuffix("整").removesuffix("元")
        if measure == "money":  # 8,000元/月 in a monthly column: the month is the field's own
            written = written.removesuffix("/月").removesuffix("每月")
    unit = UNITS.get(written) if written else column_unit
    if written and unit is None:  # 80万左右, 8000-10000: not a figure to compute with
        raise CellError("cell_unreadable", value=str(raw).strip())
    if unit is None:
        return _plain(number)
    dimension, factor = unit
    scale = ACCEPTS[measure].get(dimension)
    if scale is None:
        raise CellError("cell_unit", value=str(raw).strip())
    multiply, divide = scale
    return _plain(number * factor * multiply / divide)


def _plain(number: Decimal):
    """A whole number as int, else the Decimal as fixed-point text (never an exponent)."""
    if number == number.to_integral_value():
        return int(number)
    return format(number.normalize(), "f")
