"""Month arithmetic, written once: a loan's payments fall due month by month, so its start, its
periods, a prepayment's month and a repricing day are all counted in whole months."""

from __future__ import annotations

import datetime as dt


def add_months(day: dt.date, months: int) -> dt.date:
    """The first of the month ``months`` after ``day``'s month (``months`` may be negative)."""
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def months_between(earlier: dt.date, later: dt.date) -> int:
    """How many months ``later``'s month is after ``earlier``'s (negative when before)."""
    return (later.year - earlier.year) * 12 + later.month - earlier.month
