"""The repayment answer (api/answer_models.py says why models)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import Field

from .answer_models import AnswerModel, Money, Month, Number, Percent

# --- repayment -----------------------------------------------------------------------------------


class ScheduleRow(AnswerModel):
    period: int
    payment: Money
    principal: Money
    interest: Money
    balance: Money
    prepayment: Money | None = None


class RatePeriod(AnswerModel):
    from_period: int
    from_date: dt.date = Field(description="the month that payment falls due")
    annual_rate: Percent
    payment: Money


class Totals(AnswerModel):
    principal: Money
    monthly_payment: Money
    first_payment: Money
    last_payment: Money
    total_payment: Money
    total_interest: Money
    months: int
    last_period: int = Field(description="the payment that ends the loan")


class Part(Totals):
    annual_rate: Percent
    rate_kind: str | None = None
    rate_periods: list[RatePeriod] | None = None


class Parts(AnswerModel):
    hpf: Part
    commercial: Part


class RateSource(AnswerModel):
    kind: Literal["policy", "lpr", "benchmark", "given"]
    parameter: str | None = None
    policy_version: str | None = None
    home_number: int | None = None
    reference: Number | None = None
    bps: int | None = None


class ComparedReference(AnswerModel):
    kind: str
    rate: Number
    effective: dt.date
    source: str


class CommercialComparison(AnswerModel):
    """The same loan (the HPF part) as a commercial loan at the 5-year LPR in force on the day (before
    the LPR: the benchmark) plus comparison_bps; saving: its total interest − this loan's."""

    annual_rate: Percent
    reference: ComparedReference
    bps: int
    monthly_payment: Money
    total_interest: Money
    saving: Money


class Repricing(AnswerModel):
    contract_total_interest: Money
    interest_change: Money


class PrepaymentAnswer(AnswerModel):
    mode: str
    month: int
    amount: Money
    interest_saved: Money
    months_saved: int
    new_last_period: int
    next_payment: Money | None
    original_total_interest: Money
    original_last_period: int
    part: str | None = None
    part_months_saved: int | None = None


class RateChangeAnswer(AnswerModel):
    start: dt.date = Field(alias="from")
    hpf_bps: int
    lpr_bps: int


class WhatIf(Totals):
    """The loan through hypothetical rate changes: a what-if, not a forecast."""

    label: str
    rate_changes: list[RateChangeAnswer]
    interest_difference: Money = Field(description="its total interest − the answer's")
    rates_floored_at_zero: bool
    rate_periods: list[RatePeriod]
    commercial_rate_periods: list[RatePeriod]


class PaymentDue(AnswerModel):
    period: int
    payment: Money


class Scenario(Totals):
    """One scenario: the main answer's summary keys for the request with its overrides."""

    overrides: dict[str, Any]
    home_number: int
    method: str
    annual_rate: Percent
    rate_source: RateSource
    first_payment_month: Month
    last_payment_month: Month
    prepayment: PrepaymentAnswer | None = None


class RepaymentAnswer(Totals):
    loan_type: Literal["hpf", "combination", "commercial"]
    method: Literal["equal_installment", "equal_principal"]
    annual_rate: Percent
    rate_source: RateSource
    parts: Parts | None = None
    rate_periods: list[RatePeriod]
    commercial_comparison: CommercialComparison | None = None
    repricing: Repricing | None = None
    prepayment: PrepaymentAnswer | None = None
    what_if: WhatIf | None = None
    schedule: list[ScheduleRow] | None = None
    first_payment_month: Month
    last_payment_month: Month
    payment_due_now: PaymentDue | None = None
    scenarios: list[Scenario] | None = None
