"""Rates to come: hypothetical changes through the repricing engine, a what-if beside the answer."""

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal

import numpy_financial as npf

from tests.conftest import TODAY

D = Decimal
NEXT_JANUARY = f"{int(TODAY[:4]) + 1}-01-01"
LOAN = {"principal": 600000, "months": 360, "date": TODAY}


def _fen(value) -> Decimal:
    return D(str(value)).quantize(D("0.01"), rounding=ROUND_HALF_UP)


def test_a_quarter_point_cut_recomputes_the_payment_from_the_balance(post):
    body = post("/api/v1/repayment", {**LOAN, "what_if": "-25"}).get_json()
    what_if = body["what_if"]
    assert what_if["rate_changes"] == [{"from": NEXT_JANUARY, "hpf_bps": -25, "lpr_bps": -25}]
    first, then = what_if["rate_periods"]
    assert then["from_date"] >= NEXT_JANUARY and D(str(then["annual_rate"])) == D(
        str(body["annual_rate"])
    ) - D("0.25")
    # Until the change the loan is the answer's; from it, an annuity on the balance left.
    balance = body["schedule"][then["from_period"] - 2]["balance"]
    months_left = 360 - then["from_period"] + 1
    expected = npf.pmt(float(then["annual_rate"]) / 1200, months_left, -float(balance))
    assert D(str(then["payment"])) == _fen(expected)
    assert D(str(first["payment"])) == D(str(body["first_payment"]))
    assert (
        D(str(what_if["interest_difference"]))
        == D(str(what_if["total_interest"])) - D(str(body["total_interest"]))
        < 0
    )


def test_the_answer_itself_never_rests_on_the_what_if(post):
    plain = post("/api/v1/repayment?schedule=false", LOAN).get_json()
    asked = post("/api/v1/repayment?schedule=false", {**LOAN, "what_if": "+25"}).get_json()
    assert asked["total_interest"] == plain["total_interest"] and "what_if" not in plain
    assert asked["what_if"]["interest_difference"] > 0


def test_a_list_of_changes_is_the_preset_spelled_out_and_changes_add_up(post):
    preset = post("/api/v1/repayment?schedule=false", {**LOAN, "what_if": "-50"}).get_json()["what_if"]
    spelled = [{"from": NEXT_JANUARY, "hpf_bps": -25, "lpr_bps": -25}] * 2
    listed = post("/api/v1/repayment?schedule=false", {**LOAN, "rate_changes": spelled}).get_json()["what_if"]
    assert listed["total_interest"] == preset["total_interest"]


def test_a_loan_under_way_meets_the_what_if_after_its_real_changes(post):
    loan = {"principal": 300000, "months": 240, "start_month": "2021-07"}
    plain = post("/api/v1/repayment?schedule=false", loan).get_json()
    asked = post("/api/v1/repayment?schedule=false", {**loan, "what_if": "-25"}).get_json()["what_if"]
    real = plain["rate_periods"]
    assert asked["rate_periods"][: len(real)] == real
    # A change from a 1 January reaches a loan under way on the next one (次年1月1日), as real ones do.
    assert asked["rate_periods"][-1]["from_date"] == f"{int(NEXT_JANUARY[:4]) + 1}-01-01"
    assert asked["rate_periods"][-1]["annual_rate"] == real[-1]["annual_rate"] - 0.25


def test_a_loan_starting_after_the_change_is_lent_at_the_changed_rate(post):
    later = {"principal": 600000, "months": 360, "start_month": f"{int(NEXT_JANUARY[:4])}-03"}
    plain = post("/api/v1/repayment?schedule=false", later).get_json()
    asked = post("/api/v1/repayment?schedule=false", {**later, "what_if": "-50"}).get_json()["what_if"]
    assert [p["annual_rate"] for p in asked["rate_periods"]] == [plain["annual_rate"] - 0.5]


def test_the_commercial_part_follows_the_lpr_change_on_its_own_repricing_day(post):
    loan = {**LOAN, "commercial_principal": 400000, "commercial_repricing": "anniversary"}
    change = [{"from": NEXT_JANUARY, "hpf_bps": 0, "lpr_bps": -50}]
    body = post("/api/v1/repayment?schedule=false", {**loan, "rate_changes": change}).get_json()
    hpf, commercial = body["what_if"]["rate_periods"], body["what_if"]["commercial_rate_periods"]
    assert len(hpf) == 1  # the HPF rates did not move
    anniversary = dt.date.fromisoformat(TODAY).replace(year=int(TODAY[:4]) + 1)
    due = dt.date.fromisoformat(commercial[1]["from_date"])  # the first payment due on or after it
    assert anniversary <= due < anniversary + dt.timedelta(days=31) and due.day == 1
    assert commercial[1]["annual_rate"] == commercial[0]["annual_rate"] - 0.5


def test_bad_changes_are_named_by_their_place(post):
    bad = [{"from": "soon", "hpf_bps": -25}, {"hpf_bps": 9000, "from": NEXT_JANUARY}, 7]
    body = post("/api/v1/repayment", {**LOAN, "rate_changes": bad}).get_json()
    fields = {e["field"] for e in body["errors"]}
    assert {"rate_changes[0].from", "rate_changes[1].hpf_bps", "rate_changes[2]"} <= fields
    both = post("/api/v1/repayment", {**LOAN, "what_if": "-25", "rate_changes": bad[:1]}).get_json()
    assert [e["field"] for e in both["errors"]] == ["what_if"]


def test_the_page_shows_the_what_if_the_api_answers(client, post):
    api = post("/api/v1/repayment?schedule=false", {**LOAN, "what_if": "-25"}).get_json()
    page = client.get(
        f"/calculators/repayment?principal=600000&months=360&date={TODAY}&what_if=-25"
    ).get_data(as_text=True)
    start = page.index('id="repayment-what-if"')
    shown = " ".join(re.sub(r"<[^>]+>", " ", page[start : start + 4000]).split())
    assert "不是预测" in shown or "假设" in shown
    assert f"{D(str(api['what_if']['total_interest'])):,.2f}" in shown
    assert f"{abs(D(str(api['what_if']['interest_difference']))):,.2f}" in shown


def test_the_openapi_document_describes_a_rate_change_and_unknown_names_are_refused(client, post):
    schema = client.get("/api/v1/openapi.json").get_json()["components"]["schemas"]["RateChange"]
    assert schema["required"] == ["from"] and set(schema["properties"]) == {"from", "hpf_bps", "lpr_bps"}
    typo = post("/api/v1/repayment", {**LOAN, "rate_changes": [{"from": NEXT_JANUARY, "hbps": -25}]})
    assert typo.status_code == 422 and typo.get_json()["errors"][0]["field"] == "rate_changes[0].hbps"
    past = post("/api/v1/repayment", {**LOAN, "rate_changes": [{"from": "2010-01-01", "hpf_bps": -25}]})
    assert [e["code"] for e in past.get_json()["errors"]] == ["before_first_policy"]


def test_a_what_if_with_a_prepayment_says_the_payment_after_it(post, client):
    loan = {"principal": 600000, "months": 360, "start_month": "2021-07", "what_if": "-25"}
    loan.update(
        prepayment_calendar_month="2027-06", prepayment_amount=100000, prepayment_mode="reduce_payment"
    )
    body = post("/api/v1/repayment", loan).get_json()
    month = body["prepayment"]["month"]
    after = D(str(body["what_if"]["rate_periods"][0]["payment"]))  # not the figure meant
    page = client.get("/calculators/repayment?" + "&".join(f"{k}={v}" for k, v in loan.items())).get_data(
        as_text=True
    )
    start = page.index('id="repayment-what-if-prepaid"')
    said = " ".join(re.sub(r"<[^>]+>", " ", page[start : start + 600]).split())
    assert f"第 {month + 1} 期（2027-07）提前还款后" in said and f"{after:,.2f}" not in said


def test_a_change_below_zero_stops_at_zero_and_says_so(post):
    loan = {**LOAN, "annual_rate": "0.3", "rate_changes": [{"from": NEXT_JANUARY, "hpf_bps": -500}]}
    what_if = post("/api/v1/repayment?schedule=false", loan).get_json()["what_if"]
    assert what_if["rate_periods"][-1]["annual_rate"] == 0 and what_if["rates_floored_at_zero"] is True
    blank = post("/api/v1/repayment?schedule=false", {**LOAN, "rate_changes": ""})
    assert blank.status_code == 200 and "what_if" not in blank.get_json()  # "" is left out, as documented
