"""How much home the buyer can afford, and what the buyer must bring for a given home.

The quota depends on the price only through the loan-to-value cap, so the highest price is where
the cash just covers price − quota(price). That difference never falls as the price rises, so a
search over whole hundreds of yuan finds it, and the loan it reports is the quota asked at that
price: this module and the quota cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from .applicant import Applicant
from .errors import FieldError, ValidationError
from .money import ZERO, floor_to
from .policy import PolicyVersion
from .quota import ROUND_STEP, QuotaResult, quota
from .registry import PRICES
from .repayment import MIN_PRINCIPAL

LEAST_PRICE = Decimal(PRICES[0])  # the least price the site calculates a loan for

# A price no loan-to-value cap reaches: the other caps alone then set the loan.
_UNBOUNDED_PRICE = Decimal(10) ** 12


@dataclass(frozen=True)
class Affordable:
    cash: Decimal
    price: Decimal  # the highest price, in whole hundreds of yuan, the cash and the caps allow
    loan: Decimal  # the quota at that price
    down_payment: Decimal  # price − loan, never above the cash
    binding_cap: str  # the quota's binding cap at that price; loan_to_value: the cash binds
    with_commercial: WithCommercial | None = None  # a commercial part for what the HPF loan leaves
    costs: Decimal = ZERO  # the deed tax and other costs entered, at that price: cash covers both


@dataclass(frozen=True)
class WithCommercial:
    """The highest price when a commercial loan pays what the HPF loan does not cover, within the
    loan-to-value cap: the cash is the least down payment the rules allow."""

    price: Decimal
    hpf_loan: Decimal  # the quota at that price
    commercial_loan: Decimal  # the rest of the loan the loan-to-value cap allows
    down_payment: Decimal  # price − both loans, never above the cash
    costs: Decimal = ZERO


@dataclass(frozen=True)
class DownPayment:
    """What the buyer brings for a price: with the HPF loan alone, and with the least the rules
    allow, a commercial part paying the rest (a combination loan)."""

    hpf_only: Decimal
    minimum: Decimal
    commercial_part: Decimal  # 0 when the HPF loan already reaches the loan-to-value cap


def _loan(applicant: Applicant, version: PolicyVersion, price: Decimal) -> Decimal:
    return quota(replace(applicant, house_price=price), version, spans=False).amount


def _none(price: Decimal) -> Decimal:
    return ZERO


def affordable(applicant: Applicant, version: PolicyVersion, cash: Decimal, costs=_none) -> Affordable:
    """The highest price whose down payment and ``costs(price)`` (the deed tax and the other costs
    the buyer entered: cash_to_close.costs_at) ``cash`` covers, with the HPF loan of that price.

    A ValidationError on ``cash`` when that price is below the least the site calculates: a
    ¥5,000 "home" is no answer, and the buyer is told what the least one needs instead."""
    others = quota(replace(applicant, house_price=_UNBOUNDED_PRICE), version, spans=False)
    loan_most = min(
        (c.amount for c in others.caps if c.name != "loan_to_value" or c.amount == ZERO), default=ZERO
    )
    low = _highest(
        cash, cash + loan_most, lambda price: price - _loan(applicant, version, price) + costs(price), costs
    )
    if low < LEAST_PRICE:
        need = LEAST_PRICE - _loan(applicant, version, LEAST_PRICE) + costs(LEAST_PRICE)
        raise ValidationError(
            [FieldError("cash", "cash_below_least_home", {"least": LEAST_PRICE, "need": need})]
        )
    at = quota(replace(applicant, house_price=low), version, spans=False)
    combo = _with_commercial(applicant, version, cash, costs)
    if combo is not None and combo.commercial_loan < MIN_PRINCIPAL:  # no loan a bank would make
        combo = WithCommercial(low, at.amount, ZERO, low - at.amount, costs(low))
    return Affordable(cash, low, at.amount, low - at.amount, at.binding_cap, combo, costs(low))


def _highest(cash: Decimal, ceiling: Decimal, down, costs) -> Decimal:
    """The highest price in whole hundreds whose down payment ``down(price)`` the cash covers
    (``down`` never falls as the price rises), searched up to ``ceiling``; 0 when none fits. The
    search starts at cash − costs(cash): a price that low fits whatever the loan (costs never fall
    as the price rises)."""
    low = floor_to(max(ZERO, cash - costs(cash)), ROUND_STEP)
    high = floor_to(ceiling, ROUND_STEP) + ROUND_STEP
    while high - low > ROUND_STEP:  # invariant: low fits, high does not
        middle = floor_to((low + high) / 2, ROUND_STEP)
        if down(middle) <= cash:
            low = middle
        else:
            high = middle
    return low


def _most_loan(applicant: Applicant, version: PolicyVersion, price: Decimal) -> Decimal:
    """The most any loan may be at ``price``: the loan-to-value cap."""
    cap = quota(replace(applicant, house_price=price), version, spans=False).cap("loan_to_value")
    return cap.amount if cap is not None else ZERO


def _with_commercial(
    applicant: Applicant, version: PolicyVersion, cash: Decimal, costs
) -> WithCommercial | None:
    """The highest price whose least down payment (price − the loan-to-value cap) the cash covers,
    the HPF loan at that price and a commercial loan for the rest; None when no loan is allowed."""
    if _most_loan(applicant, version, _UNBOUNDED_PRICE) == ZERO:
        return None
    low = _highest(
        cash, cash * 100, lambda price: price - _most_loan(applicant, version, price) + costs(price), costs
    )
    at = quota(replace(applicant, house_price=low), version, spans=False)
    most = _most_loan(applicant, version, low)
    hpf = min(at.amount, most)
    return WithCommercial(low, hpf, most - hpf, low - most, costs(low))


def down_payment(result: QuotaResult, price: Decimal) -> DownPayment:
    ltv_cap = result.cap("loan_to_value")
    most = ltv_cap.amount if ltv_cap is not None else result.amount
    commercial = most - result.amount
    if commercial < MIN_PRINCIPAL:  # a few yuan short of the cap is not a loan anyone makes
        return DownPayment(price - result.amount, price - result.amount, ZERO)
    return DownPayment(price - result.amount, price - most, commercial)
