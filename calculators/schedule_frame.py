"""A repayment schedule as a pandas table, month by month or summed by loan year.

The page's yearly table, the downloads and their totals all come from these frames, so what a
buyer reads and what they take away add up alike. Money stays Decimal in object columns: a sum
is exact to the fen, never a float's.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from .money import ZERO
from .months import add_months
from .repayment import Schedule

MONEY = ("payment", "principal", "interest", "prepayment", "balance")
MONTHLY = ("period", *MONEY)
YEARLY = ("year", "first", "last", "payment", "principal", "interest", "prepayment", "balance")


def month_of(start: dt.date | None, period: int) -> str:
    """'2027-01' for the period's payment month, given the first payment month."""
    if start is None:
        return ""
    return add_months(start, period - 1).strftime("%Y-%m")


def monthly(schedule: Schedule) -> pd.DataFrame:
    """One row a payment: period (from 1) and the row's amounts, balance after it."""
    return pd.DataFrame(
        [(r.period, r.payment, r.principal, r.interest, r.prepayment, r.balance) for r in schedule.rows],
        columns=list(MONTHLY),
        dtype=object,
    )


def yearly(schedule: Schedule) -> pd.DataFrame:
    """Sums by loan year (periods 1-12, 13-24, ...), the first and last period of each year and
    the balance at its end."""
    rows = monthly(schedule)
    if rows.empty:
        return pd.DataFrame(columns=list(YEARLY), dtype=object)
    rows["year"] = (rows["period"].astype(int) - 1) // 12 + 1
    years = rows.groupby("year", sort=True).agg(
        first=("period", "min"),
        last=("period", "max"),
        payment=("payment", _exact_sum),
        principal=("principal", _exact_sum),
        interest=("interest", _exact_sum),
        prepayment=("prepayment", _exact_sum),
        balance=("balance", "last"),
    )
    return years.reset_index()[list(YEARLY)].astype(object)


def totals(schedule: Schedule) -> dict:
    """The whole loan's sums: regular payments (prepayments apart), principal, interest and
    prepayments; principal and prepayments together are exactly the loan."""
    rows = monthly(schedule)
    return {name: _exact_sum(rows[name]) for name in ("payment", "principal", "interest", "prepayment")}


def _exact_sum(values: pd.Series):
    """Decimal addition, in order (pandas' own sum of an object column may take a float path)."""
    return sum(values, ZERO)
