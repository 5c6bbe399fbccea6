"""Parse raw values (JSON, query strings, spreadsheet cells) into typed inputs.

One vocabulary for the API, the calculator pages' query strings and batch upload columns. Each
parser collects FieldErrors instead of failing on the first, so a form can mark every bad field.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from .errors import FieldError
from .money import WAN, to_decimal

# Bounds checked BEFORE any arithmetic: Decimal("1e1000000") is cheap to build, but int() of it,
# or multiplying it, costs seconds of CPU and gigabytes; "1e-30" divides by zero downstream.
MAX_TEXT = 64          # characters of a number as text ("1,000,000,000.00" is 16)
MAX_MAGNITUDE = 15     # adjusted exponent: |value| < 10**16, far above any field's maximum
MIN_MAGNITUDE = -8     # a non-zero value below 1e-8 is refused (not silently rounded to 0)


class _TooLarge(ValueError):
    pass


class _TooSmall(ValueError):
    pass


def bounded_decimal(value) -> Decimal:
    """``to_decimal`` with size checks first; raises InvalidOperation/ValueError subclasses."""
    if isinstance(value, str) and len(value) > MAX_TEXT:
        raise InvalidOperation("number text too long")
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 64:
        raise _TooLarge()
    number = to_decimal(value)
    if number:
        if number.adjusted() > MAX_MAGNITUDE:
            raise _TooLarge()
        if number.adjusted() < MIN_MAGNITUDE:
            raise _TooSmall()
    return number

TRUE_WORDS = {"true", "1", "yes", "y", "on", "是", "有", "√"}
FALSE_WORDS = {"false", "0", "no", "n", "off", "否", "无", "", "×"}


def is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


SHOWN_CHARS = 40  # of a refused value quoted back in its message


def shown(value) -> str:
    """A refused value as its message quotes it: whole floats without ".0", long text cut."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e16:
        value = int(value)
    text = str(value).strip()
    return text if len(text) <= SHOWN_CHARS else text[:SHOWN_CHARS - 1] + "…"


class Collector:
    """Reads fields from a mapping and remembers every problem."""

    def __init__(self, data: dict):
        self.data = data if isinstance(data, dict) else {}
        self.errors: list[FieldError] = []

    def _fail(self, name, code, params=None) -> None:
        """Note an error on ``name``; the value as given goes along (``value``), so a message can
        quote what it refuses (the spreadsheet pre-check and the API do)."""
        params = dict(params or {})
        value = self.data.get(name)
        if not is_blank(value):
            params["value"] = shown(value)
        self.errors.append(FieldError(name, code, params))

    def _raw(self, name, default, required):
        value = self.data.get(name)
        if is_blank(value):
            if required:
                self.errors.append(FieldError(name, "required"))
            return None, True
        return value, False

    def _bounded(self, name, text, lo, hi, scale=1, bad="number") -> Decimal | None:
        """A number within [lo, hi] (after ``scale``), or None with the field's error noted;
        its size is checked before any arithmetic (see bounded_decimal)."""
        try:
            number = bounded_decimal(text) * scale
        except _TooLarge:
            self._fail(name, "range", {"min": lo, "max": hi})
            return None
        except _TooSmall:
            self._fail(name, "tiny", {"min": "0.00000001"})
            return None
        except (InvalidOperation, ValueError):
            self._fail(name, bad)
            return None
        if not Decimal(str(lo)) <= number <= Decimal(str(hi)):
            self._fail(name, "range", {"min": lo, "max": hi})
            return None
        return number

    def money(self, name, lo, hi, *, default=None, required=True) -> Decimal | None:
        """Yuan; also accepts '60万' / '60 万元' and thousands separators."""
        value, blank = self._raw(name, default, required and default is None)
        if blank:
            return None if default is None else Decimal(default)
        if isinstance(value, str):
            text = value.strip().replace("元", "").replace(" ", "")
            if text.endswith("万"):
                return self._bounded(name, text[:-1], lo, hi, scale=WAN)
            return self._bounded(name, text, lo, hi)
        return self._bounded(name, value, lo, hi)

    def decimal(self, name, lo, hi, *, default=None, required=True) -> Decimal | None:
        """A percentage (rates, down payments): its message's example is one (3.1)."""
        value, blank = self._raw(name, default, required and default is None)
        if blank:
            return None if default is None else Decimal(str(default))
        text = value.replace("%", "") if isinstance(value, str) else value
        return self._bounded(name, text, lo, hi, bad="number_percent")

    def integer(self, name, lo, hi, *, default=None, required=True) -> int | None:
        value, blank = self._raw(name, default, required and default is None)
        if blank:
            return default
        try:
            number = bounded_decimal(value)
            if number != number.to_integral_value():
                raise ValueError
            number = int(number)  # safe: at most 16 digits
        except _TooLarge:
            self._fail(name, "range", {"min": lo, "max": hi})
            return None
        except (InvalidOperation, ValueError):
            self._fail(name, "integer")
            return None
        if not lo <= number <= hi:
            self._fail(name, "range", {"min": lo, "max": hi})
            return None
        return number

    def choice(self, name, choices, *, default=None, aliases=None) -> str | None:
        value, blank = self._raw(name, default, default is None)
        if blank:
            return default
        text = str(value).strip()
        text = (aliases or {}).get(text, text)
        if text not in choices:
            self._fail(name, "choice", {"choices": ", ".join(choices)})
            return None
        return text

    def boolean(self, name, *, default=False) -> bool | None:
        value = self.data.get(name)
        if value is None:
            return default
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in TRUE_WORDS:
            return True
        if text in FALSE_WORDS:
            return False
        self._fail(name, "boolean")
        return None

    def date(self, name, *, default: dt.date) -> dt.date | None:
        value = self.data.get(name)
        if is_blank(value):
            return default
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value).strip()[:10])
        except ValueError:
            self._fail(name, "date")
            return None
