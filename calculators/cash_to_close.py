"""Cash to close (首付 + 税费): what the buyer brings on signing day for a price.

The deed tax is the only cost with a published rule (national notices, data/policy/deed_tax.yaml);
the other costs have no Zhuzhou figure, so they count only once the buyer enters them and every one
left blank is named as not included: a total never hides a silent zero.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal

from .money import ZERO
from .policy import Source

OTHER_COSTS = ("maintenance_fund", "registration_fee", "agency_fee")


@dataclass(frozen=True)
class DeedTaxRule:
    """One notice's reductions: up to ``area_band`` m² the small rate, above it the large one."""

    effective: dt.date
    source: Source
    area_band: Decimal
    rates: dict  # {1: (small, large), 2: (small, large)} in percent, by home number


@dataclass(frozen=True)
class DeedTaxRules:
    reductions: tuple  # DeedTaxRule, oldest first
    standard_rate: Decimal  # a third home, or a day before the first reduction
    standard_source: Source


@dataclass(frozen=True)
class DeedTax:
    rate: Decimal  # percent of the price
    amount: Decimal
    source: Source
    area_band: Decimal | None  # the band the area was compared with; None: the standard rate
    above_band: bool = False
    # Why the standard rate: "third_home", or "before_reductions" (a day before the first notice
    # the site holds, whose own rules it does not know); None for a reduced rate.
    standard_because: str | None = None

    @property
    def assumed(self) -> bool:
        return self.source.confidence == "assumption"


@dataclass(frozen=True)
class CashToClose:
    down_payment: Decimal
    deed_tax: DeedTax | None  # None: no floor area given, so the rate is unknown
    other_costs: dict  # the costs the buyer entered, name -> yuan
    not_included: tuple  # what the total leaves out: "deed_tax" and the other costs left blank
    total: Decimal


def deed_tax_rate(rules: DeedTaxRules, area: Decimal, home_number: int, day: dt.date) -> DeedTax:
    """The rate for a home of ``area`` m² bought on ``day`` as the family's ``home_number``-th
    home (the amount is left 0: ``deed_tax`` fills it for a price)."""
    rule = next((r for r in reversed(rules.reductions) if r.effective <= day), None)
    if rule is None:
        return DeedTax(
            rules.standard_rate, ZERO, rules.standard_source, None, standard_because="before_reductions"
        )
    if home_number not in rule.rates:
        return DeedTax(rules.standard_rate, ZERO, rules.standard_source, None, standard_because="third_home")
    above = area > rule.area_band
    return DeedTax(rule.rates[home_number][above], ZERO, rule.source, rule.area_band, above)


def deed_tax(rules: DeedTaxRules, price: Decimal, area: Decimal, home_number: int, day: dt.date) -> DeedTax:
    found = deed_tax_rate(rules, area, home_number, day)
    amount = (price * found.rate / 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return replace(found, amount=amount)


def others(applicant) -> tuple[dict, tuple]:
    """(the other costs the applicant entered, the names of those left blank)."""
    given = {n: getattr(applicant, n) for n in OTHER_COSTS if getattr(applicant, n) is not None}
    return given, tuple(n for n in OTHER_COSTS if n not in given)


def cash_to_close(rules: DeedTaxRules, applicant, price: Decimal, down: Decimal) -> CashToClose:
    """Down payment ``down`` for ``price``, the deed tax when the floor area is known, and the
    other costs the buyer entered."""
    tax = (
        None
        if applicant.floor_area is None
        else deed_tax(rules, price, applicant.floor_area, applicant.home_number, applicant.date)
    )
    given, blank = others(applicant)
    missing = (() if tax else ("deed_tax",)) + blank
    total = down + (tax.amount if tax else ZERO) + sum(given.values(), ZERO)
    return CashToClose(down, tax, given, missing, total)


def costs_at(rules: DeedTaxRules, applicant):
    """price -> the costs on top of the down payment at that price (what affordability adds)."""
    fixed = sum(others(applicant)[0].values(), ZERO)
    if applicant.floor_area is None:
        return lambda price: fixed
    rate = deed_tax_rate(rules, applicant.floor_area, applicant.home_number, applicant.date).rate
    return lambda price: fixed + (price * rate / 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
