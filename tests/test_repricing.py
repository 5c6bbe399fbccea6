"""An existing loan through every rate change (calculators/repricing.py, FACTS 5a): the rate
periods of real loans, a loan of one year that keeps its rate, the commercial part on the LPR,
and the invariants of any repriced schedule, cross-checked against numpy-financial."""

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

import numpy_financial as npf
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators.loan_outcome import run_repayment
from calculators.loan_request import parse_repayment
from calculators.months import add_months
from calculators.repricing import ANNIVERSARY, rate_changes, repriced, repricing_days

TODAY = dt.date(2026, 11, 29)


def _fen(x: float) -> Decimal:
    return Decimal(str(x)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _independent(principal: float, months: int, changes: list[tuple[int, float]]) -> list[Decimal]:
    """Each rate period's level payment from numpy-financial, interest rounded to the fen monthly."""
    balance, payments = Decimal(principal), []
    bounds = [c[0] for c in changes[1:]] + [months + 1]
    for (first, rate), end in zip(changes, bounds, strict=True):
        payment = _fen(float(-npf.pmt(rate / 1200, months - first + 1, float(balance))))
        payments.append(payment)
        for _ in range(first, end):
            interest = (balance * Decimal(str(rate)) / 1200).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
            balance -= payment - interest
    return payments


def _api(data, post):
    body = post("/api/v1/repayment?schedule=0", data).get_json()
    return [
        (p["from_period"], p["from_date"], p["annual_rate"], p["payment"]) for p in body["rate_periods"]
    ], body


def test_a_loan_crossing_three_changes(post):
    """600,000 over 30 years from June 2022, first home: 3.25 %, then 3.1 % (cut 2022-10-01) from
    January 2023, 2.85 % (2024-05-18) from January 2025, 2.6 % (2025-05-08) from January 2026."""
    periods, body = _api({"principal": 600000, "months": 360, "date": "2022-06-01"}, post)
    assert [(p[0], p[1], p[2]) for p in periods] == [
        (1, "2022-07-01", 3.25),
        (7, "2023-01-01", 3.1),
        (31, "2025-01-01", 2.85),
        (43, "2026-01-01", 2.6),
    ]
    expected = _independent(600000, 360, [(1, 3.25), (7, 3.1), (31, 2.85), (43, 2.6)])
    assert [Decimal(str(p[3])) for p in periods] == expected
    assert body["repricing"]["interest_change"] < 0  # the rates fell: less interest than the contract's


def test_a_one_year_loan_keeps_its_rate(post):
    """12 months from June 2022 at the up-to-5-years rate, 2.75 %: the cut to 2.6 % (2022-10-01)
    does not reach it; 13 months from the same day is repriced from January 2023."""
    periods, body = _api({"principal": 100000, "months": 12, "date": "2022-06-01"}, post)
    assert [p[2] for p in periods] == [2.75] and "repricing" not in body
    periods, body = _api({"principal": 100000, "months": 13, "date": "2022-06-01"}, post)
    assert [(p[0], p[2]) for p in periods] == [(1, 2.75), (7, 2.6)] and "repricing" in body


def test_the_contract_rate_held_or_typed_does_not_follow(post):
    for extra in ({"hold_rate": True}, {"annual_rate": 3.25}):
        periods, body = _api({"principal": 600000, "months": 360, "date": "2022-06-01", **extra}, post)
        assert len(periods) == 1 and "repricing" not in body


def test_a_loan_starting_later_has_one_rate(post):
    periods, _ = _api({"principal": 600000, "months": 360, "date": "2030-01-01"}, post)
    assert len(periods) == 1


def test_the_commercial_part_follows_the_lpr_plus_its_spread(post):
    """LPR 4.65 in March 2021, −30 bp: 4.35 %; repriced each 1 January to the LPR then (4.60 from
    2022-01-20 is after that January, so 2022 keeps 4.35), 4.30 → 4.00 from 2023, 4.20 → 3.90
    from 2024, 3.60 → 3.30 from 2025, 3.50 → 3.20 from 2026 (LPR announcements, data/policy/lpr.yaml)."""
    data = {
        "principal": 500000,
        "commercial_principal": 300000,
        "months": 360,
        "date": "2021-03-01",
        "commercial_bps": -30,
    }
    body = post("/api/v1/repayment?schedule=0", data).get_json()
    commercial = [
        (p["from_period"], p["from_date"], p["annual_rate"])
        for p in body["parts"]["commercial"]["rate_periods"]
    ]
    assert commercial == [
        (1, "2021-04-01", 4.35),
        (22, "2023-01-01", 4.0),
        (34, "2024-01-01", 3.9),
        (46, "2025-01-01", 3.3),
        (58, "2026-01-01", 3.2),
    ]


def test_the_anniversary_repricing_day():
    start = dt.date(2021, 3, 1)
    assert repricing_days(start, 36, ANNIVERSARY) == [
        dt.date(2022, 3, 1),
        dt.date(2023, 3, 1),
        dt.date(2024, 3, 1),
    ]
    req = parse_repayment(
        {
            "principal": 500000,
            "commercial_principal": 300000,
            "months": 360,
            "date": "2021-03-01",
            "commercial_repricing": "anniversary",
        },
        today=TODAY,
    )
    outcome = run_repayment(req, today=TODAY)
    assert [(p.from_date, p.annual_rate) for p in outcome.commercial_rate_periods][:3] == [
        (dt.date(2021, 4, 1), Decimal("4.65")),
        (dt.date(2022, 3, 1), Decimal("4.60")),
        (dt.date(2023, 3, 1), Decimal("4.30")),
    ]


@settings(max_examples=60, deadline=None)
@given(
    principal=st.integers(1000, 2_000_000),
    months=st.integers(1, 360),
    method=st.sampled_from(["equal_installment", "equal_principal"]),
    start=st.dates(dt.date(2015, 9, 1), dt.date(2026, 11, 1)).map(lambda d: d.replace(day=1)),
    rates=st.lists(st.decimals("0", "6", places=2), min_size=1, max_size=6),
)
def test_any_repriced_schedule_chains_and_adds_up(principal, months, method, start, rates):
    days = repricing_days(start, months)
    table = dict(zip(days, rates[1:], strict=False))
    changes = rate_changes(start, months, rates[0], lambda day: table.get(day), days)
    sched, periods = repriced(Decimal(principal), months, method, start, changes)
    balance = Decimal(principal)
    for row in sched.rows:
        assert row.payment == row.principal + row.interest
        balance -= row.principal
        assert row.balance == balance  # each period opens with the last one's closing balance
    assert balance == 0 and sched.total_payment == principal + sched.total_interest
    assert [p.from_period for p in periods] == [c[0] for c in changes][: len(periods)]
    assert all(add_months(start, p.from_period) == p.from_date for p in periods)
    if months <= 12:
        assert len(periods) == 1


def test_what_the_fund_saves_against_a_commercial_loan(post):
    """600,000 over 30 years starting June 2025: the HPF rate 2.6 % (2025-05-08) against the LPR
    3.50 % (2025-05-20) + 0 bp; payments and interest recomputed here with numpy-financial."""
    body = post(
        "/api/v1/repayment?schedule=0", {"principal": 600000, "months": 360, "date": "2025-06-01"}
    ).get_json()
    c = body["commercial_comparison"]
    assert (c["annual_rate"], c["bps"], c["reference"]["kind"], c["reference"]["rate"]) == (
        3.5,
        0,
        "lpr",
        3.5,
    )
    assert Decimal(str(c["monthly_payment"])) == _fen(float(-npf.pmt(3.5 / 1200, 360, 600000)))
    assert c["saving"] == pytest.approx(c["total_interest"] - body["total_interest"], abs=0.005)
    assert c["saving"] > 100_000
    spread = post(
        "/api/v1/repayment?schedule=0",
        {"principal": 600000, "months": 360, "date": "2025-06-01", "comparison_bps": 30},
    ).get_json()["commercial_comparison"]
    assert spread["annual_rate"] == 3.8 and spread["saving"] > c["saving"]
    before_lpr = post(
        "/api/v1/repayment?schedule=0", {"principal": 600000, "months": 360, "date": "2018-06-01"}
    )
    assert (
        before_lpr.get_json()["commercial_comparison"]["reference"]["kind"] == "benchmark"
    )  # 4.90 (2015-10-24)


def test_payment_per_10k_follows_the_days_policy(post):
    """每万元月供 on /policy: every cell is the API's payment on 10,000 at the rate of its term and
    home in the version of the day (2024-06-01: 2.35 % / 2.85 % first home, 2.775 % / 3.325 % second)."""
    from components import per_10k_table
    from tests.conftest import find, text_of

    table = find(per_10k_table.section("zh", "2024-06-01"), "per-10k-table")
    rows = table.children[1].children
    assert len(rows) == 30
    five, thirty = text_of(rows[4]), text_of(rows[29])
    assert "2.35%" in five and "2.775%" in five and "2.85%" in thirty and "3.325%" in thirty
    for years, rate, row in ((5, 2.35, rows[4]), (30, 2.85, rows[29])):
        body = post(
            "/api/v1/repayment?schedule=0", {"principal": 10000, "annual_rate": rate, "months": years * 12}
        ).get_json()
        assert f"{body['monthly_payment']:,.2f} 元" in text_of(row)
    assert "2.6%" in text_of(
        find(per_10k_table.section("zh", None, dt.date(2026, 11, 29)), "per-10k-table")
        .children[1]
        .children[29]
    )
    bad = per_10k_table.section("zh", "2014-01-01")
    assert "已按今天显示" in text_of(bad)


APPLICANTS = st.fixed_dictionaries(
    {
        "age": st.integers(18, 64),
        "contribution_months": st.integers(0, 240),
        "account_balance": st.integers(0, 400_000),
        "monthly_income": st.integers(2_000, 60_000),
        "house_price": st.integers(200_000, 4_000_000),
        "home_number": st.sampled_from([1, 2]),
        "category": st.sampled_from(["standard", "multi_child_family", "high_level_talent"]),
    }
)


@settings(max_examples=15, deadline=None)
@given(applicant=APPLICANTS)
def test_the_quota_timeline_equals_asking_on_each_versions_day(client, applicant):
    """Each timeline entry is what /api/v1/quota answers on that version's effective date."""
    body = client.post("/api/v1/quota", json={**applicant, "timeline": True}).get_json()
    assert [e["version"] for e in body["timeline"]][0] == "2015-08-26"
    for entry in body["timeline"]:
        alone = client.post("/api/v1/quota", json={**applicant, "date": entry["effective"]})
        if alone.status_code == 200:
            assert (entry["amount"], entry["binding_cap"]) == (
                alone.get_json()["amount"],
                alone.get_json()["binding_cap"],
            )
        else:
            assert entry["amount"] is None


def test_words_the_site_shows_and_the_real_reason_for_a_spread(post):
    """The site's own table says 二孩家庭 / 三孩及以上家庭; −400 bp on a 3.50 % LPR is refused for
    the negative rate it gives, not as out of −1000…1000."""
    base = {
        "age": 30,
        "contribution_months": 36,
        "account_balance": 60000,
        "monthly_income": 15000,
        "house_price": 1500000,
    }
    for word in ("二孩家庭", "三孩及以上家庭"):
        assert post("/api/v1/quota", {**base, "category": word}).status_code == 200
    r = post(
        "/api/v1/repayment?lang=en",
        {
            "principal": 400000,
            "commercial_principal": 300000,
            "months": 360,
            "date": "2025-06-01",
            "commercial_bps": -400,
        },
    )
    error = r.get_json()["errors"][0]
    assert r.status_code == 422 and error["code"] == "rate_below_zero" and "-350" in error["message"]


def test_the_two_methods_table_follows_the_same_rate_changes_as_the_headline():
    """A loan that started in 2022 at the policy rate: the side-by-side table's figures for the
    chosen method are the headline's (they once showed the contract-rate schedule instead)."""
    from calculators.loan_outcome import repriced_parts

    req = parse_repayment({"principal": "600000", "months": "360", "start_month": "2022-07"})
    outcome = run_repayment(req)
    mine = repriced_parts(req, req.method)
    assert len(outcome.rate_periods) > 1
    assert sum(p.total_interest for p in mine) == outcome.schedule.total_interest
    assert mine[0].last_payment == outcome.schedule.last_payment


def _pmt(balance, annual_rate, months) -> Decimal:
    """The level payment by numpy-financial, rounded half-up to the fen (the bank's quote)."""
    raw = -npf.pmt(float(annual_rate) / 1200, months, float(balance))
    return Decimal(str(raw)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@pytest.mark.parametrize("mode", ["shorten_term", "reduce_payment"])
def test_a_prepayment_keeps_the_loans_repricing(post, mode):
    """Issue 25: a 2025 loan that follows the 2026 rate cut keeps following it with a prepayment
    (it used to fall back to its contract rate: a 1,000-yuan prepayment raised the interest)."""
    loan = {"principal": 300000, "months": 120, "start_month": "2025-04"}
    plain = post("/api/v1/repayment?schedule=false", loan).get_json()
    body = post(
        "/api/v1/repayment", {**loan, "prepayment": {"month": 5, "amount": 20000, "mode": mode}}
    ).get_json()
    assert [p["annual_rate"] for p in body["rate_periods"]] == [2.85, 2.6]
    assert body["total_interest"] < plain["total_interest"]
    assert body["prepayment"]["interest_saved"] == pytest.approx(
        plain["total_interest"] - body["total_interest"]
    )
    rows = body["schedule"]
    # Period 10 (January 2026) carries the new rate: recomputed from the balance then.
    before = Decimal(str(rows[8]["balance"]))
    last = rows[-1]["period"] if mode == "shorten_term" else 120
    assert Decimal(str(rows[9]["payment"])) == _pmt(before, Decimal("2.6"), last - 9)
    assert Decimal(str(rows[9]["interest"])) == (before * Decimal("2.6") / 1200).quantize(Decimal("0.01"))
    paid = sum(Decimal(str(r["principal"])) + Decimal(str(r.get("prepayment", 0))) for r in rows)
    assert paid == 300000 and rows[-1]["balance"] == 0
    # Without later changes (a loan starting next year), the prepayment is the plain one.
    later = {**loan, "start_month": "2027-04", "prepayment": {"month": 5, "amount": 20000, "mode": mode}}
    assert len(post("/api/v1/repayment?schedule=false", later).get_json()["rate_periods"]) == 1


def test_a_commercial_loan_alone_follows_the_lpr(post):
    """Issue 25: principal 0 (or left out) with a commercial amount is a commercial loan alone, at
    the LPR plus its basis points, repriced on 1 January; no fund saving is claimed for it."""
    loan = {"principal": 0, "commercial_principal": 500000, "months": 360, "start_month": "2025-01"}
    body = post("/api/v1/repayment?schedule=false", {**loan, "commercial_bps": -30}).get_json()
    assert body["loan_type"] == "commercial" and "commercial_comparison" not in body
    assert body["rate_source"] == {"kind": "lpr", "reference": 3.6, "bps": -30}
    assert [p["annual_rate"] for p in body["rate_periods"]] == [3.3, 3.2]
    same = {k: v for k, v in loan.items() if k != "principal"}
    assert post("/api/v1/repayment?schedule=false", {**same, "commercial_bps": -30}).get_json() == body
    refused = post("/api/v1/repayment?schedule=false", {"principal": 0, "months": 360}).get_json()
    assert refused["errors"][0]["field"] == "principal"
