"""The OpenAPI document's date and month patterns accept exactly what the server accepts."""

from __future__ import annotations

import datetime as dt
import re

from hypothesis import given
from hypothesis import strategies as st

from api.schema_bounds import (
    between,
    date_pattern,
    first_day,
    first_payment_month,
    may_be_left_out,
    month_pattern,
)
from calculators.loan_request import loan_start


@given(st.integers(0, 9999), st.integers(0, 9999), st.integers(0, 9999))
def test_between_matches_exactly_its_range(lo, hi, n):
    lo, hi = min(lo, hi), max(lo, hi)
    assert bool(re.fullmatch(between(lo, hi, 4), f"{n:04d}")) == (lo <= n <= hi)


def test_the_date_pattern_starts_with_the_first_policy_version():
    pattern, first = date_pattern(first_day()), first_day()
    day = dt.date(first.year - 1, 1, 1)
    while day.year <= 2201:
        assert bool(re.match(pattern, day.isoformat())) == (first <= day <= dt.date(2200, 12, 31)), day
        day += dt.timedelta(days=1)


def test_the_month_pattern_starts_with_the_first_loan_the_policy_covers():
    pattern = month_pattern(first_payment_month())
    for year in range(2010, 2202):
        for month in range(1, 13):
            text = f"{year}-{month:02d}"
            accepted = loan_start(text) is not None and loan_start(text) >= first_day()
            assert bool(re.match(pattern, text)) == accepted, text
    assert not re.match(pattern, "0000-01")


def test_left_out_fields_may_be_null_or_empty(client):
    assert may_be_left_out({"$ref": "#/x"}) == {"anyOf": [{"$ref": "#/x"}, {"type": "null"}, {"const": ""}]}
    body = {"age": 30, "contribution_months": 24, "account_balance": 50000, "monthly_income": 12000}
    body["house_price"] = 1000000
    plain = client.post("/api/v1/quota", json=body).get_json()["amount"]
    for blank in (None, ""):
        assert (
            client.post("/api/v1/quota", json={**body, "date": blank, "category": blank}).get_json()["amount"]
            == plain
        )
