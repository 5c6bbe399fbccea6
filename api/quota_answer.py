"""The quota answer and what the buyer brings (api/answer_models.py says why models)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from .answer_models import (
    AnswerModel,
    Check,
    Dated,
    ErrorItem,
    Money,
    Note,
    Number,
    Parameter,
    Percent,
    Source,
)

# --- quota and what the buyer brings -------------------------------------------------------------


class Lift(AnswerModel):
    field: str
    per: Number
    gain: Money


class CapDetail(AnswerModel):
    name: str
    amount: Money
    parameters: dict[str, Parameter]
    lift: Lift | None


class Assumed(AnswerModel):
    value: Number
    low: Number
    high: Number


class Range(AnswerModel):
    """The quota at both ends of an assumed figure's stated range."""

    low: Money
    high: Money
    assumption: str = Field(description="the policy parameter")
    assumed: Assumed
    message: str


class DownPayment(AnswerModel):
    hpf_only: Money
    minimum: Money
    commercial_part: Money


class PriceWithCommercial(AnswerModel):
    price: Money
    hpf_loan: Money
    commercial_loan: Money
    down_payment: Money
    costs: Money


class Affordable(AnswerModel):
    """With cash: the highest price the caps (and the costs) allow, and its loan."""

    cash: Money
    price: Money
    loan: Money
    down_payment: Money
    costs: Money = Field(description="deed tax and other costs entered, at that price")
    binding_cap: str
    with_commercial: PriceWithCommercial | None


class DeedTax(AnswerModel):
    rate: Percent
    amount: Money
    area_band: Number | None = Field(description="m²; null: the standard rate")
    above_band: bool
    standard_because: Literal["third_home", "before_reductions"] | None
    source: Source


class CashWithCommercial(AnswerModel):
    down_payment: Money
    total: Money


class CashToClose(AnswerModel):
    """What the buyer brings: not_included names what the total leaves out."""

    down_payment: Money
    deed_tax: DeedTax | None
    other_costs: dict[str, Money]
    not_included: list[str]
    total: Money
    with_commercial: CashWithCommercial | None


class TimelineEntry(AnswerModel):
    version: str
    effective: dt.date
    eligible: bool | None
    amount: Money | None
    binding_cap: str | None
    errors: list[ErrorItem] | None = Field(None, description="why no amount that day")


class QuotaAnswer(Dated):
    amount: Money
    binding_cap: str | None
    caps: dict[str, Money]
    policy_version: str
    category: str
    term_years: int | None
    max_term_years: int | None
    annual_rate: Percent | None
    monthly_payment: Money | None = Field(description="equal installments at the amount over term_years")
    rounding: str
    cap_details: list[CapDetail]
    notes: list[Note]
    range: Range | None
    assumptions: list[str] = Field(description="assumed parameters behind the binding cap")
    house_price: Money | None = Field(description="as given, or the affordable price")
    down_payment: DownPayment | None
    affordable: Affordable | None
    cash_to_close: CashToClose | None
    eligible: bool | None = Field(description="as /eligibility answers it")
    failed: list[Check]
    unchecked: list[Check]
    timeline: list[TimelineEntry] | None = None
