"""The day the site answers for, from one place.

"Today" decides a lot here: the policy version in force, the month a new loan starts, the payment
due now on a loan that started years ago, the rates a past loan has been repriced to. Every one
of them reads ``today()``, so a test, a benchmark or someone reproducing an answer given on an
earlier day can fix the day once (``fix``; ``SITE_TODAY`` in settings) and every page, API answer
and pre-check row follows it. Production leaves it unset: the calendar's day in Zhuzhou (China
Standard Time), whatever the server's own time zone (a UTC host would be a day behind from
00:00 to 08:00 Beijing time).
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

ZHUZHOU = ZoneInfo("Asia/Shanghai")  # the fund's day; tzdata is pinned (constraints.txt)
_fixed: dt.date | None = None


def today() -> dt.date:
    return _fixed or dt.datetime.now(ZHUZHOU).date()


def fix(day: dt.date | str | None) -> None:
    """Answer for ``day`` from now on (an ISO date or a date); None goes back to the calendar."""
    global _fixed
    _fixed = dt.date.fromisoformat(day) if isinstance(day, str) and day else (day or None)
