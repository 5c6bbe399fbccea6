"""What the OpenAPI document states about dates, months and "left out", so that it says no more
and no less than the server accepts (schemathesis checks both ways).

A date before the first policy version is refused (there is no rule to apply), and so is a first
payment month whose loan would start before it; JSON Schema has no minimum for a date string, so
the bound is a pattern, built here from the policy data rather than written by hand. A field that
is not required may be sent as null or "", which read as left out.
"""

from __future__ import annotations

import datetime as dt

from calculators.day_fields import YEARS
from calculators.loan_request import loan_start
from calculators.months import add_months
from calculators.policy_files import default_policy

DIGIT = r"\d"
MONTH = "(0[1-9]|1[0-2])"


def _cls(lo: int, hi: int) -> str:
    return str(lo) if lo == hi else f"[{lo}-{hi}]"


def _ge(s: str) -> str:
    """Fixed-width digit strings >= s."""
    alts = [s] + [s[:i] + _cls(int(d) + 1, 9) + DIGIT * (len(s) - i - 1) for i, d in enumerate(s) if d != "9"]
    return alts[0] if len(alts) == 1 else "(" + "|".join(alts) + ")"


def _le(s: str) -> str:
    """Fixed-width digit strings <= s."""
    alts = [s] + [s[:i] + _cls(0, int(d) - 1) + DIGIT * (len(s) - i - 1) for i, d in enumerate(s) if d != "0"]
    return alts[0] if len(alts) == 1 else "(" + "|".join(alts) + ")"


def between(lo: int, hi: int, width: int) -> str:
    """A regex for the numbers lo..hi written with ``width`` digits."""
    a, b = f"{lo:0{width}d}", f"{hi:0{width}d}"
    if a == b:
        return a
    i = next(k for k in range(width) if a[k] != b[k])
    head, a, b = a[:i], a[i:], b[i:]
    if len(a) == 1:
        return head + _cls(int(a), int(b))
    alts = [a[0] + _ge(a[1:])]
    if int(b[0]) - int(a[0]) > 1:
        alts.append(_cls(int(a[0]) + 1, int(b[0]) - 1) + DIGIT * (len(a) - 1))
    alts.append(b[0] + _le(b[1:]))
    return head + "(" + "|".join(alts) + ")"


def date_pattern(first: dt.date, last_year: int = YEARS[1]) -> str:
    """Dates from ``first`` to the end of ``last_year`` (the format "date" keeps them real days)."""
    y, m = first.year, first.month
    alts = [f"{y}-{m:02d}-{between(first.day, 31, 2)}"]
    if m < 12:
        alts.append(f"{y}-{between(m + 1, 12, 2)}-{DIGIT * 2}")
    if y < last_year:
        alts.append(f"{between(y + 1, last_year, 4)}-{DIGIT * 2}-{DIGIT * 2}")
    return "^(" + "|".join(alts) + ")$"


def month_pattern(first: dt.date, last_year: int = YEARS[1]) -> str:
    """Months YYYY-MM from ``first``'s month to the end of ``last_year``."""
    y, m = first.year, first.month
    alts = [f"{y}-{between(m, 12, 2)}"]
    if y < last_year:
        alts.append(f"{between(y + 1, last_year, 4)}-{MONTH}")
    return "^(" + "|".join(alts) + ")$"


def first_day() -> dt.date:
    return default_policy().versions[0].effective


def first_payment_month() -> dt.date:
    """The earliest first-payment month whose loan starts on or after the first policy version."""
    month = first_day().replace(day=1)
    while loan_start(month.strftime("%Y-%m")) < first_day():
        month = add_months(month, 1)
    return month


def bound(schema):
    """The schema with every date and month bounded, walked in place; returns it."""
    if isinstance(schema, dict):
        if schema.get("format") == "date" and schema.get("type") == "string":
            schema["pattern"] = date_pattern(first_day())
        elif str(schema.get("pattern", "")).endswith("-(0[1-9]|1[0-2])$"):
            schema["pattern"] = month_pattern(first_payment_month())
        for value in schema.values():
            bound(value)
    elif isinstance(schema, list):
        for value in schema:
            bound(value)
    return schema


def may_be_left_out(prop: dict) -> dict:
    """A property that is not required: besides its own values, null and "" read as left out
    (the registry's rule for a blank field: its default)."""
    return {"anyOf": [prop, {"type": "null"}, {"const": ""}]}
