"""Schedules: hand-checked values, numpy-financial cross-check, invariants over random loans."""

from decimal import Decimal

import numpy_financial as npf
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators.errors import ValidationError
from calculators.money import FEN
from calculators.repayment import (
    EQUAL_INSTALLMENT,
    EQUAL_PRINCIPAL,
    PAY_OFF,
    REDUCE_PAYMENT,
    SHORTEN_TERM,
    combine,
    level_payment,
    prepay,
    schedule,
)

D = Decimal


def test_equal_installment_hand_checked():
    s = schedule(600000, "3.1", 360)
    assert s.first_payment == D("2562.10")
    # month 1: interest 600000 * 3.1% / 12 = 1550.00, principal 2562.10 - 1550.00
    assert (s.rows[0].interest, s.rows[0].principal) == (D("1550.00"), D("1012.10"))
    assert s.rows[-1].balance == 0
    assert len(s.rows) == 360


def test_equal_principal_hand_checked():
    s = schedule(600000, "3.1", 360, EQUAL_PRINCIPAL)
    assert s.first_payment == D("3216.67")  # 1666.67 + 1550.00
    # last month: principal 1666.66 (cumulative rounding) + interest on it 4.31
    assert s.last_payment == s.rows[-1].principal + s.rows[-1].interest
    assert sum(r.principal for r in s.rows) == D("600000")


def test_zero_rate_spreads_principal_exactly():
    s = schedule(1000, 0, 3)
    assert [r.payment for r in s.rows] == [D("333.33"), D("333.34"), D("333.33")]
    assert s.total_interest == 0


@pytest.mark.parametrize(
    "principal,rate,months",
    [(600000, 3.1, 360), (800000, 2.6, 300), (123456.78, 4.9, 120), (50000, 2.1, 12), (300000, 3.575, 240)],
)
def test_matches_numpy_financial(principal, rate, months):
    s = schedule(str(principal), str(rate), months)
    expected = -npf.pmt(rate / 1200, months, principal)
    assert abs(float(s.first_payment) - expected) <= 0.005
    # interest of month k from numpy-financial's ipmt, within the fen rounding drift
    for k in (1, months // 2, months):
        assert abs(float(s.rows[k - 1].interest) + npf.ipmt(rate / 1200, k, months, principal)) < 0.05
    total_interest = expected * months - principal
    assert abs(float(s.total_interest) - total_interest) < 1.0


def _invariants(s, principal):
    for row in s.rows:
        assert row.principal + row.interest == row.payment
        assert row.payment >= 0 and row.principal >= 0 and row.interest >= 0
        assert row.payment == row.payment.quantize(D("0.01"))
    assert sum(r.principal + r.prepayment for r in s.rows) == principal
    assert s.rows[-1].balance == 0
    balances = [principal] + [r.balance for r in s.rows]
    for before, row, after in zip(balances, s.rows, balances[1:], strict=False):
        assert before - row.principal - row.prepayment == after


loans = st.tuples(
    st.decimals(min_value=1000, max_value=5_000_000, places=2),
    st.sampled_from([D(0), D("0.01"), D("2.1"), D("2.6"), D("3.1"), D("3.575"), D("4.9"), D("12")])
    | st.decimals(min_value=0, max_value=24, places=3),
    st.integers(min_value=1, max_value=360),
    st.sampled_from([EQUAL_INSTALLMENT, EQUAL_PRINCIPAL]),
)


@settings(max_examples=150, deadline=None)
@given(loans)
def test_schedule_invariants(loan):
    principal, rate, months, method = loan
    s = schedule(principal, rate, months, method)
    _invariants(s, principal)
    assert len(s.rows) == months


@settings(max_examples=150, deadline=None)
@given(loans, st.data())
def test_prepayment_invariants(loan, data):
    principal, rate, months, method = loan
    s = schedule(principal, rate, months, method)
    if months < 2:
        return
    month = data.draw(st.integers(1, months - 1))
    balance = s.rows[month - 1].balance
    if balance <= D("0.02"):
        return
    # Realistic prepayments (banks ask for at least a few thousand yuan): a 1-fen prepayment
    # saves less than the fen rounding of the recomputed payment can cost.
    low = min(D("1000"), (balance / 2).quantize(D("0.01")))
    amount = data.draw(st.decimals(min_value=low, max_value=balance - D("0.01"), places=2))
    for mode in (SHORTEN_TERM, REDUCE_PAYMENT, PAY_OFF):
        result = prepay(s, rate, month, amount, mode)
        _invariants(result.schedule, principal)
        assert result.interest_saved >= 0
        assert result.schedule.last_period <= s.last_period
        if mode == REDUCE_PAYMENT:
            assert result.schedule.last_period == s.last_period or result.schedule.rows[-1].balance == 0
        if mode == PAY_OFF:
            assert result.schedule.last_period == month and result.next_payment is None


def test_prepayment_modes_compared():
    s = schedule(600000, "3.1", 360)
    shorten = prepay(s, "3.1", 24, 100000, SHORTEN_TERM)
    reduce = prepay(s, "3.1", 24, 100000, REDUCE_PAYMENT)
    off = prepay(s, "3.1", 24, 0, PAY_OFF)
    assert shorten.next_payment == s.first_payment  # same payment, ends earlier
    assert shorten.months_saved > 0 and reduce.months_saved == 0
    assert reduce.next_payment < s.first_payment
    assert off.interest_saved > shorten.interest_saved > reduce.interest_saved > 0
    assert off.amount == s.rows[23].balance


def test_shortening_an_equal_principal_loan_leaves_no_month_of_small_change():
    """800,000 over 240 months, 100,000 prepaid with payment 24: 620,000 left at 3,333.33… a month
    is 186 months, the last one absorbing the 0.62 the rounded part leaves (not a 187th of 0.62)."""
    s = schedule(800000, "3.1", 240, EQUAL_PRINCIPAL)
    result = prepay(s, "3.1", 24, 100000, SHORTEN_TERM)
    tail = result.schedule.rows[24:]
    assert len(tail) == 186 and result.schedule.last_period == 210
    assert {r.principal for r in tail[:-1]} == {Decimal("3333.33")}
    assert tail[-1].principal == Decimal("3333.95") and tail[-1].balance == 0
    # The folded month pays its own month's interest on 3,333.95 only, not the 0.62's next month too.
    assert tail[-1].interest == (Decimal("3333.95") * Decimal("3.1") / 1200).quantize(Decimal("0.01"))
    assert tail[-1].payment == Decimal("3333.95") + tail[-1].interest
    _invariants(result.schedule, 800000)


def test_the_folded_month_is_charged_its_own_interest_only():
    """756,000 over 344 months at 6.74 %, 等额本金, 189,000 prepaid with payment 52: the last month
    takes in a small change of a month after it and is charged 12.35 on its own balance (12.36
    before: the folded month's interest was added as if it had run a month more)."""
    s = schedule(756000, "6.74", 344, EQUAL_PRINCIPAL)
    last = prepay(s, "6.74", 52, 189000, SHORTEN_TERM).schedule.rows[-1]
    owed = last.principal  # the balance that month: all of it is repaid with it
    assert last.period == 258 and last.interest == Decimal("12.35")
    assert last.interest == (owed * Decimal("6.74") / 1200).quantize(Decimal("0.01"))


def test_shortening_at_zero_percent_leaves_no_month_of_two_fen():
    s = schedule(800000, "0", 24, EQUAL_INSTALLMENT)
    rows = prepay(s, "0", 16, 100000, SHORTEN_TERM).schedule.rows
    assert len(rows) == 21 and rows[-1].payment == Decimal("33333.35")
    assert sum(r.principal + r.prepayment for r in rows) == 800000


@settings(max_examples=150, deadline=None)
@given(loans, st.data())
def test_a_shortened_loan_ends_with_a_real_payment(loan, data):
    """Every month after the prepayment repays the regular part (等额本金) or pays the regular
    payment (等额本息); the last is never a remainder smaller than the fen rounding could leave
    (one fen a month)."""
    principal, rate, months, method = loan
    s = schedule(principal, rate, months, method)
    if months < 3:
        return
    month = data.draw(st.integers(1, months - 2))
    balance = s.rows[month - 1].balance
    amount = data.draw(st.decimals(min_value=FEN, max_value=balance - FEN, places=2))
    result = prepay(s, rate, month, amount, SHORTEN_TERM)
    _invariants(result.schedule, principal)
    tail = result.schedule.rows[month:]
    part = s.rows[0].principal if method == EQUAL_PRINCIPAL else s.rows[0].payment
    assert all((r.principal if method == EQUAL_PRINCIPAL else r.payment) == part for r in tail[:-1])
    # a remainder folded into the last month makes it at least the part; one left alone is at
    # least what the fen rounding could leave over those months
    assert tail[-1].principal >= min(part, (len(tail) - 1) * FEN)


def test_prepayment_rejects_amount_at_or_above_balance():
    s = schedule(100000, "3.1", 12)
    with pytest.raises(ValidationError) as err:
        prepay(s, "3.1", 6, s.rows[5].balance, SHORTEN_TERM)
    assert err.value.fields() == {"prepayment.amount"}


def test_combination_adds_parts_exactly():
    hpf = schedule(600000, "2.6", 360)
    com = schedule(400000, "3.5", 360)
    both = combine(hpf, com)
    _invariants(both, D("1000000"))
    assert both.first_payment == hpf.first_payment + com.first_payment


@pytest.mark.parametrize(
    "kwargs,field",
    [
        ({"principal": "abc", "annual_rate": 3, "months": 12}, "principal"),
        ({"principal": -5, "annual_rate": 3, "months": 12}, "principal"),
        ({"principal": 1000, "annual_rate": "NaN", "months": 12}, "annual_rate"),
        ({"principal": 1000, "annual_rate": 3, "months": 0}, "months"),
        ({"principal": 1000, "annual_rate": 3, "months": 12.5}, "months"),
        ({"principal": 1000, "annual_rate": 99, "months": 12}, "annual_rate"),
    ],
)
def test_bad_input_names_the_field(kwargs, field):
    with pytest.raises(ValidationError) as err:
        schedule(**kwargs)
    assert field in err.value.fields()


def test_level_payment_zero_rate():
    assert level_payment(D("1200"), D("0"), 12) == D("100.00")


def test_small_loan_at_high_rate_still_ends_in_the_last_month():
    s = schedule(1000, 12, 360)  # the half-up payment 10.29 would finish in month 359
    assert s.last_period == 360 and s.first_payment == D("10.28")
    _invariants(s, D("1000"))


def test_principal_below_minimum_is_refused():
    with pytest.raises(ValidationError):
        schedule(999, 3, 12)


def test_the_per_10k_table_rounds_as_the_calculator_does():
    """每万元月供, 等额本金: the schedule's own first payment for every term and rate it shows."""
    from calculators.per_10k import first_principal_payment, per_10k
    from calculators.policy_files import default_policy
    from calculators.repayment import EQUAL_PRINCIPAL, schedule

    assert first_principal_payment(Decimal("2.35"), 12) == Decimal("852.91")  # not 852.92
    for version in default_policy().versions:
        for row in per_10k(version):
            for home, rate in row.rates.items():
                expected = schedule(Decimal(10_000), rate, row.years * 12, EQUAL_PRINCIPAL).first_payment
                assert row.principal_first[home] == expected, (version.label, row.years, home)


@settings(max_examples=300, deadline=None)
@given(
    st.integers(min_value=10, max_value=2000).map(lambda k: Decimal(k * 1000)),
    st.integers(min_value=12, max_value=360),
    st.integers(min_value=100, max_value=800).map(lambda bp: Decimal(bp) / 100),
    st.sampled_from(["equal_installment", "equal_principal"]),
    st.floats(min_value=0.01, max_value=0.99),
    st.data(),
)
def test_a_shortened_loan_charges_each_month_interest_on_its_own_balance(
    principal, months, rate, method, share, data
):
    """Issue 25: the folded last month of a shortened loan is charged its own month's interest
    only (it was charged the folded month's too: 1-3 fen more)."""
    from calculators.money import fen
    from calculators.repayment import monthly_rate, prepay, schedule

    loan = schedule(principal, rate, months, method)
    month = data.draw(st.integers(min_value=1, max_value=loan.last_period - 1))
    amount = fen(loan.rows[month - 1].balance * Decimal(str(share)))
    if amount <= 0:
        return
    result = prepay(loan, rate, month, amount, "shorten_term")
    balance, r = loan.rows[month - 1].balance - amount, monthly_rate(rate)
    for row in result.schedule.rows[month:]:
        assert row.interest == fen(balance * r) and row.payment == row.principal + row.interest
        balance = row.balance
    assert balance == 0
