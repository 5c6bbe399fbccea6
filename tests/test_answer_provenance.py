"""What an answer rests on: assumed figures and their ranges, verdicts that depend on an answer not
given, dates still to come, and the reference rate a commercial loan really used."""

import datetime as dt
from decimal import Decimal

from calculators import clock
from calculators.answers import judge
from calculators.money import floor_to
from calculators.policy_files import default_policy
from tests.conftest import APPLICANT, find, text_of
from wording.precheck_rows import detail_texts

D = Decimal
# The balance binds: 50,000 × 15 = 750,000 is below the 800,000 ceiling and the other caps.
BALANCE_BINDS = {**APPLICANT, "monthly_income": 30000}
ONE_HUNDRED = D(100)


def test_balance_cap_gives_the_quota_at_both_ends_of_the_assumed_multiple(post):
    q = judge(BALANCE_BINDS, for_quota=True).quota
    assert q.binding_cap == "balance" and q.amount == 750000
    assert q.assumed == ("balance_multiplier",)
    # ×10 binds lower still; ×20 (1,000,000) meets the 800,000 ceiling, which then binds.
    assert (q.span.low, q.span.high) == (floor_to(D(50000) * 10, ONE_HUNDRED), D(800000))
    assert (q.span.low_value, q.span.value, q.span.high_value) == (10, 15, 20)
    body = post("/api/v1/quota?lang=en", BALANCE_BINDS).get_json()
    assert body["range"]["low"] == 500000 and body["range"]["high"] == 800000
    assert body["range"]["assumption"] == "balance_multiplier"
    assert "500,000" in body["range"]["message"] and "10–20" in body["range"]["message"]
    assert body["assumptions"] == ["balance_multiplier"]


def test_no_range_when_the_assumption_cannot_move_the_amount():
    rich = {**BALANCE_BINDS, "account_balance": 200000, "house_price": 3000000}  # ×10 = 2,000,000
    q = judge(rich, for_quota=True).quota
    assert q.binding_cap == "ceiling" and q.span is None and q.assumed == ()


def test_capacity_cap_names_the_assumed_income_ratio(post):
    poor = {**APPLICANT, "account_balance": 300000, "monthly_income": 5000}
    body = post("/api/v1/quota", poor).get_json()
    assert body["binding_cap"] == "repayment_capacity" and "income_ratio" in body["assumptions"]


def test_quota_page_headline_states_the_assumption_and_the_range():
    from pages import quota

    answer = quota.compute(BALANCE_BINDS, "zh")
    line = text_of(find(answer.result, "quota-assumption"))
    assert "账户余额倍数" in line and "10–20" in line and "500,000" in line and "800,000" in line


def test_batch_rows_carry_the_range_in_their_details(post):
    body = post("/api/v1/precheck", {"applicants": [BALANCE_BINDS]}).get_json()
    row = body["rows"][0]
    assert row["range"]["low"] == 500000
    assert any("10–20" in text for text in detail_texts(row, "zh"))


def test_unsourced_parameters_state_no_start_date(client):
    version = default_policy().on(dt.date(2026, 1, 1))
    for name in ("balance_multiplier", "income_ratio", "max_age_at_term_end", "min_age", "max_home_number"):
        assert not version[name].since_known, name
    body = client.get("/api/v1/policy?date=2026-01-01").get_json()
    assert body["parameters"]["balance_multiplier"]["since"] is None


def test_the_2024_03_29_rule_is_dated_by_its_document():
    version = default_policy().on(dt.date(2024, 4, 1))
    assert "文件" in version.label["zh"] and "Document" in version.label["en"]
    assert version["ceiling_standard"].since_assumed


def test_before_2022_04_01_a_non_local_applicant_without_an_answer_depends(post):
    asked = {**APPLICANT, "date": "2022-03-31", "fund_city": "other"}
    assert post("/api/v1/eligibility", asked).get_json()["eligible"] is None
    assert post("/api/v1/eligibility", {**asked, "local_hukou": "0"}).get_json()["eligible"] is False
    assert post("/api/v1/eligibility", {**asked, "local_hukou": "1"}).get_json()["eligible"] is True
    rows = post("/api/v1/precheck", {"applicants": [asked]}).get_json()
    assert rows["rows"][0]["status"] == "depends" and rows["summary"]["depends"] == 1
    assert rows["rows"][0]["amount"] is not None and rows["rows"][0]["unchecked"]


def test_eligibility_page_says_depends_not_pass():
    from pages import eligibility

    answer = eligibility.compute({**APPLICANT, "date": "2022-03-31", "fund_city": "other"}, "zh")
    assert "取决于" in text_of(find(answer.result, "eligibility-verdict"))


def test_a_day_still_to_come_is_answered_by_todays_rules(post):
    ahead = (clock.today() + dt.timedelta(days=400)).isoformat()
    body = post("/api/v1/quota", {**APPLICANT, "date": ahead}).get_json()
    assert body["rules_as_of_today"] is True and body["date"] == ahead
    assert any(n["code"] == "future_day" for n in body["notes"])
    assert post("/api/v1/quota", APPLICANT).get_json()["rules_as_of_today"] is False

    from pages import quota

    shown = text_of(find(quota.compute({**APPLICANT, "date": ahead}, "zh").result, "future-day"))
    assert ahead in shown and "今天" in shown


def test_a_bad_option_is_named_with_the_applicants_bad_fields(post):
    r = post("/api/v1/quota", {**APPLICANT, "age": "x", "timeline": "maybe"})
    assert r.status_code == 422
    assert {e["field"] for e in r.get_json()["errors"]} >= {"age", "timeline"}


def test_commercial_loans_used_the_benchmark_until_2019_10_08(post):
    loan = {"principal": 400000, "months": 360, "commercial_principal": 300000}
    before = post("/api/v1/repayment", {**loan, "date": "2019-09-01"}).get_json()
    after = post("/api/v1/repayment", {**loan, "date": "2019-10-08"}).get_json()
    assert before["parts"]["commercial"]["rate_kind"] == "benchmark"
    assert D(str(before["parts"]["commercial"]["annual_rate"])) == D("4.9")
    assert before["commercial_comparison"]["reference"]["kind"] == "benchmark"
    assert after["parts"]["commercial"]["rate_kind"] == "lpr"
    assert D(str(after["parts"]["commercial"]["annual_rate"])) == D("4.85")


def test_the_shortcut_past_unmoved_spans_agrees_with_asking_again():
    """The quota skips asking again when the balance cap stays clear of the amount at ×10; over
    a grid it must answer exactly what asking at ×10 and ×20 answers."""
    from calculators.applicant import parse_applicant
    from calculators.quota import quota

    version = default_policy().on(dt.date(2026, 1, 1))
    for balance in range(0, 200_001, 7_000):
        for income in (4000, 9000, 15000, 40000):
            a = parse_applicant(
                {**APPLICANT, "account_balance": balance, "monthly_income": income, "date": "2026-01-01"},
                for_quota=True,
            )
            q = quota(a, version)
            low, high = (
                quota(a, version.with_value("balance_multiplier", m), spans=False).amount for m in (10, 20)
            )
            assert (q.span is None) == (low == high), (balance, income)
            if q.span:
                assert (q.span.low, q.span.high) == (low, high)


def test_the_quota_api_says_when_the_applicant_is_not_eligible(post):
    body = post("/api/v1/quota", {**APPLICANT, "contribution_months": 2}).get_json()
    assert body["eligible"] is False and [f["rule"] for f in body["failed"]] == ["contribution_months"]
    assert body["amount"] == 750000  # still given: what it would be once the rule is met
    depends = post("/api/v1/quota", {**APPLICANT, "date": "2022-03-01", "fund_city": "other"}).get_json()
    assert depends["eligible"] is None and depends["unchecked"][0]["rule"] == "hukou"


def test_the_timeline_marks_a_day_that_depends_on_an_answer():
    from pages import quota

    shown = text_of(
        find(
            quota.compute({**APPLICANT, "date": "2022-03-01", "fund_city": "other"}, "zh").result,
            "quota-timeline",
        )
    )
    assert "待确认" in shown


def test_every_answer_key_is_in_the_openapi_document(client, post):
    doc = client.get("/api/v1/openapi.json").get_json()
    spec = doc["paths"]

    def documented(path):
        schema = spec[path]["post"]["responses"]["200"]["content"]["application/json"]["schema"]
        name = schema["$ref"].rsplit("/", 1)[1]  # the answer's model (api/answer_models.py)
        return set(doc["components"]["schemas"][name]["properties"])

    asked = {
        "/api/v1/quota": {**APPLICANT, "cash": 300000, "timeline": True},
        "/api/v1/eligibility": APPLICANT,
        "/api/v1/repayment": {
            "principal": 600000,
            "months": 360,
            "date": "2022-06-01",
            "prepayment": {"month": 12, "amount": 100000, "mode": "reduce_payment"},
            "scenarios": [{"months": 240}],
        },
    }
    for path, body in asked.items():
        assert set(post(path, body).get_json()) <= documented(path), path
    combo = post("/api/v1/repayment", {"principal": 400000, "months": 360, "commercial_principal": 200000})
    assert set(combo.get_json()) <= documented("/api/v1/repayment")
