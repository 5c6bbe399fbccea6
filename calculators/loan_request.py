"""A repayment request in the shared vocabulary, and the outcome every front end shows."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .errors import FieldError, ValidationError
from .fields import Collector, is_blank
from .repayment import (MAX_MONTHS, MAX_PRINCIPAL, MAX_RATE, METHODS, MIN_PRINCIPAL,
                        PREPAYMENT_MODES, PrepaymentResult, Schedule, combine, prepay, schedule)


@dataclass(frozen=True)
class RepaymentRequest:
    principal: Decimal
    annual_rate: Decimal
    months: int
    method: str
    commercial_principal: Decimal | None = None
    commercial_rate: Decimal | None = None
    prepayment_month: int | None = None
    prepayment_amount: Decimal | None = None
    prepayment_mode: str | None = None


@dataclass(frozen=True)
class RepaymentOutcome:
    request: RepaymentRequest
    schedule: Schedule  # the whole loan (both parts of a combination loan added up)
    hpf: Schedule | None = None  # parts of a combination loan
    commercial: Schedule | None = None
    prepayment: PrepaymentResult | None = None


def parse_repayment(data: dict, *, default_commercial_rate: Decimal | None = None) -> RepaymentRequest:
    """Flat fields (query strings, forms) and the API's nested ``prepayment`` object both work."""
    data = dict(data) if isinstance(data, dict) else {}
    nested = data.get("prepayment")
    if isinstance(nested, dict):
        for key in ("month", "amount", "mode"):
            data.setdefault(f"prepayment.{key}", nested.get(key))
    elif nested is not None:
        raise ValidationError(FieldError("prepayment", "object"))
    for key in ("month", "amount", "mode"):  # query-string spelling prepayment_month etc.
        if is_blank(data.get(f"prepayment.{key}")) and not is_blank(data.get(f"prepayment_{key}")):
            data[f"prepayment.{key}"] = data[f"prepayment_{key}"]
    c = Collector(data)
    principal = c.money("principal", MIN_PRINCIPAL, MAX_PRINCIPAL)
    rate = c.decimal("annual_rate", 0, MAX_RATE)
    months = c.integer("months", 1, MAX_MONTHS)
    method = c.choice("method", METHODS, default="equal_installment")
    commercial = c.money("commercial_principal", 0, MAX_PRINCIPAL, required=False)
    commercial_rate = None
    if commercial:
        commercial_rate = c.decimal("commercial_rate", 0, MAX_RATE,
                                    default=default_commercial_rate,
                                    required=default_commercial_rate is None)
    mode = None
    month = amount = None
    # A prepayment is asked for by its month (forms keep a default mode even when unused).
    if not is_blank(data.get("prepayment.month")) or isinstance(nested, dict):
        mode = c.choice("prepayment.mode", PREPAYMENT_MODES)
        month = c.integer("prepayment.month", 1, MAX_MONTHS - 1)
        if mode != "pay_off":
            amount = c.money("prepayment.amount", "0.01", MAX_PRINCIPAL)
        if commercial:
            c.errors.append(FieldError("prepayment.mode", "prepay_single_only"))
    if c.errors:
        raise ValidationError(c.errors)
    return RepaymentRequest(principal, rate, months, method, commercial or None, commercial_rate,
                            month, amount, mode)


def run_repayment(req: RepaymentRequest) -> RepaymentOutcome:
    hpf = schedule(req.principal, req.annual_rate, req.months, req.method)
    if req.commercial_principal:
        commercial = schedule(req.commercial_principal, req.commercial_rate, req.months, req.method)
        return RepaymentOutcome(req, combine(hpf, commercial), hpf, commercial)
    if req.prepayment_mode:
        result = prepay(hpf, req.annual_rate, req.prepayment_month, req.prepayment_amount,
                        req.prepayment_mode)
        return RepaymentOutcome(req, result.schedule, prepayment=result)
    return RepaymentOutcome(req, hpf)
