"""Repayment schedules: 等额本息, 等额本金, combination loans and prepayment.

Every schedule obeys the same invariants, checked by property tests: each row's principal +
interest equals its payment to the fen; principal (plus any prepayment) sums exactly to the loan;
the final balance is exactly zero because the last payment absorbs the rounding; a 0% rate works;
the monthly rate is the annual rate / 12.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import ROUND_DOWN, Decimal
from functools import lru_cache

import numpy_financial as npf

from .errors import FieldError, ValidationError
from .money import FEN, ZERO, fen, to_decimal

EQUAL_INSTALLMENT = "equal_installment"  # 等额本息
EQUAL_PRINCIPAL = "equal_principal"  # 等额本金
METHODS = (EQUAL_INSTALLMENT, EQUAL_PRINCIPAL)

SHORTEN_TERM = "shorten_term"  # 缩短年限: keep the payment
REDUCE_PAYMENT = "reduce_payment"  # 减少月供: keep the term
PAY_OFF = "pay_off"  # 一次还清
PREPAYMENT_MODES = (SHORTEN_TERM, REDUCE_PAYMENT, PAY_OFF)

MIN_PRINCIPAL = Decimal("1000")  # below this the fen rounding would dominate the schedule
MAX_PRINCIPAL = Decimal("100000000")  # 1亿: far above any housing loan, still bounded
MAX_RATE = Decimal("24")  # percent a year; anything above is a typo, not a mortgage
MAX_MONTHS = 360


@dataclass(frozen=True)
class Row:
    period: int
    payment: Decimal  # regular payment = principal + interest
    principal: Decimal
    interest: Decimal
    balance: Decimal  # after this period's payment and any prepayment
    prepayment: Decimal = ZERO


@dataclass(frozen=True)
class Schedule:
    principal: Decimal
    months: int  # contractual term
    method: str
    rows: tuple[Row, ...]

    @property
    def first_payment(self) -> Decimal:
        return self.rows[0].payment

    @property
    def last_payment(self) -> Decimal:
        return self.rows[-1].payment

    @property
    def total_interest(self) -> Decimal:
        return sum((r.interest for r in self.rows), ZERO)

    @property
    def total_payment(self) -> Decimal:
        return sum((r.payment + r.prepayment for r in self.rows), ZERO)

    @property
    def last_period(self) -> int:
        return self.rows[-1].period


@dataclass(frozen=True)
class PrepaymentResult:
    mode: str
    month: int
    amount: Decimal  # what was prepaid (the whole balance for pay_off)
    original: Schedule
    schedule: Schedule
    interest_saved: Decimal
    months_saved: int
    next_payment: Decimal | None  # the regular payment in month + 1, None when nothing is left


def monthly_rate(annual_rate_percent: Decimal) -> Decimal:
    return Decimal(annual_rate_percent) / Decimal(1200)


@lru_cache(maxsize=1024)
def payment_factor(annual_rate_percent: Decimal, months: int) -> Decimal:
    """Level payment per yuan borrowed: numpy-financial's ``pmt``, fed Decimals so that it
    answers in Decimal (28 digits) and the fen rounding on top stays exact. Few distinct (rate,
    term) pairs occur, and a batch of thousands of rows reuses them."""
    r = monthly_rate(annual_rate_percent)
    if r == 0:
        return Decimal(1) / months
    return Decimal(npf.pmt(r, months, Decimal(-1)))


def present_value_factor(annual_rate_percent: Decimal, months: int) -> Decimal:
    """Loan that a payment of 1 yuan a month repays over ``months`` (numpy-financial's ``pv``):
    what a monthly repayment capacity can borrow."""
    r = monthly_rate(annual_rate_percent)
    if r == 0:
        return Decimal(months)
    return Decimal(npf.pv(r, months, Decimal(-1)))


def level_payment(principal: Decimal, annual_rate_percent: Decimal, months: int) -> Decimal:
    """The 等额本息 payment, rounded half-up to the fen."""
    if monthly_rate(annual_rate_percent) == 0:
        return fen(principal / months)
    return fen(principal * payment_factor(Decimal(annual_rate_percent), months))


def _level_term(balance: Decimal, annual_rate: Decimal, start: int, last: int) -> list[Row]:
    """Level payments that end exactly in ``last``.

    The payment is rounded half-up as banks quote it. On a small loan at a high rate the rounded-up
    fen compounds and would repay the loan a month or more early; then the payment rounded down is
    used instead, which can never finish early (the last payment absorbs the remainder).
    """
    r = monthly_rate(annual_rate)
    payment = level_payment(balance, annual_rate, last - start + 1)
    rows = _level_rows(balance, r, payment, start, last)
    if rows[-1].period < last:
        exact = balance * payment_factor(Decimal(annual_rate), last - start + 1)
        rows = _level_rows(balance, r, exact.quantize(Decimal("0.01"), rounding=ROUND_DOWN), start, last)
    return rows


def _level_rows(balance: Decimal, r: Decimal, payment: Decimal, start: int, last: int) -> list[Row]:
    """Pay ``payment`` each month until ``last`` (or until the loan is paid off earlier)."""
    rows = []
    for period in range(start, last + 1):
        interest = fen(balance * r)
        principal = payment - interest
        if period == last or principal >= balance:
            principal = balance
        balance -= principal
        rows.append(Row(period, principal + interest, principal, interest, balance))
        if balance == 0:
            break
    return rows


def _linear_rows(
    balance: Decimal, r: Decimal, start: int, last: int, per_period: Decimal | None = None
) -> list[Row]:
    """等额本金 rows. Without ``per_period`` the balance is spread over the periods by cumulative
    rounding (each part is the difference of two rounded cumulative sums), so the parts sum to
    the balance exactly and none is negative; with it, that fixed part is repaid until done."""
    rows = []
    n = last - start + 1
    total = balance
    for k, period in enumerate(range(start, last + 1), start=1):
        interest = fen(balance * r)
        if per_period is None:
            principal = fen(total * k / n) - fen(total * (k - 1) / n)
        else:
            principal = min(per_period, balance)
        if period == last:
            principal = balance
        balance -= principal
        rows.append(Row(period, principal + interest, principal, interest, balance))
        if balance == 0:
            break
    return rows


def _check(principal, annual_rate, months, method) -> tuple[Decimal, Decimal, int]:
    errors = []
    try:
        principal = to_decimal(principal)
        if not MIN_PRINCIPAL <= principal <= MAX_PRINCIPAL:
            errors.append(FieldError("principal", "range", {"min": MIN_PRINCIPAL, "max": MAX_PRINCIPAL}))
    except Exception:
        errors.append(FieldError("principal", "number"))
    try:
        annual_rate = to_decimal(annual_rate)
        if not ZERO <= annual_rate <= MAX_RATE:
            errors.append(FieldError("annual_rate", "range", {"min": 0, "max": MAX_RATE}))
    except Exception:
        errors.append(FieldError("annual_rate", "number"))
    if isinstance(months, bool) or not isinstance(months, int):
        errors.append(FieldError("months", "integer"))
    elif not 1 <= months <= MAX_MONTHS:
        errors.append(FieldError("months", "range", {"min": 1, "max": MAX_MONTHS}))
    if method not in METHODS:
        errors.append(FieldError("method", "choice", {"choices": ", ".join(METHODS)}))
    if errors:
        raise ValidationError(errors)
    return fen(principal), annual_rate, months


def schedule(principal, annual_rate, months: int, method: str = EQUAL_INSTALLMENT) -> Schedule:
    """The full schedule of a loan; ``annual_rate`` in percent (3.1 means 3.1 % a year)."""
    return _schedule(*_check(principal, annual_rate, months, method), method)


@lru_cache(maxsize=512)
def _schedule(principal: Decimal, annual_rate: Decimal, months: int, method: str) -> Schedule:
    """Schedules are immutable, and a page asks for the same loan several times (both methods side
    by side, then again for the chart or the CSV): compute each once."""
    r = monthly_rate(annual_rate)
    if method == EQUAL_INSTALLMENT and r != 0:
        rows = _level_term(principal, annual_rate, 1, months)
    else:  # 等额本金, and 等额本息 at 0% (then the two are the same schedule)
        rows = _linear_rows(principal, r, 1, months)
    return Schedule(principal, months, method, tuple(rows))


def combine(*parts: Schedule) -> Schedule:
    """Add schedules period by period (a 组合贷款 is an HPF loan plus a commercial loan)."""
    length = max(len(p.rows) for p in parts)
    rows = []
    for i in range(length):
        present = [p.rows[i] for p in parts if i < len(p.rows)]
        rows.append(
            Row(
                period=i + 1,
                payment=sum((x.payment for x in present), ZERO),
                principal=sum((x.principal for x in present), ZERO),
                interest=sum((x.interest for x in present), ZERO),
                balance=sum((p.rows[min(i, len(p.rows) - 1)].balance for p in parts), ZERO),
                prepayment=sum((x.prepayment for x in present), ZERO),
            )
        )
    return Schedule(
        sum((p.principal for p in parts), ZERO), max(p.months for p in parts), parts[0].method, tuple(rows)
    )


def _fold_small_change(rows: list[Row]) -> list[Row]:
    """Shorten term keeps the regular payment (等额本金: its principal part) until the loan is
    repaid. A last month smaller than the fen rounding of that payment can account for (one fen
    a month) goes into the month before it: 800,000 over 240 months 等额本金 with 100,000 prepaid
    at payment 24 is 186 more months, the last 0.62 larger, not 187 with a last one of 0.62. A
    real remainder (2.77 元 after a large prepayment) stays a month of its own. The folded month is
    charged its own month's interest only: the small change is repaid with it, so no interest
    runs on it for the month after. The rule banks use for it is not published: a documented
    choice."""
    if len(rows) < 2 or rows[-1].principal >= (len(rows) - 1) * FEN:
        return rows
    before, last = rows[-2], rows[-1]
    principal = before.principal + last.principal
    merged = replace(
        before,
        payment=principal + before.interest,
        principal=principal,
        interest=before.interest,
        balance=last.balance,
    )
    return [*rows[:-2], merged]


def rate_at(changes, period: int) -> tuple[int, Decimal]:
    """(first period, rate) of the rate change in force at ``period``."""
    return [c for c in changes if c[0] <= period][-1]


def _part(balance: Decimal, rate: Decimal, first: int, last: int, method: str) -> list[Row]:
    """The rows from ``first`` to ``last`` of a balance at one rate (a rate period)."""
    if method == EQUAL_INSTALLMENT and monthly_rate(rate) != 0:
        return _level_term(balance, rate, first, last)
    return _linear_rows(balance, monthly_rate(rate), first, last)


def _tail(original: Schedule, changes, first: int, rest: Decimal, mode: str) -> list[Row]:
    """The rows after a prepayment, at the rate in force then: shorten_term keeps the payment
    (等额本金: the principal part) the loan had then, reduce_payment recomputes it."""
    since, rate = rate_at(changes, first)
    r = monthly_rate(rate)
    last = original.months
    regular = original.rows[since - 1]  # the first payment at that rate, before the prepayment
    if original.method == EQUAL_INSTALLMENT:
        if mode == SHORTEN_TERM:
            return _fold_small_change(_level_rows(rest, r, regular.payment, first, last))
        if r == 0:  # at 0% both methods spread the balance evenly
            return _linear_rows(rest, r, first, last)
        return _level_term(rest, rate, first, last)
    if mode == SHORTEN_TERM:
        part = fen(original.principal / original.months) if since == 1 else regular.principal
        return _fold_small_change(_linear_rows(rest, r, first, last, part))
    return _linear_rows(rest, r, first, last)


def prepay(original: Schedule, annual_rate, month: int, amount, mode: str, changes=None) -> PrepaymentResult:
    """Prepay ``amount`` together with the payment of ``month`` and recompute the rest.

    shorten_term keeps the regular payment (等额本金: the monthly principal part) and ends early;
    reduce_payment keeps the last month and lowers the payment; pay_off settles the balance.
    ``changes``: the loan's rate changes as (first period, rate), ``original`` already repriced
    through them; the rest then follows them too. At a change after the prepayment the payment
    is recomputed from the balance over the months left: up to the shortened end for
    shorten_term (the end the prepayment bought is kept), to the contract's end for
    reduce_payment. Banks do not publish this rule: a documented reading.
    """
    errors = []
    if mode not in PREPAYMENT_MODES:
        errors.append(FieldError("prepayment.mode", "choice", {"choices": ", ".join(PREPAYMENT_MODES)}))
    if isinstance(month, bool) or not isinstance(month, int):
        errors.append(FieldError("prepayment.month", "integer"))
    elif not 1 <= month < original.last_period:
        errors.append(FieldError("prepayment.month", "range", {"min": 1, "max": original.last_period - 1}))
    if errors:
        raise ValidationError(errors)
    balance = original.rows[month - 1].balance
    if mode == PAY_OFF:
        amount = balance
    else:
        try:
            amount = fen(to_decimal(amount))
        except Exception:
            raise ValidationError(FieldError("prepayment.amount", "number")) from None
        if amount <= 0 or amount >= balance:
            raise ValidationError(
                FieldError("prepayment.amount", "prepay_below_balance", {"balance": balance})
            )
    changes = list(changes or [(1, Decimal(annual_rate))])
    head = list(original.rows[:month])
    head[-1] = replace(head[-1], prepayment=amount, balance=balance - amount)
    rest = balance - amount
    tail: list[Row] = []
    if rest > 0:
        tail = _tail(original, changes, month + 1, rest, mode)
        for first, rate in changes:  # later rate changes reach the prepaid loan too
            if month + 1 < first <= tail[-1].period:
                at = first - month - 1
                last = tail[-1].period if mode == SHORTEN_TERM else original.months
                again = _part(tail[at - 1].balance, rate, first, last, original.method)
                tail = tail[:at] + (_fold_small_change(again) if mode == SHORTEN_TERM else again)
    new = Schedule(original.principal, original.months, original.method, tuple(head + tail))
    return PrepaymentResult(
        mode=mode,
        month=month,
        amount=amount,
        original=original,
        schedule=new,
        interest_saved=original.total_interest - new.total_interest,
        months_saved=original.last_period - new.last_period,
        next_payment=tail[0].payment if tail else None,
    )
