"""Cash to close: the deed tax by FACTS section 6, the costs the buyer enters (never a silent
zero), and the affordable price that leaves room for both."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators.cash_to_close import deed_tax
from calculators.policy_files import default_policy
from tests.conftest import APPLICANT

D = Decimal
RULES = default_policy().deed_tax
BEFORE, AFTER = dt.date(2024, 11, 30), dt.date(2024, 12, 1)
# (area m², home number, day) -> (rate %, notice), typed from FACTS section 6, not from the data file.
CASES = {
    **{(a, 1, BEFORE): ("1", "财税〔2016〕23号") for a in (89, 90)},
    **{(a, 1, BEFORE): ("1.5", "财税〔2016〕23号") for a in (91, 139, 140, 141)},
    **{(a, 2, BEFORE): ("1", "财税〔2016〕23号") for a in (89, 90)},
    **{(a, 2, BEFORE): ("2", "财税〔2016〕23号") for a in (91, 139, 140, 141)},
    **{(a, 1, AFTER): ("1", "财政部公告2024年第16号") for a in (89, 90, 91, 139, 140)},
    (141, 1, AFTER): ("1.5", "财政部公告2024年第16号"),
    **{(a, 2, AFTER): ("1", "财政部公告2024年第16号") for a in (89, 90, 91, 139, 140)},
    (141, 2, AFTER): ("2", "财政部公告2024年第16号"),
}


@pytest.mark.parametrize(("area", "home", "day"), list(CASES))
def test_the_deed_tax_rate_is_the_notice_in_force_for_the_area_and_home(area, home, day):
    rate, notice = CASES[(area, home, day)]
    tax = deed_tax(RULES, D(1_000_000), D(area), home, day)
    assert tax.rate == D(rate) and tax.source.short["zh"] == notice and not tax.assumed
    assert tax.amount == D(1_000_000) * D(rate) / 100


def test_a_third_home_and_a_day_before_the_reductions_pay_the_assumed_provincial_rate():
    for home, day in ((3, AFTER), (1, dt.date(2016, 2, 21))):
        tax = deed_tax(RULES, D(800_000), D(80), home, day)
        assert tax.rate == 3 and tax.assumed and tax.amount == 24_000


def test_the_tax_is_rounded_to_the_fen():
    assert deed_tax(RULES, D("1234567.89"), D(150), 1, AFTER).amount == D("18518.52")


def text_of(html: str, element_id: str, length: int = 3000) -> str:
    """The text from one element of the server's page on, tags dropped."""
    start = html.index(f'id="{element_id}"')
    return " ".join(re.sub(r"<[^>]+>", " ", html[start : start + length]).split())


@pytest.mark.parametrize(("area", "home"), [(89, 1), (141, 1), (141, 2), (120, 2)])
def test_the_page_and_the_api_give_the_same_cash_to_close(client, post, area, home):
    ask = {**APPLICANT, "floor_area": area, "home_number": home, "date": "2026-11-27", "agency_fee": 8000}
    body = post("/api/v1/quota", ask).get_json()
    close = body["cash_to_close"]
    tax = D(str(close["deed_tax"]["amount"]))
    assert D(str(close["total"])) == D(str(close["down_payment"])) + tax + 8000
    assert close["not_included"] == ["maintenance_fund", "registration_fee"]
    query = "&".join(f"{k}={v}" for k, v in ask.items())
    html = client.get(f"/calculators/quota?{query}").get_data(as_text=True)
    shown = text_of(html, "quota-close")
    assert f"{tax:,.2f}" in shown and f"{D(str(close['total'])):,.2f}" in shown
    assert "专项维修资金" in shown and "未计入" in shown


def test_without_a_floor_area_the_deed_tax_is_named_as_not_included(post, client):
    close = post("/api/v1/quota", APPLICANT).get_json()["cash_to_close"]
    assert close["deed_tax"] is None and close["not_included"][0] == "deed_tax"
    assert close["total"] == close["down_payment"]
    query = "&".join(f"{k}={v}" for k, v in APPLICANT.items())
    html = client.get(f"/calculators/quota?{query}").get_data(as_text=True)
    assert "契税未计入" in text_of(html, "quota-close-tax", 200)


@settings(max_examples=25, deadline=None)
@given(
    cash=st.integers(20_000, 2_000_000),
    area=st.sampled_from([60, 90, 120, 140, 141, 200]),
    home=st.sampled_from([1, 2, 3]),
    fee=st.sampled_from([None, 0, 6000]),
)
def test_the_affordable_price_covers_cash_to_close_and_100_yuan_more_does_not(post, cash, area, home, fee):
    base = {k: v for k, v in APPLICANT.items() if k != "house_price"}
    base.update(floor_area=area, home_number=home, **({} if fee is None else {"maintenance_fund": fee}))
    found = post("/api/v1/quota", {**base, "cash": cash}).get_json()["affordable"]
    price = D(str(found["price"]))
    if price == 0:
        return  # the costs alone are more than the cash
    at = post("/api/v1/quota", {**base, "house_price": str(price)}).get_json()["cash_to_close"]
    above = post("/api/v1/quota", {**base, "house_price": str(price + 100)}).get_json()["cash_to_close"]
    assert D(str(at["total"])) <= cash < D(str(above["total"]))
    assert D(str(found["down_payment"])) + D(str(found["costs"])) == D(str(at["total"]))


def test_a_client_list_reads_the_floor_area_column(upload):
    data = (
        "客户,借款人年龄,连续缴存月数,公积金账户余额,家庭月收入,房屋总价,建筑面积（㎡）\n"
        "张三,30,24,50000,12000,100万,141\n"
        "李四,30,24,50000,12000,100万,120平方米\n"
    ).encode()
    rows = upload("list.csv", data).get_json()["rows"]
    assert [r["cash_to_close"]["deed_tax"]["rate"] for r in rows] == [1.5, 1]
    from wording.precheck_rows import detail_texts

    said = " ".join(detail_texts(rows[0], "zh"))
    assert "签约时要准备 265,000.00 元（首付 250,000.00 元，契税 1.5% 15,000.00 元）" in said
    assert "未含专项维修资金" in said


def test_a_day_before_the_first_reduction_says_why_it_takes_the_provincial_rate(post, client):
    ask = {**APPLICANT, "floor_area": 100, "date": "2016-01-01"}
    tax = post("/api/v1/quota", ask).get_json()["cash_to_close"]["deed_tax"]
    assert tax["rate"] == 3 and tax["standard_because"] == "before_reductions"
    query = "&".join(f"{k}={v}" for k, v in ask.items())
    shown = text_of(client.get(f"/calculators/quota?{query}").get_data(as_text=True), "quota-close-tax", 400)
    assert "2016-02-22" in shown and "第三套" not in shown


def test_a_commercial_part_under_1000_yuan_is_no_loan(post):
    """The loan-to-value cap binds and the quota is rounded down to 100 yuan: the 40 yuan left is
    no commercial loan anyone makes, so the least down payment is the HPF-only one."""
    ask = {**APPLICANT, "house_price": 820_050, "account_balance": 200_000, "monthly_income": 30_000}
    body = post("/api/v1/quota", ask).get_json()
    assert body["binding_cap"] == "loan_to_value" and body["caps"]["loan_to_value"] - body["amount"] == 40
    assert body["down_payment"]["commercial_part"] == 0
    assert body["down_payment"]["minimum"] == body["down_payment"]["hpf_only"] == 164_050
    assert body["cash_to_close"]["with_commercial"] is None


def test_a_wrong_area_is_told_with_an_area_example(post):
    errors = post("/api/v1/quota", {**APPLICANT, "floor_area": "abc"}).get_json()["errors"]
    assert "89.5" in errors[0]["message"] and "600000" not in errors[0]["message"]


def test_the_page_tells_a_wrong_area_with_an_area_example(client):
    html = client.get(
        f"/calculators/quota?{'&'.join(f'{k}={v}' for k, v in APPLICANT.items())}&floor_area=abc"
    )
    said = text_of(html.get_data(as_text=True), "quota-form", 20000)
    assert "例如 89.5" in said and "例如 600000" not in said


def test_a_third_home_in_a_client_list_says_its_cash_to_close(upload):
    from wording.precheck_rows import detail_texts

    data = "客户,借款人年龄,连续缴存月数,公积金账户余额,家庭月收入,房屋总价,建筑面积,购房套数\n王五,30,24,50000,12000,90万,95,3\n"
    row = upload("list.csv", data.encode()).get_json()["rows"][0]
    assert row["amount"] == 0 and row["cash_to_close"]["deed_tax"]["rate"] == 3
    assert "签约时要准备 927,000.00 元（首付 900,000.00 元，契税 3% 27,000.00 元）" in " ".join(
        detail_texts(row, "zh")
    )
