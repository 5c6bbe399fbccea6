"""A prepayment as a repayment request asks for it: with which payment (its number, or the month it
falls due), how much, and what happens after (calculators/loan_request.py reads the rest)."""

from __future__ import annotations

import datetime as dt

from .errors import FieldError
from .fields import is_blank, read
from .months import add_months
from .registry import Prepayment


def prepayment(raw, nested, values, errors, day) -> tuple:
    """(month, amount, mode, part) of a prepayment, asked for by its payment number or its
    calendar month, or by an amount (forms keep a default mode even when unused); ``pay_off``
    needs no amount, one typed anyway is kept for comparison. ``part``: the part of a combination
    loan prepaid (None for a single loan)."""
    # an amount alone asks too: it gets "which payment?" rather than being silently left out
    asked = not all(is_blank(raw.get(f"prepayment.{key}")) for key in (*PREPAYMENT_WHEN, "amount"))
    if not asked and not isinstance(nested, dict):
        return None, None, None, None
    fields = {key: raw.get(f"prepayment.{key}") for key in Prepayment.model_fields}
    found, problems = read(Prepayment, fields)
    if found["mode"] != "pay_off" and is_blank(fields["amount"]):
        problems.append(FieldError("amount", "required"))
    month = _prepayment_number(fields, found, values["months"], day, problems)
    errors.extend(FieldError(f"prepayment.{p.field}", p.code, p.params) for p in problems)
    part = found["part"] if values["commercial_principal"] else None
    return month, found["amount"], found["mode"], part


PREPAYMENT_WHEN = ("month", "calendar_month")  # by payment number, or by the month it falls due


def _prepayment_number(fields, found, months, day, problems) -> int | None:
    """The payment a prepayment goes with: its number, or the number of the payment falling due in
    its calendar month (one of the two), counted from the first payment month (the one after the
    loan starts)."""
    by_number, by_month = (not is_blank(fields[key]) for key in PREPAYMENT_WHEN)
    if by_number and by_month:
        problems.append(FieldError("calendar_month", "prepay_one_of"))
        return None
    if not by_month:
        if not by_number:
            problems.append(FieldError("month", "required"))
        return found["month"]
    if found["calendar_month"] is None or day is None:
        return None
    first = add_months(day.replace(day=1), 1)
    number = payment_number(first, found["calendar_month"])
    if number < 1:
        problems.append(FieldError("calendar_month", "prepay_month_early", {"first": f"{first:%Y-%m}"}))
    elif months and number >= months:
        last, latest = add_months(first, months - 1), add_months(first, months - 2)
        params = {"last": f"{last:%Y-%m}", "latest": f"{latest:%Y-%m}"}
        problems.append(FieldError("calendar_month", "prepay_month_late", params))
    else:
        return number
    return None


def payment_number(first: dt.date, month: str) -> int:
    """The number of the payment falling due in ``month`` (YYYY-MM) when the first falls due in
    ``first``'s month: 1 for that month, 0 or less before it."""
    year, mon = (int(part) for part in month.split("-"))
    return (year - first.year) * 12 + mon - first.month + 1
