"""What the buyer brings, and how much home the cash and the caps allow."""

from dataclasses import replace
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators.afford import affordable
from calculators.answers import judge
from calculators.applicant import parse_applicant
from calculators.errors import ValidationError
from calculators.policy_files import default_policy
from calculators.quota import quota
from tests.conftest import APPLICANT, find, text_of

D = Decimal
BUYER = {k: v for k, v in APPLICANT.items() if k != "house_price"}


def _loan(applicant, version, price):
    return quota(replace(applicant, house_price=price), version).amount


@settings(max_examples=60, deadline=None)
@given(
    cash=st.integers(1000, 3_000_000),
    balance=st.integers(0, 400_000),
    income=st.integers(3000, 80_000),
    home=st.sampled_from([1, 2]),
    date=st.sampled_from(["2016-01-01", "2022-05-01", "2024-04-01", "2025-06-01", "2026-11-27"]),
)
def test_the_price_is_the_highest_whose_down_payment_the_cash_covers(cash, balance, income, home, date):
    a = parse_applicant(
        {**BUYER, "account_balance": balance, "monthly_income": income, "home_number": home, "date": date},
        for_quota=False,
    )
    version = default_policy().on(a.date)
    least = D(10_000)
    if least - _loan(a, version, least) > cash:  # not even the least price the site calculates
        with pytest.raises(ValidationError) as refused:
            affordable(a, version, D(cash))
        (error,) = refused.value.errors
        assert (error.field, error.code, error.params["need"]) == (
            "cash",
            "cash_below_least_home",
            least - _loan(a, version, least),
        )
        return
    found = affordable(a, version, D(cash))
    assert found.price >= least and found.price % 100 == 0 and found.loan == _loan(a, version, found.price)
    assert found.down_payment == found.price - found.loan <= cash
    higher = found.price + 100
    assert higher - _loan(a, version, higher) > cash  # a hundred yuan more no longer fits
    # With a commercial part for the rest: the least down payment the cash covers, no more.
    combo = found.with_commercial
    if combo is not None and combo.commercial_loan == 0:  # under 1,000 yuan: no loan, the HPF price
        assert (combo.price, combo.hpf_loan, combo.down_payment) == (
            found.price,
            found.loan,
            found.down_payment,
        )
    elif combo is not None:
        assert combo.commercial_loan >= 1000
        most = quota(replace(a, house_price=combo.price), version).cap("loan_to_value").amount
        assert combo.price >= found.price and combo.price % 100 == 0
        assert combo.hpf_loan == min(_loan(a, version, combo.price), most)
        assert (
            combo.hpf_loan + combo.commercial_loan == most
            and combo.down_payment == combo.price - most <= cash
        )
        over = combo.price + 100
        assert over - quota(replace(a, house_price=over), version).cap("loan_to_value").amount > cash


def test_cash_alone_is_enough_for_the_quota(post):
    body = post("/api/v1/quota", {**BUYER, "cash": "30万"}).get_json()
    a = body["affordable"]
    assert a["price"] == body["house_price"] and a["loan"] == body["amount"]
    assert a["down_payment"] == a["price"] - a["loan"] <= 300000
    assert body["down_payment"]["hpf_only"] == a["down_payment"]
    r = post("/api/v1/quota", BUYER)  # neither price nor cash
    assert r.status_code == 422 and r.get_json()["errors"][0]["field"] == "house_price"


def test_down_payment_with_and_without_a_commercial_part():
    answer = judge({**APPLICANT, "account_balance": 40000}, for_quota=True)  # balance binds: 600,000
    down = answer.down_payment
    assert answer.quota.amount == 600000
    assert down.hpf_only == 400000  # 1,000,000 − 600,000
    assert down.minimum == 200000 and down.commercial_part == 200000  # 80 % of the price at most


def test_quota_page_shows_what_to_bring_and_links_the_combination_loan():
    from pages import quota as page

    shown = page.compute({**APPLICANT, "account_balance": 40000}, "zh").result
    assert "40 万元" in text_of(find(shown, "quota-down-hpf"))
    link = find(shown, "quota-combination-link").href
    assert "principal=600000" in link and "commercial_principal=200000" in link

    afford = page.compute({**BUYER, "cash": "300000"}, "en").result
    assert find(afford, "quota-afford-price") is not None
    assert "HPF loan" in text_of(find(afford, "quota-afford-parts"))


def test_eligibility_does_not_ask_for_cash():
    from pages import eligibility, quota

    def names(layout):
        found = []

        def walk(c):
            cid = getattr(c, "id", None)
            if isinstance(cid, dict) and cid.get("type") == "field":
                found.append(cid["name"])
            kids = getattr(c, "children", None)
            for k in kids if isinstance(kids, (list, tuple)) else [kids]:
                if hasattr(k, "children") or hasattr(k, "id"):
                    walk(k)

        walk(layout)
        return found

    assert "cash" not in names(eligibility.layout())
    assert "cash" in names(quota.layout())


def test_a_client_list_with_cash_gets_the_highest_price(post):
    body = post("/api/v1/precheck", {"applicants": [{**BUYER, "cash": 300000}]}).get_json()
    row = body["rows"][0]
    assert row["status"] == "eligible" and row["affordable"]["price"] > 300000


def test_with_cash_alone_the_timeline_asks_at_the_affordable_price(post):
    body = post("/api/v1/quota", {**BUYER, "cash": 300000, "timeline": True}).get_json()
    assert all(e["amount"] is not None for e in body["timeline"])
    assert body["timeline"][-1]["amount"] == body["amount"]


def test_a_client_list_reads_cash_in_the_unit_its_header_or_cell_names(upload):
    """The header's （万元）or the cell's 万 decides; a bare 5000 is 5,000 yuan as in a single
    request, never 5000万 guessed from its size."""
    head = "客户,借款人年龄,连续缴存月数,公积金账户余额,家庭月收入,{cash}\n"
    for cash_header, cell, yuan in (
        ("可用于首付的钱（万元）", "30", 300000),
        ("首付款", "30万", 300000),
        ("首付款", "5000", 5000),
    ):
        data = head.format(cash=cash_header) + f"张三,30,24,50000,12000,{cell}\n"
        row = upload("list.csv", data.encode("utf-8")).get_json()["rows"][0]
        assert row["status"] == "eligible" and row["affordable"]["cash"] == yuan, (cash_header, cell)


def test_cash_short_of_the_least_home_is_said_on_the_cash_field_or_left_to_the_price():
    """¥1,000 once "afforded" a ¥5,000 home, below the least price the site calculates. Alone,
    the cash is now the field to fix, with what the least home needs; beside a price, the quota
    for that price is answered and the shortfall is a note of it, never dropped in silence."""
    with pytest.raises(ValidationError) as refused:
        judge({**BUYER, "cash": 1000}, for_quota=True)
    (error,) = refused.value.errors
    assert (error.field, error.code) == ("cash", "cash_below_least_home")
    assert error.params["least"] == 10_000 and error.params["need"] > 1000
    with_price = judge({**BUYER, "cash": 1000, "house_price": 600_000}, for_quota=True)
    assert with_price.affordable is None and with_price.quota.amount > 0
    (note,) = [n for n in with_price.quota.notes if n.code == "cash_below_least_home"]
    assert note.params["cash"] == 1000 and note.params["need"] == error.params["need"]
