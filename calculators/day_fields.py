"""Reading days and months as people type them in forms, links and spreadsheet cells."""

from __future__ import annotations

import datetime as dt
import re

from pydantic_core import PydanticCustomError


def _fail(code: str):
    raise PydanticCustomError(code, code, {})


YEARS = (1900, 2200)  # a date outside these is a typo; month arithmetic near year 1 or 9999 overflows


def read_day(value) -> dt.date:
    if isinstance(value, dt.datetime):
        value = value.date()
    if not isinstance(value, dt.date):
        try:
            value = dt.date.fromisoformat(_iso_day(str(value).strip()))
        except ValueError:
            _fail("date")
    if not YEARS[0] <= value.year <= YEARS[1]:
        _fail("date")
    return value


_DAY = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?")


def _iso_day(text: str) -> str:
    """2026/11/30, 2026.11.30, 2026年11月30日 as 2026-11-30 (how dates are typed in lists)."""
    match = _DAY.match(text)
    if match is None:
        return text[:10]
    year, month, day = match.groups()
    return f"{year}-{int(month):02d}-{int(day):02d}"


def read_month(value) -> str:
    """A month as YYYY-MM (a date's day is dropped)."""
    try:
        month = dt.datetime.strptime(str(value).strip()[:7], "%Y-%m")
    except ValueError:
        _fail("month")
    if not YEARS[0] <= month.year <= YEARS[1]:
        _fail("month")
    return month.strftime("%Y-%m")
