"""A parsed repayment request run: the schedule (both parts of a combination loan), a prepayment,
and — for a loan that started in the past at the policy's rates — every rate change since
(calculators/repricing.py), with the contract-rate schedule beside it to compare."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import partial

from . import clock
from .errors import FieldError, ValidationError
from .loan_request import RepaymentRequest, default_rate
from .money import ZERO, fen
from .months import add_months, months_between
from .policy import ReferenceRate
from .policy_files import default_policy
from .rate_what_if import WhatIf, shifted
from .registry import COMMERCIAL_PART, HPF_PART
from .repayment import PrepaymentResult, Schedule, combine, prepay, schedule
from .repricing import JANUARY, RatePeriod, rate_changes, repriced, repricing_days


@dataclass(frozen=True)
class Comparison:
    """The HPF loan as a commercial loan at the reference rate on its start day plus a spread."""

    reference: ReferenceRate  # the 5-year LPR (or, before it, the benchmark) and its source
    bps: int
    annual_rate: Decimal
    schedule: Schedule
    saving: Decimal  # its total interest - the HPF loan's


@dataclass(frozen=True)
class RepaymentOutcome:
    request: RepaymentRequest
    schedule: Schedule  # the whole loan (both parts of a combination loan added up)
    hpf: Schedule | None = None  # parts of a combination loan
    commercial: Schedule | None = None
    prepayment: PrepaymentResult | None = None
    rate_periods: tuple[RatePeriod, ...] = ()  # the HPF part (or the single loan): one per rate
    commercial_rate_periods: tuple[RatePeriod, ...] = ()
    contract: Schedule | None = None
    comparison: Comparison | None = None  # the whole loan at the contract rates, when rates changed
    what_if: WhatIf | None = None  # the loan through hypothetical rate changes, beside this answer


def method_parts(req: RepaymentRequest, method: str) -> list[Schedule]:
    """The loan's schedules (one per part of a combination loan) under ``method``."""
    parts = [schedule(req.principal, req.annual_rate, req.months, method)]
    if req.commercial_principal:
        parts.append(schedule(req.commercial_principal, req.commercial_rate, req.commercial_months, method))
    return parts


def repriced_parts(req: RepaymentRequest, method: str, today: dt.date | None = None) -> list[Schedule]:
    """``method_parts`` through the same rate changes as the answer: the two methods side by side
    then agree with the headline for a loan that started in the past."""
    hpf_changes, com_changes = rate_changes_of(req, today or clock.today())
    start = req.start or clock.today()
    parts = [repriced(req.principal, req.months, method, start, hpf_changes)[0]]
    if req.commercial_principal:
        parts.append(repriced(req.commercial_principal, req.commercial_months, method, start, com_changes)[0])
    return parts


def other_mode(original: Schedule, req: RepaymentRequest, mode: str) -> PrepaymentResult | None:
    """The same prepayment in another mode, or None when it cannot be compared (pay_off chosen and
    no amount typed, or an amount that would settle the whole balance)."""
    if mode != "pay_off" and req.prepayment_amount is None:
        return None
    changes = rate_changes_of(req, clock.today())
    try:
        if req.commercial_principal:
            return prepay_part(req, *repriced_parts(req, req.method), mode, changes)
        return prepay(
            original, req.annual_rate, req.prepayment_month, req.prepayment_amount, mode, changes[0]
        )
    except ValidationError:
        return None


def equal_principal_step(req: RepaymentRequest) -> Decimal:
    """How much an equal-principal payment falls each month: the interest on one month's
    principal part, (principal / months) x monthly rate, summed over the loan's parts."""
    parts = [(req.principal, req.annual_rate, req.months)]
    if req.commercial_principal:
        parts.append((req.commercial_principal, req.commercial_rate, req.commercial_months))
    return fen(sum((p / n * r / 1200 for p, r, n in parts), ZERO))


def rate_changes_of(req: RepaymentRequest, today: dt.date) -> tuple[list, list]:
    """(HPF changes, commercial changes) as (first period, rate) lists. A loan follows the rates
    only when it started before ``today`` at the policy's rate (HPF) or the LPR (commercial), and
    ``hold_rate`` is not asked; a prepayment follows them too (calculators/repayment.prepay).
    Hypothetical changes (``req.what_if``) move whatever rate the loan has on each repricing day."""
    follows = req.start is not None and req.start < today and not req.hold_rate
    if not follows and not req.what_if:
        return [(1, req.annual_rate)], [(1, req.commercial_rate)]
    start, policy = req.start or today, default_policy()
    if follows and req.commercial_only and req.commercial_rate_kind == "lpr":  # a commercial loan
        hpf_on = _lpr_on(req)
    elif follows and req.rate_from_policy:
        hpf_on = lambda day: default_rate(policy.on(day), req.home_number, req.months)[1]  # noqa: E731
    else:
        hpf_on = lambda day: req.annual_rate  # noqa: E731
    kind, days = ("lpr_bps", req.commercial_repricing) if req.commercial_only else ("hpf_bps", JANUARY)
    hpf_on = shifted(hpf_on, req.what_if, kind)
    # A loan starting on or after a hypothetical change is lent at the changed rate.
    hpf = rate_changes(start, req.months, hpf_on(start), hpf_on, repricing_days(start, req.months, days))
    commercial = [(1, req.commercial_rate)]
    if req.commercial_principal:
        lpr = follows and req.commercial_rate_kind == "lpr"
        com_on = shifted(_lpr_on(req) if lpr else lambda day: req.commercial_rate, req.what_if, "lpr_bps")
        commercial = rate_changes(
            start,
            req.commercial_months,
            com_on(start),
            com_on,
            repricing_days(start, req.commercial_months, req.commercial_repricing),
        )
    return hpf, commercial


def _lpr_on(req: RepaymentRequest):
    """day -> the LPR in force then plus the loan's basis points (None before the first LPR)."""
    policy, spread = default_policy(), Decimal(req.commercial_bps) / 100
    return lambda day: None if policy.lpr_on(day) is None else policy.lpr_on(day) + spread


def compare(req: RepaymentRequest, hpf: Schedule) -> Comparison | None:
    """The same loan (the HPF part of a combination loan) at the commercial reference rate in force
    when it starts plus ``comparison_bps``; None when no rate is known or it would be negative."""
    reference = default_policy().commercial_reference(req.start or clock.today())
    if reference is None:
        return None
    rate = reference.value + Decimal(req.comparison_bps) / 100
    if rate < 0:
        return None
    other = schedule(req.principal, rate, req.months, req.method)
    return Comparison(reference, req.comparison_bps, rate, other, other.total_interest - hpf.total_interest)


def run_repayment(req: RepaymentRequest, today: dt.date | None = None) -> RepaymentOutcome:
    """The answer for the rates known today; with ``req.what_if``, the loan through those
    hypothetical changes beside it (the answer itself never rests on a what-if)."""
    today = today or clock.today()
    outcome = _run(replace(req, what_if=()), today)
    if req.what_if:
        hypo = _run(req, today)
        difference = hypo.schedule.total_interest - outcome.schedule.total_interest
        periods = (*hypo.rate_periods, *hypo.commercial_rate_periods)
        floored = any(p.annual_rate == 0 for p in periods) and req.annual_rate > 0
        what_if = WhatIf(
            req.what_if, hypo.schedule, hypo.rate_periods, hypo.commercial_rate_periods, difference, floored
        )
        outcome = replace(outcome, what_if=what_if)
    if req.commercial_only:  # no fund loan to compare with a commercial one
        return outcome
    # Both at the rates they start with: what choosing the fund saves when the loan is taken out.
    return replace(
        outcome, comparison=compare(req, schedule(req.principal, req.annual_rate, req.months, req.method))
    )


def _run(req: RepaymentRequest, today: dt.date) -> RepaymentOutcome:
    hpf_changes, com_changes = rate_changes_of(req, today)
    start = req.start or clock.today()
    hpf, hpf_periods = repriced(req.principal, req.months, req.method, start, hpf_changes)
    changed = len(hpf_changes) > 1 or len(com_changes) > 1
    if req.commercial_principal:
        commercial, com_periods = repriced(
            req.commercial_principal, req.commercial_months, req.method, start, com_changes
        )
        contract = combine(*method_parts(req, req.method)) if changed else None
        prepaid = None
        if req.prepayment_mode:
            prepaid = prepay_part(req, hpf, commercial, req.prepayment_mode, (hpf_changes, com_changes))
            hpf, commercial = prepaid.parts
            hpf_periods, com_periods = periods_of(hpf, hpf_periods), periods_of(commercial, com_periods)
            if contract is not None:
                contract = prepay_part(req, *method_parts(req, req.method), req.prepayment_mode).schedule
        return RepaymentOutcome(
            req,
            combine(hpf, commercial),
            hpf,
            commercial,
            prepaid,
            tuple(hpf_periods),
            tuple(com_periods),
            contract,
        )
    contract = schedule(req.principal, req.annual_rate, req.months, req.method) if changed else None
    if req.prepayment_mode:
        prepaid = partial(
            prepay, month=req.prepayment_month, amount=req.prepayment_amount, mode=req.prepayment_mode
        )
        result = prepaid(hpf, req.annual_rate, changes=hpf_changes)
        return RepaymentOutcome(
            req,
            result.schedule,
            prepayment=result,
            rate_periods=periods_of(result.schedule, hpf_periods),
            contract=prepaid(contract, req.annual_rate).schedule if contract else None,
        )
    return RepaymentOutcome(req, hpf, rate_periods=tuple(hpf_periods), contract=contract)


@dataclass(frozen=True)
class PartPrepayment(PrepaymentResult):
    """A prepayment of one part of a combination loan, told for the whole loan: ``original`` and
    ``schedule`` are both parts added up, ``parts`` the two parts after it (HPF, commercial)."""

    part: str = COMMERCIAL_PART
    parts: tuple = ()
    part_months_saved: int = 0  # how much earlier the prepaid part itself ends


def prepay_part(req: RepaymentRequest, hpf: Schedule, commercial: Schedule, mode: str, changes=None):
    """The prepayment of a combination loan: the chosen part (``req.prepayment_part``) is prepaid
    through its own rate changes, the other part runs on; savings are the whole loan's."""
    hpf_changes, com_changes = changes or ([(1, req.annual_rate)], [(1, req.commercial_rate)])
    on_hpf = req.prepayment_part == HPF_PART
    part, rate, part_changes = (
        (hpf, req.annual_rate, hpf_changes) if on_hpf else (commercial, req.commercial_rate, com_changes)
    )
    if req.prepayment_month is not None and req.prepayment_month >= part.last_period:
        # That part is repaid by then: say so, not "between 1 and its last month" without a why.
        raise ValidationError(
            FieldError("prepayment.month", f"prepay_{req.prepayment_part}_ended", {"last": part.last_period})
        )
    result = prepay(part, rate, req.prepayment_month, req.prepayment_amount, mode, part_changes)
    parts = (result.schedule, commercial) if on_hpf else (hpf, result.schedule)
    original, new = combine(hpf, commercial), combine(*parts)
    nxt = new.rows[result.month].payment if result.month < len(new.rows) else None  # the other part runs on
    return PartPrepayment(
        mode=mode,
        month=result.month,
        amount=result.amount,
        original=original,
        schedule=new,
        interest_saved=original.total_interest - new.total_interest,
        months_saved=original.last_period - new.last_period,  # the whole loan's, as its last payment
        next_payment=nxt,
        part=req.prepayment_part,
        parts=parts,
        part_months_saved=result.months_saved,
    )


def periods_of(prepaid: Schedule, periods) -> tuple:
    """The rate periods a prepaid loan still reaches, each with its payment after the prepayment."""
    rows = prepaid.rows
    return tuple(
        replace(p, payment=rows[p.from_period - 1].payment) for p in periods if p.from_period <= len(rows)
    )


def payment_on(outcome: RepaymentOutcome, day: dt.date) -> Decimal | None:
    """The payment falling due in ``day``'s month (None before the first or after the last)."""
    start = outcome.request.start or day
    index = months_between(start, day)
    rows = outcome.schedule.rows
    return rows[index - 1].payment if 1 <= index <= len(rows) else None


def payment_due(outcome: RepaymentOutcome, today: dt.date) -> tuple[int, Decimal] | None:
    """(period, payment) falling due in ``today``'s month for a loan that started in the past and
    runs on past its first payment; None otherwise (a loan yet to start headlines its first)."""
    start = outcome.request.start
    if start is None or start >= today.replace(day=1):
        return None
    period = months_between(start, today)
    payment = payment_on(outcome, today)
    return (period, payment) if payment is not None and period > 1 else None


def payment_months(outcome: RepaymentOutcome) -> dict:
    """The months the first and the last payment fall due (YYYY-MM): the first the month after the
    loan starts."""
    start = outcome.request.start or clock.today()
    first = add_months(start.replace(day=1), 1)
    last = add_months(first, outcome.schedule.last_period - 1)
    return {"first_payment_month": f"{first:%Y-%m}", "last_payment_month": f"{last:%Y-%m}"}
