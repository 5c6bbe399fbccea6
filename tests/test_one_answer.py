"""Issue 25: one answer whatever the path. The server's HTML of a repayment link and the API given
the same fields give the same numbers: past and future starts, policy and typed rates (a typed
rate equal to the policy's included), both methods, combination and commercial-only loans and
prepayments."""

from __future__ import annotations

import re
from decimal import Decimal as D
from urllib.parse import urlencode

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from calculators import clock
from components.repayment_form import auto_rate
from wording.numbers import yuan

MONTHS = [f"{y}-{m:02d}" for y in range(2020, 2029) for m in range(1, 13)]


@st.composite
def loans(draw):
    months = draw(st.integers(min_value=12, max_value=360))
    start = draw(st.sampled_from(MONTHS))
    loan = {
        "principal": draw(st.integers(min_value=1, max_value=100)) * 10000,
        "months": months,
        "start_month": start,
        "method": draw(st.sampled_from(["equal_installment", "equal_principal"])),
    }
    rate = draw(st.sampled_from(["policy", "typed", "typed_policy"]))
    if rate == "typed":
        loan["annual_rate"] = str(draw(st.decimals(min_value=1, max_value=5, places=2)))
    elif rate == "typed_policy":  # the policy's own rate, typed: held, as the API holds it
        loan["annual_rate"] = auto_rate(months, "1", start)
    if draw(st.booleans()):
        loan["commercial_principal"] = draw(st.integers(min_value=1, max_value=50)) * 10000
        if draw(st.booleans()):  # a commercial loan alone: no fund part
            loan["principal"] = 0
            loan.pop("annual_rate", None)
    if draw(st.booleans()):
        loan["what_if"] = draw(st.sampled_from(["-25", "-50", "+25"]))
    if draw(st.booleans()):
        loan["prepayment"] = {
            "month": draw(st.integers(min_value=1, max_value=months - 1)),
            "amount": draw(st.integers(min_value=1, max_value=20)) * 1000,
            "mode": draw(st.sampled_from(["shorten_term", "reduce_payment", "pay_off"])),
            "part": draw(st.sampled_from(["commercial", "hpf"])),
        }
    return loan


def link(loan: dict) -> str:
    query = {k: v for k, v in loan.items() if k != "prepayment" and v is not None}
    for key, value in (loan.get("prepayment") or {}).items():
        query[f"prepayment_{key}"] = value
    return "/calculators/repayment?" + urlencode(query)  # "+25" stays a plus


def shown_text(html: str, element_id: str) -> str:
    """The text of one element of the server's page, tags dropped."""
    start = html.index(f'id="{element_id}"')
    end = html.index("</div>", start)
    return " ".join(re.sub(r"<[^>]+>", " ", html[start:end]).split())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(loans())
def test_the_page_and_the_api_answer_the_same_loan(client, post, loan):
    api = post("/api/v1/repayment?schedule=false", loan)
    page = client.get(link(loan)).get_data(as_text=True)
    if api.status_code != 200:  # refused alike: the page says why beside a field, with no totals
        assert 'id="repayment-totals"' not in page, (loan, api.get_json())
        return
    body = api.get_json()
    totals = shown_text(page, "repayment-totals")
    assert yuan(D(str(body["total_interest"])), "zh") in totals, (loan, totals, body["total_interest"])
    # The headline: the payment due this month for a loan under way, else the first payment.
    due = body.get("payment_due_now", {}).get("payment", body["first_payment"])
    assert shown_text(page, "repayment-payment").endswith(yuan(D(str(due)), "zh")), loan
    if "what_if" in body:  # the what-if beside it, the same on both
        what_if = " ".join(
            re.sub(r"<[^>]+>", " ", page[page.index('id="repayment-what-if"') :][:6000]).split()
        )
        moved = len(body["what_if"]["rate_periods"]) + len(body["what_if"]["commercial_rate_periods"]) > 2
        if moved or "parts" not in body and len(body["what_if"]["rate_periods"]) > 1:
            assert yuan(D(str(body["what_if"]["total_interest"])), "zh") in what_if, loan


def test_a_loan_under_way_headlines_the_payment_due_this_month(client, post):
    """A 2021 loan on 2026-11-27 (the suite's day): this month's payment first, the first beside it."""
    assert clock.today().isoformat() == "2026-11-27"
    loan = {"principal": 600000, "months": 360, "start_month": "2021-07"}
    body = post("/api/v1/repayment?schedule=false", loan).get_json()
    assert body["payment_due_now"] == {"period": 65, "payment": 2421.77} and body["first_payment"] == 2611.24
    page = client.get(link(loan)).get_data(as_text=True)
    assert shown_text(page, "repayment-payment-label").startswith(
        'id="repayment-payment-label">本月（2026-11）应还'
    )
    assert "首月（2021-07）还款 2,611.24 元" in page
    later = post("/api/v1/repayment?schedule=false", {**loan, "start_month": "2027-07"}).get_json()
    assert "payment_due_now" not in later
