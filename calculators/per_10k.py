"""每万元月供: the monthly payment on 10,000 yuan for each whole term from 1 to 30 years at the HPF
rates of one policy version — the table fund centres publish — for the first and the second home,
both methods (等额本金: its first, highest payment)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .loan_request import default_rate
from .money import fen
from .policy import PolicyVersion
from .repayment import level_payment, monthly_rate

TEN_THOUSAND = Decimal(10_000)
YEARS = range(1, 31)
HOMES = (1, 2)


@dataclass(frozen=True)
class Per10kRow:
    years: int
    rates: dict  # home number -> annual rate in percent
    installment: dict  # home number -> 等额本息 payment
    principal_first: dict  # home number -> 等额本金 first payment


def first_principal_payment(rate: Decimal, months: int) -> Decimal:
    """等额本金's first payment on 10,000 as the calculator's schedule has it: the principal part
    and the interest part each rounded to the fen, then added (852.91 for a year at 2.35 %; the sum
    rounded once would say 852.92)."""
    return fen(TEN_THOUSAND / months) + fen(TEN_THOUSAND * monthly_rate(rate))


def per_10k(version: PolicyVersion) -> list[Per10kRow]:
    rows = []
    for years in YEARS:
        months = years * 12
        rates = {home: default_rate(version, home, months)[1] for home in HOMES}
        rows.append(
            Per10kRow(
                years,
                rates,
                {home: level_payment(TEN_THOUSAND, rate, months) for home, rate in rates.items()},
                {home: first_principal_payment(rate, months) for home, rate in rates.items()},
            )
        )
    return rows
