"""An existing loan through every rate change (FACTS 5a).

HPF loans over one year are repriced on 1 January after each national rate change: the contract
rate holds until then, and the payment is recomputed from the balance and the months left. A loan
of one year or less keeps its contract rate. The commercial part of a combination loan is repriced
to the latest 5-year LPR plus its fixed basis points on its repricing day (1 January by default, or
the loan's anniversary).

Which payment first carries a new rate is the site's reading (not published): the first payment
falling due on or after the repricing day. Period k falls due k months after the loan starts (the
loan starts on the first day of the month before its first payment).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

from .months import add_months
from .repayment import Row, Schedule, _part, schedule

JANUARY = "january"  # repricing day: 1 January each year
ANNIVERSARY = "anniversary"  # the day the loan started, each year
REPRICING_DAYS = (JANUARY, ANNIVERSARY)
FIXED_UP_TO_MONTHS = 12  # loans of one year or less keep their contract rate


@dataclass(frozen=True)
class RatePeriod:
    """From which payment (and its due date) a rate holds, and the payment it gives."""

    from_period: int
    from_date: dt.date
    annual_rate: Decimal
    payment: Decimal


def repricing_days(start: dt.date, months: int, kind: str = JANUARY) -> list[dt.date]:
    """Every repricing day within the loan's life, in order."""
    end = add_months(start, months)
    if kind == ANNIVERSARY:
        days = [_same_day(start, start.year + n) for n in range(1, months // 12 + 2)]
    else:
        days = [dt.date(year, 1, 1) for year in range(start.year + 1, end.year + 1)]
    return [d for d in days if start < d <= end]


def _same_day(start: dt.date, year: int) -> dt.date:
    try:
        return start.replace(year=year)
    except ValueError:  # 29 February
        return dt.date(year, 3, 1)


def rate_changes(
    start: dt.date,
    months: int,
    contract_rate: Decimal,
    rate_on: Callable[[dt.date], Decimal | None],
    days: Iterable[dt.date],
) -> list[tuple[int, Decimal]]:
    """(first period, rate) for the contract rate and each change on a repricing day: the rate in
    force the day before it, so a change taking effect on a 1 January itself reaches existing loans
    on the next one (次年1月1日), as a change during the year does."""
    changes = [(1, contract_rate)]
    if months <= FIXED_UP_TO_MONTHS:
        return changes
    for day in days:
        rate = rate_on(day - dt.timedelta(days=1))
        if rate is None or rate == changes[-1][1]:
            continue
        period = next((k for k in range(1, months + 1) if add_months(start, k) >= day), None)
        if period is None or period == 1:
            continue
        changes.append((period, rate))
    return changes


def repriced(
    principal: Decimal, months: int, method: str, start: dt.date, changes
) -> tuple[Schedule, list[RatePeriod]]:
    """The schedule when the rate changes at the given periods: each rate's payment recomputed
    from the balance then and the months left (等额本金: the balance spread over them again)."""
    if len(changes) == 1:
        whole = schedule(principal, changes[0][1], months, method)
        return whole, [RatePeriod(1, add_months(start, 1), changes[0][1], whole.first_payment)]
    rows: list[Row] = []
    periods = []
    balance = Decimal(principal)
    for i, (first, rate) in enumerate(changes):
        if balance == 0:
            break
        until = changes[i + 1][0] - 1 if i + 1 < len(changes) else months
        part = _part(balance, rate, first, months, method)[: until - first + 1]
        if not part:
            break
        periods.append(RatePeriod(first, add_months(start, first), rate, part[0].payment))
        rows.extend(part)
        balance = part[-1].balance
    return Schedule(Decimal(principal), months, method, tuple(rows)), periods
